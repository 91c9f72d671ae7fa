"""GraphQL over HTTP: media types and status codes, GET for queries only, CSRF-safe
bodies, request errors, and Apollo's automatic persisted queries."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from gateway.app import create_app
from gateway.database import Database
from gateway.graphql_view import negotiate
from gateway.persisted_queries import LruQueryStore, sha256_of
from gateway.settings import Settings
from resolvers.core.context import Ctx
from tests.factories import make_customer, make_token


def body(response: httpx.Response) -> dict[str, Any]:
    """The reply without its cost report, which every GraphQL reply carries."""
    reply: dict[str, Any] = response.json()
    extensions = reply.get("extensions", {})
    extensions.pop("cost", None)
    if not extensions:
        reply.pop("extensions", None)
    return reply


SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

COMPANIES = "query Companies { customers(first: 5) { totalCount nodes { company } } }"
CREATE = """
mutation Create($input: CustomerInput!) {
  createCustomer(input: $input) { record { company } userErrors { message } }
}
"""
# Inline input, so a form post that got through would need nothing else to write.
SNEAKY = 'mutation { createCustomer(input: {company: "Sneaky Ltd"}) { record { company } } }'
TYPENAME = "{ __typename }"


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(SETTINGS, db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db)).token


def post_json(body: Any, accept: str | None = None, **headers: str) -> dict[str, Any]:
    sent = {"content-type": JSON, **headers}
    if accept is not None:
        sent["accept"] = accept
    return {"content": json.dumps(body), "headers": sent}


async def customer_count(client: httpx.AsyncClient, token: str) -> int:
    response = await client.post(
        "/graphql", **post_json({"query": COMPANIES}, authorization=f"Bearer {token}")
    )
    count: int = response.json()["data"]["customers"]["totalCount"]
    return count


# Content negotiation


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON, JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};charset=utf-8", GRAPHQL_RESPONSE),
        ("application/json, multipart/mixed", JSON),
        ("text/html,application/xhtml+xml,*/*;q=0.8", JSON),
        ("text/html", None),
        (f"{JSON};q=0, {GRAPHQL_RESPONSE};q=0", None),
    ],
)
def test_the_response_media_type_follows_accept(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept) == expected


async def test_graphql_response_json_is_served_when_asked_for(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", **post_json({"query": TYPENAME}, GRAPHQL_RESPONSE))
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.headers["vary"] == "Accept"
    assert body(response) == {"data": {"__typename": "Query"}}


async def test_legacy_clients_get_application_json(client: httpx.AsyncClient) -> None:
    for accept in (None, "*/*", JSON):
        response = await client.post("/graphql", **post_json({"query": TYPENAME}, accept))
        assert response.status_code == 200, accept
        assert response.headers["content-type"] == JSON, accept


async def test_a_client_accepting_no_json_is_refused_with_406(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", **post_json({"query": TYPENAME}, "text/html"))
    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


# GET


async def test_a_query_runs_over_get(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    await make_customer(ctx, company="Orbit Labs")
    params = urlencode({"query": COMPANIES, "operationName": "Companies"})
    for accept in (JSON, GRAPHQL_RESPONSE, "text/html,*/*;q=0.8"):
        response = await client.get(
            f"/graphql?{params}", headers={"accept": accept, "authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200, accept
        assert response.json()["data"]["customers"]["nodes"] == [{"company": "Orbit Labs"}]


async def test_get_with_variables_in_the_url(client: httpx.AsyncClient) -> None:
    query = "query T($name: String!) { __type(name: $name) { name } }"
    params = urlencode({"query": query, "variables": json.dumps({"name": "Customer"})})
    response = await client.get(f"/graphql?{params}", headers={"accept": GRAPHQL_RESPONSE})
    assert body(response) == {"data": {"__type": {"name": "Customer"}}}


async def test_a_mutation_over_get_is_refused_with_405_and_writes_nothing(
    client: httpx.AsyncClient, token: str
) -> None:
    params = urlencode(
        {"query": CREATE, "variables": json.dumps({"input": {"company": "Sneaky Ltd"}})}
    )
    for accept in (JSON, GRAPHQL_RESPONSE):
        response = await client.get(
            f"/graphql?{params}", headers={"accept": accept, "authorization": f"Bearer {token}"}
        )
        assert response.status_code == 405, accept
        assert response.headers["allow"] == "POST"
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "METHOD_NOT_ALLOWED"
        assert "POST" in error["message"]
    assert await customer_count(client, token) == 0


async def test_get_without_a_query_asking_for_json_is_a_request_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/graphql", headers={"accept": JSON})
    assert response.status_code == 400
    assert response.headers["content-type"] == JSON
    assert "No GraphQL query" in response.json()["errors"][0]["message"]


# POST bodies a browser could send cross-site without a preflight


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", urlencode({"query": SNEAKY})),
        ("text/plain", json.dumps({"query": SNEAKY})),
        ("text/plain;charset=UTF-8", json.dumps({"query": SNEAKY})),
        (
            "multipart/form-data; boundary=x",
            f'--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{SNEAKY}\r\n--x--\r\n',
        ),
        (None, json.dumps({"query": SNEAKY})),
    ],
)
async def test_simple_form_bodies_are_refused_and_write_nothing(
    client: httpx.AsyncClient, token: str, content_type: str | None, body: str
) -> None:
    headers = {"authorization": f"Bearer {token}"}
    if content_type:
        headers["content-type"] = content_type
    response = await client.post("/graphql", content=body, headers=headers)
    assert response.status_code == 415
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert JSON in error["message"]
    assert await customer_count(client, token) == 0


async def test_the_same_mutation_posted_as_json_writes(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post(
        "/graphql", **post_json({"query": SNEAKY}, authorization=f"Bearer {token}")
    )
    assert response.json()["data"]["createCustomer"]["record"] == {"company": "Sneaky Ltd"}
    assert await customer_count(client, token) == 1


async def test_a_charset_other_than_utf8_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        content=json.dumps({"query": TYPENAME}),
        headers={"content-type": f"{JSON}; charset=latin1"},
    )
    assert response.status_code == 415


async def test_json_with_a_utf8_charset_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        content=json.dumps(
            {"query": '{ __type(name: "Run🏃Swim🏊") { name } }'}, ensure_ascii=False
        ),
        headers={"content-type": f"{JSON}; charset=utf-8"},
    )
    assert response.status_code == 200
    assert body(response) == {"data": {"__type": None}}


# Request errors


@pytest.mark.parametrize("accept", [JSON, GRAPHQL_RESPONSE])
async def test_malformed_json_is_a_400_saying_where(client: httpx.AsyncClient, accept: str) -> None:
    response = await client.post(
        "/graphql",
        content='{"query": "{ __typename }"',
        headers={"content-type": JSON, "accept": accept},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == accept
    message = response.json()["errors"][0]["message"]
    assert message.startswith("Malformed JSON:") and "line 1, column" in message


@pytest.mark.parametrize("body", ["0", '"a string"', "null", "true"])
async def test_a_body_that_is_not_an_object_is_a_400(client: httpx.AsyncClient, body: str) -> None:
    response = await client.post("/graphql", content=body, headers={"content-type": JSON})
    assert response.status_code == 400
    assert "expected a JSON object" in response.json()["errors"][0]["message"]


async def test_an_empty_body_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", headers={"content-type": JSON})
    assert response.status_code == 400
    assert "empty" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "body",
    [{"qeury": TYPENAME}, {"variables": {}}, {"query": None}],
)
async def test_a_missing_query_is_a_400(client: httpx.AsyncClient, body: dict[str, Any]) -> None:
    response = await client.post("/graphql", **post_json(body, GRAPHQL_RESPONSE))
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "No GraphQL query found in the request"


@pytest.mark.parametrize(
    "body",
    [
        {"query": {"obj": "ect"}},
        {"query": ["array"]},
        {"query": TYPENAME, "operationName": 0},
        {"query": TYPENAME, "variables": "string"},
        {"query": TYPENAME, "extensions": ["array"]},
    ],
)
async def test_parameters_of_the_wrong_type_are_a_400(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post("/graphql", **post_json(body))
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("parameter", ["variables", "operationName", "extensions"])
async def test_null_parameters_are_allowed(client: httpx.AsyncClient, parameter: str) -> None:
    response = await client.post(
        "/graphql", **post_json({"query": TYPENAME, parameter: None}, GRAPHQL_RESPONSE)
    )
    assert response.status_code == 200
    assert body(response) == {"data": {"__typename": "Query"}}


DOCUMENT_ERRORS = [
    pytest.param({"query": "{"}, id="syntax"),
    pytest.param({"query": "{ noSuchField }"}, id="validation"),
    pytest.param(
        {"query": "query Q($id: ID!) { __typename }", "variables": {"id": None}}, id="coercion"
    ),
]


@pytest.mark.parametrize("body", DOCUMENT_ERRORS)
async def test_document_errors_are_400_without_data_in_graphql_response_json(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post("/graphql", **post_json(body, GRAPHQL_RESPONSE))
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    payload = response.json()
    assert "data" not in payload
    assert payload["errors"][0]["message"]


@pytest.mark.parametrize("body", DOCUMENT_ERRORS)
async def test_document_errors_are_200_without_data_in_application_json(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post("/graphql", **post_json(body, JSON))
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    assert "data" not in response.json()
    assert response.json()["errors"]


async def test_a_field_error_keeps_data_and_a_2xx(client: httpx.AsyncClient, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    query = "query One($id: Int!) { customer(databaseId: $id) { company } }"
    response = await client.post(
        "/graphql",
        **post_json({"query": query, "variables": {"id": customer["id"]}}, GRAPHQL_RESPONSE),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"customer": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_unknown_operation_name_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", **post_json({"query": "query A { __typename }", "operationName": "B"})
    )
    assert response.status_code == 400
    assert 'Unknown operation named "B"' in response.json()["errors"][0]["message"]


# Automatic persisted queries


def persisted(sha256: str, version: int = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256}}


async def test_apq_unknown_hash_then_register_then_hash_only(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await make_customer(ctx, company="Orbit Labs")
    sha256 = sha256_of(COMPANIES)
    auth = {"authorization": f"Bearer {token}"}

    # Apollo Client first sends only the hash...
    miss = await client.post("/graphql", **post_json({"extensions": persisted(sha256)}, **auth))
    assert miss.status_code == 200
    assert body(miss) == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert "no-cache" in miss.headers["cache-control"]

    # ...then retries with the document, which is kept...
    registered = await client.post(
        "/graphql", **post_json({"query": COMPANIES, "extensions": persisted(sha256)}, **auth)
    )
    assert registered.json()["data"]["customers"]["nodes"] == [{"company": "Orbit Labs"}]

    # ...so later requests, POST or GET, carry the hash alone.
    hit = await client.post("/graphql", **post_json({"extensions": persisted(sha256)}, **auth))
    assert hit.json()["data"]["customers"]["nodes"] == [{"company": "Orbit Labs"}]
    params = urlencode({"operationName": "Companies", "extensions": json.dumps(persisted(sha256))})
    for accept in ("*/*", "text/html,*/*;q=0.8", GRAPHQL_RESPONSE):
        got = await client.get(f"/graphql?{params}", headers={**auth, "accept": accept})
        assert got.status_code == 200, accept
        assert got.json()["data"]["customers"]["totalCount"] == 1, accept


async def test_apq_not_found_is_a_400_in_graphql_response_json(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", **post_json({"extensions": persisted("ab" * 32)}, GRAPHQL_RESPONSE)
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_apq_over_get_registers_too(client: httpx.AsyncClient) -> None:
    sha256 = sha256_of(TYPENAME)
    with_query = urlencode({"query": TYPENAME, "extensions": json.dumps(persisted(sha256))})
    assert body(await client.get(f"/graphql?{with_query}")) == {"data": {"__typename": "Query"}}
    hash_only = urlencode({"extensions": json.dumps(persisted(sha256))})
    assert body(await client.get(f"/graphql?{hash_only}")) == {"data": {"__typename": "Query"}}


async def test_apq_hash_mismatch_is_refused_and_not_stored(client: httpx.AsyncClient) -> None:
    sha256 = sha256_of("{ somethingElse }")
    response = await client.post(
        "/graphql", **post_json({"query": TYPENAME, "extensions": persisted(sha256)})
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    again = await client.post("/graphql", **post_json({"extensions": persisted(sha256)}))
    assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_apq_other_versions_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        **post_json({"query": TYPENAME, "extensions": persisted(sha256_of(TYPENAME), 2)}),
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"][0]["message"]


async def test_the_lru_store_is_bounded_and_keeps_the_recently_used() -> None:
    store = LruQueryStore(maxsize=2, max_query_length=20)
    await store.put("a", "{ a }")
    await store.put("b", "{ b }")
    assert await store.get("a") == "{ a }"  # a is now the most recently used
    await store.put("c", "{ c }")
    assert len(store) == 2
    assert await store.get("b") is None
    assert await store.get("a") == "{ a }" and await store.get("c") == "{ c }"
    await store.put("d", "{ " + "x" * 30 + " }")
    assert await store.get("d") is None
