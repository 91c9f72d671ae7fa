"""No secret sits in a stored reply or in the clear at rest: a webhook registered with an
Idempotency-Key (GraphQL, tech9, v2) and a sign-in retried with one leave the secret out
of `idempotency_keys.body`, their replays say it was withheld, and the `webhooks.secret`
column holds only a value sealed with the app's key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from gateway.database import Database
from resolvers.core.idempotency import WITHHELD
from resolvers.webhooks import sealing
from tests.security.conftest import SECRET, Live

pytestmark = pytest.mark.server

RECEIVER = "https://93.184.215.14/hooks"
CREATE_WEBHOOK = f"""
mutation {{ createWebhook(input: {{url: "{RECEIVER}", events: ["invoice.*"]}}) {{
  record {{ id }} secret userErrors {{ message }} }} }}
"""
LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { message } }
}
"""


def graphql_webhook(reply: dict[str, Any]) -> str:
    return str(reply["data"]["createWebhook"]["secret"])


# (path, body, credential header, where the secret is in the reply)
REGISTRATIONS: dict[str, tuple[str, dict[str, Any], str, Callable[[dict[str, Any]], str]]] = {
    "graphql": ("/graphql", {"query": CREATE_WEBHOOK}, "Authorization", graphql_webhook),
    "tech9": (
        "/api/webhooks",
        {"url": RECEIVER, "events": ["invoice.*"]},
        "Authtoken",
        lambda reply: str(reply["secret"]),
    ),
    "v2": (
        "/api/v2/webhooks",
        {"url": RECEIVER, "events": ["invoice.*"]},
        "X-API-KEY",
        lambda reply: str(reply["data"]["secret"]),
    ),
}


async def stored(live: Live, sql: str) -> list[str]:
    db = Database(live.env["CRM_DATABASE_URL"])
    try:
        async with db.read() as conn:
            rows = (await conn.execute(text(sql))).all()
    finally:
        await db.dispose()
    return [bytes(r[0]).decode() if isinstance(r[0], bytes | memoryview) else r[0] for r in rows]


@pytest.mark.parametrize("surface", REGISTRATIONS)
async def test_a_registered_webhooks_secret_is_withheld_from_the_stored_reply(
    live: Live, surface: str
) -> None:
    path, body, header, secret_of = REGISTRATIONS[surface]
    credential = f"Bearer {live.token}" if header == "Authorization" else live.token
    headers = {header: credential, "Idempotency-Key": f"register-{surface}"}
    async with httpx.AsyncClient(base_url=live.base, headers=headers, timeout=30) as client:
        first = await client.post(path, json=body)
        assert first.status_code in (200, 201), first.text
        secret = secret_of(first.json())
        assert secret.startswith("whsec_")

        again = await client.post(path, json=body)

    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["idempotent-withheld"] == "secret"
    assert again.status_code == first.status_code
    assert secret_of(again.json()) == WITHHELD
    assert secret not in again.text
    bodies = await stored(live, "SELECT body FROM idempotency_keys")
    assert bodies and not any(secret in b for b in bodies)

    at_rest = await stored(live, "SELECT secret FROM webhooks")
    assert secret not in at_rest
    key = sealing.derive_key(SECRET)
    assert secret in [sealing.unseal(value, key) for value in at_rest]
    assert all(value.startswith(sealing.PREFIX) for value in at_rest)


async def test_a_retried_sign_in_keeps_no_token(live: Live) -> None:
    # The demo's administrator.
    variables = {"email": "admin@example.com", "password": "admin"}
    headers = {"Authorization": f"Bearer {live.token}", "Idempotency-Key": "sign-in"}
    async with httpx.AsyncClient(base_url=live.base, headers=headers, timeout=30) as client:
        first = await client.post("/graphql", json={"query": LOGIN, "variables": variables})
        token = first.json()["data"]["login"]["token"]
        assert token
        again = await client.post("/graphql", json={"query": LOGIN, "variables": variables})
    assert again.headers["idempotent-withheld"] == "secret"
    assert again.json()["data"]["login"]["token"] == WITHHELD
    assert not any(token in b for b in await stored(live, "SELECT body FROM idempotency_keys"))
