"""A GraphQL error leaves its message and location in the log, never the document or a
variable's value: a password typed into a mistaken `login`, a value a variable could not
take, a webhook's secret. Checked in a real server's log file and in-process at DEBUG."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest

from gateway.database import Database
from tests.auth.conftest import SETTINGS, client_for
from tests.factories import make_staff, make_token
from tests.security.conftest import Live

pytestmark = pytest.mark.server

TYPO_ARGUMENT = "typo-argument-password-4711"
TYPO_FIELD = "typo-field-password-4712"
VARIABLE_PASSWORD = "variable-password-4713"
BAD_VARIABLE = "not-a-number-secret-4714"
UNFINISHED = "unfinished-document-password-4715"
SECRETS = (TYPO_ARGUMENT, TYPO_FIELD, VARIABLE_PASSWORD, BAD_VARIABLE, UNFINISHED)

MISTAKES: list[dict[str, object]] = [
    {"query": f'mutation {{ login(email: "a@b.c", pasword: "{TYPO_ARGUMENT}") {{ token }} }}'},
    {"query": f'mutation {{ login(email: "a@b.c", password: "{TYPO_FIELD}") {{ tokn }} }}'},
    {
        "query": 'mutation($p: String!) { login(email: "a@b.c", password: $p) { tokn } }',
        "variables": {"p": VARIABLE_PASSWORD},
    },
    {
        "query": "query($n: Int) { customers(first: $n) { totalCount } }",
        "variables": {"n": BAD_VARIABLE},
    },
    {"query": f'mutation {{ login(email: "a@b.c", password: "{UNFINISHED}" '},
]
# What each mistake's log line still says: the message, without the value.
SAID = ("Unknown argument 'pasword'", "Cannot query field 'tokn'", "Variable '$n'")
CREATE_WEBHOOK = """
mutation { createWebhook(input: {url: "https://93.184.215.14/hook", events: ["*"]}) {
  secret userErrors { message } } }
"""


def send_mistakes(base: str, token: str) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        for body in MISTAKES:
            assert client.post("/graphql", json=body).status_code in (200, 400)


def test_a_real_servers_log_has_the_errors_but_no_value(live: Live) -> None:
    send_mistakes(live.base, live.token)
    created = httpx.post(
        f"{live.base}/graphql",
        json={"query": CREATE_WEBHOOK},
        headers={"Authorization": f"Bearer {live.token}", "Idempotency-Key": "log-hook"},
    ).json()
    secret = created["data"]["createWebhook"]["secret"]
    assert secret

    logged = live.log.read_text()
    for said in SAID:
        assert said in logged
    for value in (*SECRETS, secret):
        assert value not in logged
    # The document itself is not printed either (Strawberry printed its offending lines).
    assert 'login(email: "a@b.c"' not in logged


@pytest.fixture
def debug_everywhere(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    for name in ("", "strawberry", "sqlalchemy", "aiosqlite", "crm", "crm.graphql"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog


async def test_in_process_logs_at_debug_carry_no_value(
    db: Database, debug_everywhere: pytest.LogCaptureFixture
) -> None:
    await make_staff(db, password=TYPO_FIELD)
    token = (await make_token(db, "*")).token
    async for client in client_for(SETTINGS, db):
        bearer = {"Authorization": f"Bearer {token}"}
        for body in MISTAKES:
            await client.post("/graphql", json=body, headers=bearer)
        reply = await client.post(
            "/graphql",
            json={"query": CREATE_WEBHOOK},
            headers={**bearer, "Idempotency-Key": "log-hook"},
        )
        secret = reply.json()["data"]["createWebhook"]["secret"]
        await client.post(
            "/api/v1/auth/login", json={"email": "a@b.c", "password": VARIABLE_PASSWORD}
        )

    server_side = [
        r for r in debug_everywhere.records if not r.name.startswith(("httpx", "httpcore"))
    ]
    logged = "".join(
        f"{r.getMessage()} {r.exc_text} {json.dumps(r.__dict__, default=repr)}" for r in server_side
    )
    assert any(said in logged for said in SAID), "the errors were not logged at all"
    for value in (*SECRETS, secret):
        assert value not in logged
