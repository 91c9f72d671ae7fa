"""The client conformance suite runs real client packages against one real
`crm-gateway serve --demo` process on the suite's engine (started as tests/security's
`live` is, but once for the whole package: each start migrates and seeds the demo data)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.clients.node import JS, NodeClients, ensure_packages
from tests.security.conftest import Live, serve_demo


@pytest.fixture(scope="package")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    # The scenarios only add records, and each compares what its client got with what
    # the server answers at that moment, so they can share one server in any order.
    with serve_demo("clients", tmp_path_factory.mktemp("clients")) as server:
        yield server


@pytest.fixture(scope="session")
def node_clients() -> NodeClients:
    ensure_packages()
    return NodeClients(JS)


@pytest.fixture(scope="module")
def restricted_token(live: Live) -> str:
    """A token that may read customers and nothing else."""
    printed = live.cli(
        "token", "create", "--name", "customers only", "--permission", "customers:get"
    )
    return printed.strip().splitlines()[-1]
