"""The GraphiQL page: served to browsers only, from the gateway's own assets."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import build_schema, parse, validate

from gateway.app import create_app
from gateway.database import Database
from gateway.graphiql import ASSETS, DEFAULT_QUERY, graphiql_html
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

    assert len(sources) == 5  # css, react, react-dom, graphiql, setup
    assert not [s for s in sources if not s.startswith("/static/graphiql/")]
    for source in sources:
        asset = await client.get(source)
        assert asset.status_code == 200, source
        kind = "text/css" if source.endswith(".css") else "javascript"
        assert kind in asset.headers["content-type"], source
    # Nothing the page loads reaches for another host (fonts are inlined as data: URLs).
    css = (ASSETS / "graphiql.min.css").read_text()
    assert not re.findall(r"url\((?!\s*['\"]?data:)", css)


async def test_the_page_embeds_the_endpoint_and_the_default_query(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/graphql", headers={"accept": BROWSER})).text
    assert '"endpoint": "/graphql"' in page
    assert "customers(first: 1)" in page and "contacts" in page


def test_the_default_query_is_valid_against_the_schema() -> None:
    errors = validate(build_schema(schema.as_str()), parse(DEFAULT_QUERY))
    assert errors == []


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
