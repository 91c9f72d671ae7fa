"""The GraphiQL page: vendored assets served by the gateway itself, so it works offline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS = Path(__file__).parent / "static" / "graphiql"
STATIC_PATH = "/static/graphiql"

# The tab GraphiQL opens first, and the query of every new tab. The examples' comment lines
# stay short enough to read whole in the editor beside an open side panel.
DEFAULT_QUERY = """\
# A customer with its contacts and
# latest invoices, each with its
# payments, in one request. Press ▶
# to run it; the API token goes in
# Headers, below.
#
# Lists are connections, read here
# through edges { cursor node {...} }:
# the shape Apollo's
# relayStylePagination and Relay
# page through. nodes { ... } is the
# short form: the same records,
# without their cursors.
query CustomerWithContacts {
  customers(first: 1) {
    totalCount
    edges {
      cursor
      node {
        id
        databaseId
        company
        phone
        contacts {
          totalCount
          edges {
            node {
              firstname
              lastname
              email
              isPrimary
            }
          }
        }
        invoices(
          first: 3
          orderBy: [{field: DATE, direction: DESC}]
        ) {
          edges {
            node {
              number
              date
              total
              amountDue
              payments {
                edges {
                  node {
                    amount
                    date
                    paymentMode {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""

PAGINATED_LIST = """\
# Invoices, newest first, five at a
# time. For the next page, set "after"
# in Variables to the endCursor this
# page returned and run it again;
# hasNextPage is false on the last.
query InvoicesPage($first: Int = 5, $after: String) {
  invoices(
    first: $first
    after: $after
    orderBy: [{field: DATE, direction: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        number
        date
        total
        amountDue
        customer {
          company
        }
      }
    }
  }
}
"""

FILTER = """\
# Every condition in a filter must
# hold, and one may reach through a
# neighbour (customer, here): invoices
# of 1,000 or more with something
# still due, from customers whose name
# contains "a", largest first, and
# their sums over all the matches.
query LargeUnpaidInvoices {
  invoices(
    filter: {
      total: {gte: "1000"}
      amountDue: {gt: "0"}
      customer: {company: {contains: "a"}}
    }
    orderBy: [{field: TOTAL, direction: DESC}]
    first: 10
  ) {
    totalCount
    aggregate {
      sum {
        total
        amountDue
      }
    }
    edges {
      node {
        number
        dueDate
        total
        amountDue
        customer {
          company
        }
      }
    }
  }
}
"""

MUTATION = """\
# A mutation answers with the record
# and its userErrors: input the
# gateway refuses comes back there,
# each error naming its field, and
# nothing is written. Run it, then
# again with "company": "" in
# Variables. With RecordChanged
# running in its tab, the new
# customer shows up there too.
mutation CreateCustomer($input: CustomerInput!) {
  createCustomer(input: $input) {
    record {
      id
      databaseId
      company
      createdAt
    }
    userErrors {
      field
      code
      message
    }
  }
}
"""

SUBSCRIPTION = """\
# Changes as they happen, over a
# WebSocket to this page's own
# address, signed in with the token
# in Headers. Run it: it keeps
# running until you press ■. Then run
# CreateCustomer in its tab, or change
# a customer or an invoice any other
# way (REST too): each change shows
# here. Leave "types" out for every
# kind of record you may read.
subscription RecordChanged {
  recordChanged(types: ["customer", "invoice"]) {
    type
    resource
    recordId
    fields
    createdAt
    actor {
      kind
    }
    record {
      id
      ... on Customer {
        company
      }
      ... on Invoice {
        number
        total
      }
    }
  }
}
"""


@dataclass(frozen=True)
class Example:
    """A saved operation GraphiQL opens as a tab on a first visit."""

    query: str
    variables: dict[str, object] | None = None

    def tab(self) -> dict[str, str | None]:
        variables = json.dumps(self.variables, indent=2) if self.variables else None
        return {"query": self.query, "variables": variables}


EXAMPLES = (
    Example(DEFAULT_QUERY),
    Example(PAGINATED_LIST, {"first": 5, "after": None}),
    Example(FILTER),
    Example(MUTATION, {"input": {"company": "Example Trading LLC", "country": "AE"}}),
    Example(SUBSCRIPTION),
)

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

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CRM gateway · GraphiQL</title>
  <link rel="stylesheet" href="{static}/graphiql.min.css">
  <link rel="stylesheet" href="{static}/graphiql-plugin-explorer.css">
  <style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script type="application/json" id="graphiql-config">{config}</script>
  <script src="{static}/react.production.min.js"></script>
  <script src="{static}/react-dom.production.min.js"></script>
  <script src="{static}/graphiql.min.js"></script>
  <script src="{static}/graphiql-plugin-explorer.umd.js"></script>
  <script src="{static}/graphql-ws.min.js"></script>
  <script src="{static}/setup.js"></script>
</body>
</html>
"""


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
