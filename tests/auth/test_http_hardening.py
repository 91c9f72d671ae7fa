"""GraphQL over HTTP is CSRF-safe; introspection, GraphiQL and field suggestions switch
off for production; CORS answers only the listed origins."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import httpx
import pytest

from gateway.database import Database
from gateway.settings import Settings
from tests.auth.conftest import SECRET, client_for, graphql
from tests.factories import make_token

CREATE = 'mutation { createCustomer(input: {company: "Sneaky Ltd"}) { record { company } } }'
COUNT = "{ customers { totalCount } }"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PRODUCTION = Settings(
    secret_key=SECRET, introspection=False, graphiql=False, field_suggestions=False
)
ALLOWED = "https://app.example.com"


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db, "*")).token


async def customers(client: httpx.AsyncClient, token: str) -> int:
    count: int = (await graphql(client, COUNT, token)).json()["data"]["customers"]["totalCount"]
    return count


# CSRF


async def test_a_mutation_over_get_is_405_and_writes_nothing(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.get(
        f"/graphql?{urlencode({'query': CREATE})}", headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 405
    assert await customers(client, token) == 0


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", json.dumps({"query": CREATE})),
        ("application/x-www-form-urlencoded", urlencode({"query": CREATE})),
    ],
)
async def test_simple_form_content_types_are_refused(
    client: httpx.AsyncClient, token: str, content_type: str, body: str
) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}

    response = await client.post("/graphql", content=body, headers=headers)

    assert response.status_code in (400, 415)
    assert await customers(client, token) == 0


async def test_a_multipart_request_without_a_preflight_header_is_refused(
    client: httpx.AsyncClient, token: str
) -> None:
    # A browser form can post multipart cross-site without a preflight: an upload must
    # carry a header that forces one, or it is refused before anything runs.
    operations = json.dumps({"query": CREATE, "variables": {}})
    files = {
        "operations": (None, operations),
        "map": (None, "{}"),
    }

    response = await client.post(
        "/graphql", files=files, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code in (400, 415)
    assert await customers(client, token) == 0


# Production switches


@pytest.fixture
async def production(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async for c in client_for(PRODUCTION, db):
        yield c


@pytest.mark.parametrize(
    "query", ["{ __schema { types { name } } }", '{ __type(name: "Customer") { name } }']
)
async def test_introspection_can_be_switched_off(
    client: httpx.AsyncClient, production: httpx.AsyncClient, token: str, query: str
) -> None:
    allowed = (await graphql(client, query, token)).json()
    refused = (await graphql(production, query, token)).json()

    assert "errors" not in allowed and allowed["data"]
    assert refused.get("data") is None
    assert "introspection" in refused["errors"][0]["message"].lower()
    typename = (await graphql(production, "{ __typename }", token)).json()
    assert typename["data"] == {"__typename": "Query"}


async def test_graphiql_can_be_switched_off(db: Database) -> None:
    async for on in client_for(Settings(secret_key=SECRET), db):
        page = await on.get("/graphql", headers={"accept": BROWSER})
        assert page.status_code == 200 and "GraphiQL" in page.text
        assert (await on.get("/static/graphiql/setup.js")).status_code == 200
    async for off in client_for(PRODUCTION, db):
        page = await off.get("/graphql", headers={"accept": BROWSER})
        assert page.status_code == 404 and "GraphiQL" not in page.text
        assert (await off.get("/static/graphiql/setup.js")).status_code == 404
        assert (await off.get("/static/graphiql/graphiql.min.js")).status_code == 404


@pytest.mark.parametrize(
    ("query", "mistake"),
    [
        ("{ customers { nodes { compny } } }", "compny"),
        ("{ customers(frist: 1) { totalCount } }", "frist"),
        ("{ customers(orderBy: [{field: COMPNY}]) { totalCount } }", "COMPNY"),
        ("query($f: CustomerFiltr) { customers(filter: $f) { totalCount } }", "CustomerFiltr"),
    ],
)
async def test_field_suggestions_can_be_switched_off(
    client: httpx.AsyncClient, production: httpx.AsyncClient, token: str, query: str, mistake: str
) -> None:
    suggested = (await graphql(client, query, token)).json()["errors"][0]["message"]
    plain = (await graphql(production, query, token)).json()["errors"][0]["message"]

    assert "Did you mean" in suggested
    assert "Did you mean" not in plain and mistake in plain


async def test_suggestions_in_variable_values_are_hidden_too(
    client: httpx.AsyncClient, production: httpx.AsyncClient, token: str
) -> None:
    query = "query($f: CustomerFilter) { customers(filter: $f) { totalCount } }"
    wrong = {"compny": {"eq": "x"}}

    suggested = (await graphql(client, query, token, f=wrong)).json()["errors"][0]["message"]
    plain = (await graphql(production, query, token, f=wrong)).json()["errors"][0]["message"]

    assert "Did you mean" in suggested
    assert "compny" in plain and "Did you mean" not in plain


# CORS


def preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }


async def test_without_listed_origins_no_cors_header_is_sent(
    client: httpx.AsyncClient, token: str
) -> None:
    asked = await client.options("/graphql", headers=preflight(ALLOWED))
    simple = await client.post(
        "/graphql",
        json={"query": COUNT},
        headers={"Origin": ALLOWED, "Authorization": f"Bearer {token}"},
    )

    for response in (asked, simple):
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]


async def test_a_listed_origin_passes_the_preflight_and_others_do_not(
    db: Database, token: str
) -> None:
    settings = Settings(secret_key=SECRET, cors_origins=(ALLOWED,))
    async for client in client_for(settings, db):
        allowed = await client.options("/graphql", headers=preflight(ALLOWED))
        refused = await client.options("/graphql", headers=preflight("https://evil.example"))
        rest = await client.options("/api/v1/customers", headers=preflight(ALLOWED))
        simple = await client.post(
            "/graphql",
            json={"query": COUNT},
            headers={"Origin": "https://evil.example", "Authorization": f"Bearer {token}"},
        )
        listed = await client.post(
            "/graphql",
            json={"query": COUNT},
            headers={"Origin": ALLOWED, "Authorization": f"Bearer {token}"},
        )

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in allowed.headers
    assert rest.status_code == 200
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in simple.headers
    assert listed.headers["access-control-allow-origin"] == ALLOWED


def test_origins_come_from_a_comma_list() -> None:
    settings = Settings.from_env(
        {"CRM_SECRET_KEY": SECRET, "CRM_CORS_ORIGINS": " https://a.example/ ,https://b.example,"}
    )

    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert Settings.from_env({"CRM_SECRET_KEY": SECRET}).cors_origins == ()
