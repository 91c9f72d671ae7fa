"""The GraphiQL page: served to browsers only, from the gateway's own assets."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, build_schema, parse, validate

from gateway.app import create_app
from gateway.database import Database
from gateway.graphiql import ASSETS, DEFAULT_QUERY, EXAMPLES, Example, graphiql_html
from gateway.settings import Settings
from schema import schema


def body(response: httpx.Response) -> dict[str, Any]:
    """The reply without its cost report, which every GraphQL reply carries."""
    reply: dict[str, Any] = response.json()
    extensions = reply.get("extensions", {})
    extensions.pop("cost", None)
    if not extensions:
        reply.pop("extensions", None)
    return reply


SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def client_for(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async for c in client_for(SETTINGS, db):
        yield c


async def test_a_browser_gets_the_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": BROWSER})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"
    assert '<div id="graphiql">' in response.text


async def test_every_asset_comes_from_the_gateway(client: httpx.AsyncClient) -> None:
    page = (await client.get("/graphql", headers={"accept": BROWSER})).text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)

    # css: GraphiQL's and the Explorer's; scripts: react, react-dom, graphiql, the
    # Explorer plugin, graphql-ws, setup
    assert len(sources) == 8
    assert not [s for s in sources if not s.startswith("/static/graphiql/")]
    for source in sources:
        asset = await client.get(source)
        assert asset.status_code == 200, source
        kind = "text/css" if source.endswith(".css") else "javascript"
        assert kind in asset.headers["content-type"], source
    # Nothing the page loads reaches for another host (fonts are inlined as data: URLs).
    for css in ASSETS.glob("*.css"):
        assert not re.findall(r"url\((?!\s*['\"]?data:)", css.read_text()), css.name


def vendored_table() -> dict[str, str]:
    """The README's table: each vendored file and the sha256 it must have."""
    readme = (ASSETS / "README.md").read_text()
    return dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))


def test_every_vendored_file_is_the_one_the_readme_names() -> None:
    table = vendored_table()
    ours = {"README.md", "setup.js"}
    files = {f.name for f in ASSETS.iterdir() if f.name not in ours}
    licences = {name for name in files if name.startswith("LICENSE.")}
    assert set(table) == files - licences
    for name, digest in table.items():
        assert hashlib.sha256((ASSETS / name).read_bytes()).hexdigest() == digest, name
    # and every licence the table cites is there
    readme = (ASSETS / "README.md").read_text()
    assert set(re.findall(r"`(LICENSE\.[a-z-]+)`", readme)) == licences


async def test_the_page_embeds_the_endpoint_and_the_saved_examples(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/graphql", headers={"accept": BROWSER})).text
    embedded = re.search(r'id="graphiql-config">(.*?)</script>', page, re.S)
    assert embedded is not None
    config = json.loads(embedded[1])

    assert config["endpoint"] == "/graphql"
    assert config["defaultQuery"] == DEFAULT_QUERY
    assert [tab["query"] for tab in config["tabs"]] == [e.query for e in EXAMPLES]
    mutation = next(tab for tab in config["tabs"] if "mutation" in tab["query"])
    assert json.loads(mutation["variables"])["input"]["company"]


def test_the_default_query_pages_through_edges_and_names_nodes_as_the_short_form() -> None:
    comments, operation = DEFAULT_QUERY.split("\nquery ", 1)
    prose = " ".join(line.lstrip("# ") for line in comments.splitlines())
    assert "edges {" in operation and "node {" in operation and "nodes" not in operation
    assert "nodes { ... } is the short form" in prose


def operation(example: Example) -> OperationDefinitionNode:
    (definition,) = parse(example.query).definitions
    assert isinstance(definition, OperationDefinitionNode)
    return definition


def name_of(example: Example) -> str:
    name = operation(example).name
    assert name is not None, "a saved example names its operation: it is the tab's title"
    return name.value


@pytest.mark.parametrize("example", EXAMPLES, ids=name_of)
def test_each_saved_example_is_valid_against_the_schema(example: Example) -> None:
    errors = validate(build_schema(schema.as_str()), parse(example.query))
    assert errors == []


def test_the_saved_examples_cover_what_a_newcomer_tries_first() -> None:
    kinds = [operation(e).operation.value for e in EXAMPLES]
    assert kinds == ["query", "query", "query", "mutation", "subscription"]
    texts = [e.query for e in EXAMPLES]
    assert any("pageInfo" in t and "cursor" in t and "$after" in t for t in texts)
    assert any("filter:" in t for t in texts)
    assert any("userErrors" in t for t in texts)
    assert any("recordChanged" in t for t in texts)


def test_config_values_cannot_close_the_script_element() -> None:
    html = graphiql_html(endpoint="/graphql</script><script>alert(1)</script>", static="/s")
    assert "</script><script>alert(1)" not in html
    assert "\\u003c/script>" in html


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/graphql", "application/json"),
        ("/graphql", "*/*"),
        ("/graphql?query=%7B__typename%7D", BROWSER),
    ],
)
async def test_graphql_requests_never_get_the_page(
    client: httpx.AsyncClient, url: str, accept: str
) -> None:
    response = await client.get(url, headers={"accept": accept})
    assert not response.headers["content-type"].startswith("text/html")
    assert "errors" in response.json() or body(response) == {"data": {"__typename": "Query"}}


async def test_no_page_and_no_assets_when_graphiql_is_off(db: Database) -> None:
    async for client in client_for(Settings(secret_key=SETTINGS.secret_key, graphiql=False), db):
        page = await client.get("/graphql", headers={"accept": BROWSER})
        assert page.status_code == 404
        assert (await client.get("/static/graphiql/setup.js")).status_code == 404
        query = await client.get("/graphql?query=%7B__typename%7D")
        assert body(query) == {"data": {"__typename": "Query"}}
