"""Trusted documents as the client tools make them: a gateway started with the manifest
@apollo/generate-persisted-query-manifest wrote (Apollo Client's persisted-queries link
sends ids from it), and one started with relay-compiler's persisted queries file (a Relay
network sends `doc_id`), both enforcing it over HTTP and the WebSocket."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from tests.clients.node import JS, NodeClients
from tests.clients.test_relay import SCHEMA
from tests.security.conftest import Live, serve_demo

pytestmark = pytest.mark.server

WAIT = 30.0
UNLISTED = "query NotListed { customers(first: 1) { nodes { id } } }"


def _tool(workdir: Path, *command: str) -> None:
    done = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=180, check=False
    )
    output = done.stdout + done.stderr
    if done.returncode != 0 or "[ERROR]" in output:
        pytest.fail(f"{command[0]} failed: {output.strip()}", pytrace=False)


def apollo_manifest(workdir: Path) -> Path:
    """The manifest @apollo/generate-persisted-query-manifest writes for the operations
    in tests/clients/js/trusted."""
    shutil.copytree(JS / "trusted", workdir / "src")
    config = {"documents": ["src/*.graphql"], "output": "manifest.json"}
    (workdir / "persisted-query-manifest.config.json").write_text(json.dumps(config))
    _tool(workdir, str(JS / "node_modules" / ".bin" / "generate-persisted-query-manifest"))
    return workdir / "manifest.json"


def relay_manifest(workdir: Path) -> tuple[Path, Path]:
    """relay-compiler's persisted queries file (persistConfig) for tests/clients/js/relay,
    and the artifacts that name each operation by its id."""
    shutil.copytree(JS / "relay", workdir / "src")
    shutil.copy(SCHEMA, workdir / "schema.graphql")
    (workdir / "__generated__").mkdir()
    config = {
        "src": "./src",
        "schema": "./schema.graphql",
        "language": "javascript",
        "artifactDirectory": "./__generated__",
        "eagerEsModules": False,
        "persistConfig": {"file": "./persisted_queries.json", "algorithm": "SHA256"},
    }
    (workdir / "relay.config.json").write_text(json.dumps(config))
    # The compiler adds to the file, which must exist.
    (workdir / "persisted_queries.json").write_text("{}")
    _tool(workdir, str(JS / "node_modules" / ".bin" / "relay-compiler"), "relay.config.json")
    return workdir / "persisted_queries.json", workdir / "__generated__"


def enforcing(manifest: Path) -> dict[str, str]:
    return {"CRM_TRUSTED_DOCUMENTS": str(manifest), "CRM_TRUSTED_DOCUMENTS_MODE": "enforce"}


@pytest.fixture(scope="module")
def apollo(
    node_clients: NodeClients, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Live, Path]]:
    manifest = apollo_manifest(tmp_path_factory.mktemp("apollo-manifest"))
    workdir = tmp_path_factory.mktemp("apollo-live")
    with serve_demo("trusted_apollo", workdir, settings=enforcing(manifest)) as server:
        yield server, manifest


@pytest.fixture(scope="module")
def relay(
    node_clients: NodeClients, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Live, dict[str, dict[str, Any]]]]:
    manifest, artifacts = relay_manifest(tmp_path_factory.mktemp("relay-manifest"))
    workdir = tmp_path_factory.mktemp("relay-live")
    with serve_demo("trusted_relay", workdir, settings=enforcing(manifest)) as server:
        listed = node_clients.run(
            "relay-compiler artifacts", "relay_artifacts.mjs", server, ARTIFACTS=str(artifacts)
        )
        yield server, {op["name"]: op for op in listed["operations"]}


def post(live: Live, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{live.base}/graphql",
        json=body,
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=WAIT,
    )


def code(reply: dict[str, Any]) -> str:
    found: str = reply["errors"][0]["extensions"]["code"]
    return found


def test_apollo_client_sends_the_manifest_ids_and_an_unlisted_operation_is_refused(
    node_clients: NodeClients, apollo: tuple[Live, Path]
) -> None:
    live, manifest = apollo
    ids = {op["id"] for op in json.loads(manifest.read_text())["operations"]}

    result = node_clients.run(
        "Apollo Client trusted documents", "apollo_trusted.mjs", live, MANIFEST=str(manifest)
    )

    listed = result["listed"]
    assert [r["hasQuery"] for r in listed["requests"]] == [False, False]
    assert {r["sha256Hash"] for r in listed["requests"]} == ids
    assert all(r["status"] == 200 and not r["errorCodes"] for r in listed["requests"])
    customers = listed["customers"]["customers"]["nodes"]
    assert len(customers) == 2
    assert listed["customer"]["customer"]["id"] == customers[0]["id"]
    # The link asks by hash (not found), then sends the text, which enforce refuses.
    unlisted = result["unlisted"]
    assert [(r["hasQuery"], r["errorCodes"]) for r in unlisted["requests"]] == [
        (False, ["PERSISTED_QUERY_NOT_FOUND"]),
        (True, ["PERSISTED_QUERY_NOT_IN_LIST"]),
    ]
    assert unlisted["refused"] == {"error": ["PERSISTED_QUERY_NOT_IN_LIST"]}


def test_relay_persisted_operations_run_by_doc_id_and_text_is_refused(
    relay: tuple[Live, dict[str, dict[str, Any]]],
) -> None:
    live, operations = relay
    card = operations["CustomerCardQuery"]
    assert card["text"] is None and card["id"]

    listed = post(
        live, {"doc_id": operations["CustomerListQuery"]["id"], "variables": {"count": 2}}
    )
    edges = listed.json()["data"]["customers"]["edges"]
    first = edges[0]["node"]["id"]
    by_id = post(live, {"doc_id": card["id"], "variables": {"id": first}}).json()
    again = post(live, {"documentId": card["id"], "variables": {"id": first}}).json()
    text = post(live, {"query": UNLISTED})
    unknown = post(live, {"doc_id": "0" * 64})

    assert len(edges) == 2
    assert by_id["data"]["customer"]["id"] == first
    assert again["data"] == by_id["data"]
    assert (text.status_code, code(text.json())) == (400, "PERSISTED_QUERY_NOT_IN_LIST")
    assert code(unknown.json()) == "PERSISTED_QUERY_NOT_FOUND"


async def _subscribe(url: str, token: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The messages for one operation over graphql-transport-ws, up to its end."""
    protocol = Subprotocol("graphql-transport-ws")
    async with connect(url, subprotocols=[protocol], open_timeout=WAIT) as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        messages: list[dict[str, Any]] = []
        while not messages or messages[-1]["type"] not in ("error", "complete"):
            messages.append(json.loads(await asyncio.wait_for(ws.recv(), WAIT)))
        return messages


async def test_the_websocket_runs_listed_documents_only(
    relay: tuple[Live, dict[str, dict[str, Any]]],
) -> None:
    live, operations = relay
    url = live.base.replace("http://", "ws://") + "/graphql"
    card = operations["CustomerCardQuery"]
    listed = post(
        live, {"doc_id": operations["CustomerListQuery"]["id"], "variables": {"count": 1}}
    )
    first = listed.json()["data"]["customers"]["edges"][0]["node"]["id"]

    ran = await _subscribe(url, live.token, {"doc_id": card["id"], "variables": {"id": first}})
    text = await _subscribe(url, live.token, {"query": UNLISTED})
    unknown = await _subscribe(url, live.token, {"documentId": "nope"})

    assert [m["type"] for m in ran] == ["next", "complete"]
    assert ran[0]["payload"]["data"]["customer"]["id"] == first
    assert text[-1]["type"] == "error"
    assert text[-1]["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
    assert unknown[-1]["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
