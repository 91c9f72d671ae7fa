"""Relay: relay-compiler compiles operations with @connection and @refetchable against the
repository's schema.graphql, and the operation texts it wrote run on the live gateway."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.clients.graph import graphql
from tests.clients.node import JS, NodeClients
from tests.security.conftest import Live

pytestmark = pytest.mark.server

SCHEMA = Path(__file__).resolve().parents[2] / "schema.graphql"
OPERATIONS = {
    "CustomerListQuery": "query",
    "CustomerListPaginationQuery": "query",
    "CustomerCardQuery": "query",
    "CustomerCardRefetchQuery": "query",
    "CustomerChangesSubscription": "subscription",
}
FRAGMENTS = ("CustomerList_query", "CustomerCard_customer")


def compile_relay(workdir: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    shutil.copytree(JS / "relay", workdir / "src")
    shutil.copy(SCHEMA, workdir / "schema.graphql")
    artifacts = workdir / "__generated__"
    artifacts.mkdir()
    config = {
        "src": "./src",
        "schema": "./schema.graphql",
        "language": "javascript",
        "artifactDirectory": "./__generated__",
        # CommonJS artifacts, so the test can load them in plain Node.
        "eagerEsModules": False,
    }
    (workdir / "relay.config.json").write_text(json.dumps(config))
    done = subprocess.run(
        [str(JS / "node_modules" / ".bin" / "relay-compiler"), "relay.config.json"],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return done, artifacts


@pytest.fixture(scope="module")
def compiled(
    node_clients: NodeClients, live: Live, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    done, artifacts = compile_relay(tmp_path_factory.mktemp("relay"))
    output = done.stdout + done.stderr
    if done.returncode != 0 or "[ERROR]" in output:
        pytest.fail(f"relay-compiler failed: {output.strip()}", pytrace=False)
    written = sorted(p.name.removesuffix(".graphql.js") for p in artifacts.glob("*.graphql.js"))
    assert written == sorted([*OPERATIONS, *FRAGMENTS])
    result = node_clients.run(
        "relay-compiler artifacts", "relay_artifacts.mjs", live, ARTIFACTS=str(artifacts)
    )
    return {op["name"]: op for op in result["operations"]}


def run(live: Live, operation: dict[str, Any], **variables: Any) -> dict[str, Any]:
    return graphql(live, operation["text"], **variables)


def test_the_compiler_writes_each_operation_of_its_kind(
    compiled: dict[str, dict[str, Any]],
) -> None:
    assert {name: op["operationKind"] for name, op in compiled.items()} == OPERATIONS
    # @connection made Relay ask for what it paginates by
    text = compiled["CustomerListPaginationQuery"]["text"]
    assert "customers(first: $count, after: $cursor)" in text
    assert "cursor" in text and "pageInfo" in text and "endCursor" in text


def test_the_connection_pages_as_relay_sends_it(
    live: Live, compiled: dict[str, dict[str, Any]]
) -> None:
    first = run(live, compiled["CustomerListQuery"], count=3)["customers"]
    after = first["pageInfo"]["endCursor"]
    second = run(live, compiled["CustomerListPaginationQuery"], count=3, cursor=after)["customers"]

    expected = graphql(live, "{ customers(first: 6) { nodes { id } } }")["customers"]["nodes"]
    ids = [edge["node"]["id"] for edge in first["edges"] + second["edges"]]
    assert ids == [node["id"] for node in expected]
    assert all(edge["node"]["contacts"]["pageInfo"] for edge in first["edges"])


def test_a_refetchable_customer_refetches_through_node(
    live: Live, compiled: dict[str, dict[str, Any]]
) -> None:
    customer = graphql(live, "{ customers(first: 1) { nodes { id company } } }")["customers"]
    wanted = customer["nodes"][0]

    card = run(live, compiled["CustomerCardQuery"], id=wanted["id"])["customer"]
    refetched = run(live, compiled["CustomerCardRefetchQuery"], id=wanted["id"], contactCount=1)

    assert (card["id"], card["company"]) == (wanted["id"], wanted["company"])
    node = refetched["node"]
    assert (node["__typename"], node["id"], node["company"]) == ("Customer", *wanted.values())
    assert len(node["contacts"]["edges"]) == 1
    assert node["contacts"]["edges"][0] == card["contacts"]["edges"][0]
