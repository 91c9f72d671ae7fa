"""The GraphiQL page: vendored assets served by the gateway itself, so it works offline."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS = Path(__file__).parent / "static" / "graphiql"
STATIC_PATH = "/static/graphiql"

DEFAULT_QUERY = """\
# A customer with its contacts.
# Press ▶ to run it; the API token
# goes in Headers, below.
query CustomerWithContacts {
  customers(first: 1) {
    totalCount
    nodes {
      id
      databaseId
      company
      phone
      contacts {
        totalCount
        nodes {
          firstname
          lastname
          email
          isPrimary
        }
      }
    }
  }
}
"""

# GraphiQL sets inline styles and embeds its fonts as data: URLs; everything else,
# scripts included, must come from the gateway: no CDN, no inline script.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CRM gateway · GraphiQL</title>
  <link rel="stylesheet" href="{static}/graphiql.min.css">
  <style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script type="application/json" id="graphiql-config">{config}</script>
  <script src="{static}/react.production.min.js"></script>
  <script src="{static}/react-dom.production.min.js"></script>
  <script src="{static}/graphiql.min.js"></script>
  <script src="{static}/setup.js"></script>
</body>
</html>
"""


def graphiql_html(*, endpoint: str, static: str) -> str:
    config = json.dumps({"endpoint": endpoint, "defaultQuery": DEFAULT_QUERY})
    # `<` escaped so no value can close the script element it sits in.
    return PAGE.format(static=static, config=config.replace("<", "\\u003c"))


def graphiql_response(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    html = graphiql_html(endpoint=request.url.path, static=f"{root}{STATIC_PATH}")
    return HTMLResponse(
        html,
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            # The page may be opened with ?token=...: never leak it to another site.
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
