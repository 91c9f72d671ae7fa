"""The review's webhook URLs against a real gateway: IPv6 forms that reach a private IPv4
host (6to4, Teredo, NAT64, IPv4-mapped and -compatible) are refused at registration on
GraphQL and REST alike, naming the field."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import Live

pytestmark = pytest.mark.server

URLS = [
    "http://[2002:7f00:1::]/",
    "http://[2002:a9fe:a9fe::]/latest/meta-data",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b:1::a00:1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::7f00:1]/",
]
CREATE = """
mutation($url: String!) { createWebhook(input: {url: $url, events: ["*"]}) {
  secret userErrors { field message } } }
"""


@pytest.mark.parametrize("url", URLS)
def test_graphql_refuses_the_url(live: Live, url: str) -> None:
    reply = httpx.post(
        f"{live.base}/graphql",
        json={"query": CREATE, "variables": {"url": url}},
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=30,
    ).json()
    payload = reply["data"]["createWebhook"]
    assert payload["secret"] is None
    [error] = payload["userErrors"]
    assert error["field"] == "url"
    assert "address" in error["message"]


@pytest.mark.parametrize("url", URLS)
def test_rest_refuses_the_url(live: Live, url: str) -> None:
    response = httpx.post(
        f"{live.base}/api/v2/webhooks",
        json={"url": url, "events": ["*"]},
        headers={"X-API-KEY": live.token},
        timeout=30,
    )
    # v2 answers validation failures 400 (its documented shape), naming the field.
    assert response.status_code == 400, response.text
    assert "address" in response.json()["errors"]["url"]
