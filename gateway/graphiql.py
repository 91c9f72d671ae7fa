"""The GraphiQL page: vendored assets served by the gateway itself, so it works offline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS = Path(__file__).parent / "static" / "graphiql"
STATIC_PATH = "/static/graphiql"

# The page's HTML and the tabs GraphiQL opens on a first visit, in order (the first is also
# every new tab's query): each tab a GraphQL document of its own, which tests run against
# the schema.
FILES = Path(__file__).parent / "graphiql_page"


@dataclass(frozen=True)
class Example:
    """A saved operation GraphiQL opens as a tab on a first visit."""

    file: str
    variables: dict[str, object] | None = None

    @cached_property
    def query(self) -> str:
        return (FILES / self.file).read_text(encoding="utf-8")

    def tab(self) -> dict[str, str | None]:
        variables = json.dumps(self.variables, indent=2) if self.variables else None
        return {"query": self.query, "variables": variables}


EXAMPLES = (
    Example("1-customer-with-contacts.graphql"),
    Example("2-invoices-page.graphql", {"first": 5, "after": None}),
    Example("3-filter.graphql"),
    Example(
        "4-create-customer.graphql", {"input": {"company": "Example Trading LLC", "country": "AE"}}
    ),
    Example("5-record-changed.graphql"),
)
DEFAULT_QUERY = EXAMPLES[0].query

# GraphiQL sets inline styles and embeds its fonts as data: URLs; everything else,
# scripts included, must come from the gateway: no CDN, no inline script.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        # 'self' covers ws: and wss: to the page's own host too (CSP Level 3): the
        # subscriptions' WebSocket needs nothing more.
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)

PAGE = (FILES / "page.html").read_text(encoding="utf-8")


def graphiql_html(*, endpoint: str, static: str) -> str:
    config = json.dumps(
        {
            "endpoint": endpoint,
            "defaultQuery": DEFAULT_QUERY,
            "tabs": [example.tab() for example in EXAMPLES],
        }
    )
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
