"""The review's bodies, replayed against a real gateway: JSON nested past any sense, keys
given twice, two operations and no operationName. Each is a 400 in the caller's dialect
(GraphQL `extensions.code` BAD_REQUEST, the REST error body), or a 4400 close on the
WebSocket; never a 500, a plain-text body or a dropped connection."""

from __future__ import annotations

import asyncio
import base64
import json
from urllib.parse import urlencode

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from tests.security.conftest import Live

pytestmark = pytest.mark.server

UNUSED_VARIABLE = "query Probe($x: String) { __typename }"
TWO_OPERATIONS = "query A { __typename } query B { customers(first: 1) { totalCount } }"
PROTOCOL = Subprotocol("graphql-transport-ws")


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def graphql_body(variables: str) -> str:
    return '{"query": ' + json.dumps(UNUSED_VARIABLE) + ', "variables": {"x": ' + variables + "}}"


def assert_bad_request(response: httpx.Response, says: str) -> None:
    assert response.status_code == 400, response.text[:300]
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert says in error["message"]


def post(live: Live, path: str, content: str, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{live.base}{path}",
        content=content.encode(),
        headers={
            "Authorization": f"Bearer {live.token}",
            "Content-Type": "application/json",
            **headers,
        },
        timeout=30,
    )


@pytest.mark.parametrize("depth", [100_000, 5_000, 65])
def test_deep_json_in_graphql_variables_is_a_400(live: Live, depth: int) -> None:
    response = post(live, "/graphql", graphql_body(nested(depth)))
    assert_bad_request(response, "nested more than 64 levels")


def test_json_as_deep_as_allowed_still_runs(live: Live) -> None:
    response = post(live, "/graphql", graphql_body(nested(60)))
    # Past the body reader: graphql-core's own verdict on the (unused) variable's type.
    assert response.status_code == 200
    assert "Refused JSON" not in response.text


def test_deep_persisted_query_variables_over_get_are_a_400(live: Live) -> None:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    query = urlencode({"extensions": json.dumps(extensions), "variables": nested(3_000)})
    response = httpx.get(
        f"{live.base}/graphql?{query}",
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=30,
    )
    assert_bad_request(response, "nested more than 64 levels")


def test_deep_multipart_operations_are_a_400(live: Live) -> None:
    response = httpx.post(
        f"{live.base}/graphql",
        files={"operations": (None, graphql_body(nested(5_000))), "map": (None, "{}")},
        headers={"Authorization": f"Bearer {live.token}", "GraphQL-Preflight": "1"},
        timeout=30,
    )
    assert_bad_request(response, "nested more than 64 levels")


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "{ __typename }", "query": "{ customers(first: 1) { totalCount } }"}',
        '{"query": "query($a: String) { __typename }", "variables": {"a": "x", "a": "y"}}',
        '{"query": "{ __typename }", "extensions": {"e": [{"k": 1, "k": 2}]}}',
    ],
    ids=["query", "variable", "nested"],
)
def test_a_key_given_twice_in_a_graphql_body_is_a_400(live: Live, body: str) -> None:
    assert_bad_request(post(live, "/graphql", body), "appears twice")


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
def test_two_operations_without_operation_name_are_a_400(live: Live, accept: str) -> None:
    response = post(live, "/graphql", json.dumps({"query": TWO_OPERATIONS}), Accept=accept)
    assert_bad_request(response, "operationName")
    named = post(live, "/graphql", json.dumps({"query": TWO_OPERATIONS, "operationName": "B"}))
    assert named.status_code == 200
    assert named.json()["data"]["customers"]["totalCount"] >= 1


def test_one_operation_without_operation_name_runs(live: Live) -> None:
    response = post(live, "/graphql", json.dumps({"query": "query A { __typename }"}))
    assert response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        ("/api/v1/customers", '{"company": "A", "company": "B"}', "appears twice"),
        ("/api/v1/customers", '{"company": "A", "x": ' + nested(100_000) + "}", "64 levels"),
        ("/api/v2/customers", '{"name": "A", "name": "B"}', "appears twice"),
        ("/api/customers", '{"company": "A", "company": "B"}', "appears twice"),
    ],
    ids=["v1-duplicate", "v1-deep", "v2-duplicate", "perfex-duplicate"],
)
def test_rest_json_bodies_follow_the_same_rule(live: Live, path: str, body: str, says: str) -> None:
    response = post(live, path, body)
    assert response.status_code == 400, response.text[:300]
    assert says in response.text


def test_a_form_key_nested_past_the_bound_is_a_400(live: Live) -> None:
    response = httpx.post(
        f"{live.base}/api/v1/customers",
        content=("company=A&custom" + "[a]" * 5_000 + "=1").encode(),
        headers={
            "Authorization": f"Bearer {live.token}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        timeout=30,
    )
    assert response.status_code == 400, response.text[:300]
    assert "64 levels" in response.text


async def close_code_after(live: Live, message: str) -> int | None:
    url = live.base.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=10) as socket:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {live.token}"}}
        await socket.send(json.dumps(init))
        ack = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert ack["type"] == "connection_ack"
        await socket.send(message)
        try:
            while True:
                await asyncio.wait_for(socket.recv(), 10)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None


@pytest.mark.parametrize(
    "payload",
    [
        '{"query": "subscription { invoicePaid { id } }", "variables": {"x": '
        + nested(100_000)
        + "}}",
        '{"query": "subscription { invoicePaid { id } }", "query": "{ __typename }"}',
    ],
    ids=["deep", "duplicate"],
)
async def test_a_subscribe_payload_is_read_by_the_same_rule(live: Live, payload: str) -> None:
    message = '{"type": "subscribe", "id": "1", "payload": ' + payload + "}"
    assert await close_code_after(live, message) == 4400


async def test_two_operations_over_the_websocket_are_an_error_message(live: Live) -> None:
    url = live.base.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=10) as socket:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {live.token}"}}
        await socket.send(json.dumps(init))
        assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "connection_ack"
        two = "subscription A { invoicePaid { id } } subscription B { invoicePaid { total } }"
        await socket.send(json.dumps({"type": "subscribe", "id": "1", "payload": {"query": two}}))
        reply = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert reply["type"] == "error"
    assert "operationName" in reply["payload"][0]["message"]


@pytest.mark.parametrize("text", [nested(5_000), '[1, {"k": 1, "k": 2}]'], ids=["deep", "twice"])
def test_a_cursor_is_read_by_the_same_rule(live: Live, text: str) -> None:
    cursor = base64.urlsafe_b64encode(text.encode()).decode()
    query = "query($after: String) { customers(first: 1, after: $after) { totalCount } }"
    body = json.dumps({"query": query, "variables": {"after": cursor}})
    reply = post(live, "/graphql", body).json()
    [error] = reply["errors"]
    assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR"
    assert "cursor" in error["message"]
