"""The replay's server answers with the demo data, to the token it printed only."""

from __future__ import annotations

import httpx

from tests.security.conftest import Live


def test_the_printed_token_reads_and_no_token_is_refused(live: Live) -> None:
    query = {"query": "{ customers(first: 1) { nodes { company } } }"}
    signed = httpx.post(
        f"{live.base}/graphql", json=query, headers={"Authorization": f"Bearer {live.token}"}
    )
    assert signed.status_code == 200
    assert signed.json()["data"]["customers"]["nodes"][0]["company"]
    anonymous = httpx.post(f"{live.base}/graphql", json=query).json()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
