"""Links are built from the configured public URL (CRM_PUBLIC_URL; `serve`'s own address
by default), never from the request's Host header: a forged Host must not come back in
ninja's `link`, a document's `url`, pagination's `next`, or a redirect's Location."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import Live

pytestmark = pytest.mark.server

FORGED = "evil.example"


def ninja(live: Live) -> httpx.Client:
    headers = {"X-API-TOKEN": live.token, "Host": FORGED}
    return httpx.Client(base_url=live.base, headers=headers, timeout=30)


def test_ninja_links_and_pages_start_with_the_public_url(live: Live) -> None:
    with ninja(live) as client:
        reply = client.get("/api/v1/clients", params={"per_page": 1})
    assert reply.status_code == 200, reply.text
    assert FORGED not in reply.text
    next_page = reply.json()["meta"]["pagination"]["links"]["next"]
    assert next_page == f"{live.base}/api/v1/clients?per_page=1&page=2"
    logins = [c["link"] for c in reply.json()["data"][0]["contacts"]]
    assert logins and all(link.startswith(f"{live.base}/client/key_login/") for link in logins)


def test_a_documents_url_starts_with_the_public_url(live: Live) -> None:
    with ninja(live) as client:
        first = client.get("/api/v1/clients", params={"per_page": 1}).json()["data"][0]
        uploaded = client.put(
            f"/api/v1/clients/{first['id']}/upload",
            files={"documents[]": ("note.txt", b"hello", "text/plain")},
            headers={"GraphQL-Preflight": "1"},
        )
    assert uploaded.status_code == 200, uploaded.text
    assert FORGED not in uploaded.text
    [url] = [d["url"] for d in uploaded.json()["data"]["documents"] if d["name"] == "note.txt"]
    assert url.startswith(f"{live.base}/api/v1/documents/")
    # And it downloads, from the address it names.
    download = httpx.get(url, headers={"X-API-TOKEN": live.token}, timeout=30)
    assert download.content == b"hello"


@pytest.mark.parametrize("path", ["/api/v1/customers/", "/graphql/"])
def test_a_redirect_points_at_the_public_url(live: Live, path: str) -> None:
    response = httpx.get(
        f"{live.base}{path}",
        headers={"Host": FORGED, "X-API-KEY": live.token},
        timeout=30,
    )
    assert response.status_code in (301, 302, 307, 308)
    assert response.headers["location"] == f"{live.base}{path.rstrip('/')}"


def test_graphql_pdf_links_name_no_host(live: Live) -> None:
    reply = httpx.post(
        f"{live.base}/graphql",
        json={"query": "{ invoices(first: 1) { nodes { pdfUrl } } }"},
        headers={"Authorization": f"Bearer {live.token}", "Host": FORGED},
        timeout=30,
    ).json()
    [node] = reply["data"]["invoices"]["nodes"]
    # Relative to wherever the client reached the API: nothing a forged Host can steer.
    assert node["pdfUrl"].startswith("/documents/invoices/")
