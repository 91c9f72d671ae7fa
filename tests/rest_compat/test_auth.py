"""Credentials and permissions: each dialect answers 401 and 403 in its own shape."""

from __future__ import annotations

import httpx
import pytest

from gateway.database import Database
from tests.factories import make_token

# dialect: (a path, the header carrying the token, the expected 401 body keys)
DIALECTS = {
    "perfex": ("/api/customers/search/x", "authtoken", {"status", "message"}),
    "tech9": ("/api/customers?page=1", "Authtoken", {"error", "message"}),
    "v1": ("/api/v1/customers", "X-API-KEY", {"error", "message"}),
    "v2": ("/api/v2/customers", "X-API-KEY", {"success", "message"}),
    "ninja": ("/api/v1/clients", "X-API-TOKEN", {"message"}),
}


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_missing_and_wrong_credentials_are_401_in_the_dialects_shape(
    client: httpx.AsyncClient, dialect: str
) -> None:
    path, header, keys = DIALECTS[dialect]

    missing = await client.get(path)
    wrong = await client.get(path, headers={header: "crm_not-a-token"})

    for response in (missing, wrong):
        assert response.status_code == 401
        assert set(response.json()) == keys
    if dialect == "perfex":
        assert missing.json()["status"] is False
    if dialect == "v2":
        assert wrong.json() == {
            "success": False,
            "message": "Invalid API key or unauthorized access",
        }


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_a_token_without_the_permission_is_403(
    client: httpx.AsyncClient, db: Database, dialect: str
) -> None:
    path, header, _ = DIALECTS[dialect]
    contacts_only = (await make_token(db, "contacts:get")).token

    response = await client.get(path, headers={header: contacts_only})

    assert response.status_code == 403


async def test_writes_check_their_own_permission(client: httpx.AsyncClient, db: Database) -> None:
    reader = (await make_token(db, "customers:get")).token

    refused = await client.post(
        "/api/customers", data={"company": "x"}, headers={"authtoken": reader}
    )

    assert refused.status_code == 403
    assert refused.json()["status"] is False


async def test_no_reply_ever_carries_a_traceback(client: httpx.AsyncClient, db: Database) -> None:
    token = (await make_token(db, "*")).token
    odd = [
        ("PUT", "/api/v2/customers/1", b"[1, 2]"),
        ("POST", "/api/v1/clients/bulk", b'{"action": "archive", "ids": "nope"}'),
        ("POST", "/api/v2/batch/customers", b'{"customers": [1, "two"]}'),
        ("POST", "/api/v1/clients", b'{"name": "x", "contacts": [1]}'),
        ("POST", "/api/v1/clients", b'{"name": "x", "contacts": "all"}'),
        ("POST", "/api/v1/contacts", b'{"userid": "abc", "firstname": 1}'),
        ("GET", "/api/v1/clients?balance=lt:abc", b""),
        ("GET", "/api/v1/clients?created_at=yesterday", b""),
    ]
    headers = {"X-API-KEY": token, "X-API-TOKEN": token, "content-type": "application/json"}

    for method, path, body in odd:
        response = await client.request(method, path, content=body, headers=headers)
        assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
        assert "Traceback" not in response.text
