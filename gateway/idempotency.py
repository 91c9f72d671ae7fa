"""Idempotency-Key on any POST (REST and GraphQL): a retry gets the first reply back.

Pure ASGI middleware, inside authentication (keys are scoped to the caller). The first
request with a key claims it in the database (`resolvers.core.idempotency`), runs, and its
reply is stored before it is sent, so a retry that follows the reply always finds it.
Meanwhile a second request with the key gets 409; the same key with another request
gets 422; a reply with a 5xx status is forgotten so the retry runs. Replays carry
`Idempotent-Replayed: true`. The store is the database, so this holds across workers
with or without Redis.

A reply that carried a secret (`resolvers.core.idempotency.shown_once`: a webhook's signing
secret, a sign-in's JWT) is stored with the secret withheld; its replay answers the rest
and `Idempotent-Withheld: secret`.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import timedelta
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resolvers.core import idempotency
from resolvers.core.context import Database
from resolvers.core.permissions import Principal
from rest_compat.errors import Failure, render
from rest_compat.routing import dialect_at

HEADER = "idempotency-key"
MAX_KEY = 255
# Reply headers worth replaying; the rest (dates, rate limits) describe the first reply.
KEPT_HEADERS = ("content-type", "etag", "location", "cache-control")
WITHHELD_HEADER = "idempotent-withheld"
PURGE_EVERY_SECONDS = 600.0


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, db: Database, ttl_hours: float = 24) -> None:
        self.app = app
        self.db = db
        self.ttl = timedelta(hours=ttl_hours)
        self._purged_at = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        principal = scope.get("principal")
        key = Headers(scope=scope).get(HEADER, "").strip()
        # Unauthenticated requests are answered 401, or are sign-ins, which no caller owns.
        if not key or not isinstance(principal, Principal):
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY:
            await _refuse(scope, send, 400, "BAD_REQUEST", f"Idempotency-Key is over {MAX_KEY}")
            return
        body, receive = await _buffered(receive)
        owner = f"{principal.kind}:{principal.id}"
        fingerprint = _fingerprint(scope, body)
        await self._purge_now_and_then()
        stored = await idempotency.claim(self.db, owner, key, fingerprint, ttl=self.ttl)
        if stored is not None:
            await _answer_stored(scope, send, stored, fingerprint)
            return
        await self._run_and_store(scope, receive, send, owner, key)

    async def _run_and_store(
        self, scope: Scope, receive: Receive, send: Send, owner: str, key: str
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            with idempotency.noting_secrets() as secrets:
                await self.app(scope, receive, hold)
        except BaseException:
            await idempotency.release(self.db, owner, key)
            raise
        if start is None:
            await idempotency.release(self.db, owner, key)
            return
        status = int(start["status"])
        body = b"".join(chunks)
        if status < 500:
            headers = Headers(raw=start.get("headers", []))
            kept = {name: headers[name] for name in KEPT_HEADERS if name in headers}
            stored = idempotency.withheld(body, secrets)
            if stored != body:
                kept[WITHHELD_HEADER] = "secret"
            await idempotency.finish(self.db, owner, key, status, kept, stored)
        else:
            await idempotency.release(self.db, owner, key)
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _purge_now_and_then(self) -> None:
        now = time.monotonic()
        if now - self._purged_at >= PURGE_EVERY_SECONDS:
            self._purged_at = now
            await idempotency.purge_expired(self.db, ttl=self.ttl)


def _fingerprint(scope: Scope, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (scope["method"], scope["path"], scope.get("query_string", b"").decode()):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body (to fingerprint it), and a receive that hands it to the app."""
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(parts)
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


async def _answer_stored(
    scope: Scope, send: Send, stored: idempotency.Stored, fingerprint: str
) -> None:
    if stored.fingerprint != fingerprint:
        message = "This Idempotency-Key was used with a different request"
        await _refuse(scope, send, 422, "KEY_REUSED", message)
        return
    if stored.status is None:
        message = "A request with this Idempotency-Key is still in progress; retry later"
        await _refuse(scope, send, 409, "IN_FLIGHT", message, retry_after=True)
        return
    headers = {**stored.headers, "idempotent-replayed": "true"}
    await _send(send, stored.status, headers, stored.body)


async def _refuse(
    scope: Scope, send: Send, status: int, code: str, message: str, *, retry_after: bool = False
) -> None:
    """Answer in the shape of whoever would have answered: a REST dialect, or GraphQL."""
    app = scope.get("app")
    dialect = dialect_at(app.router.routes, scope) if app is not None else None
    content: Any
    if dialect is not None:
        status, content = render(dialect, Failure(code, message))
    elif scope["path"].rstrip("/").endswith("graphql"):
        content = {"errors": [{"message": message, "extensions": {"code": code}}]}
    else:
        content = {"error": code.lower(), "message": message}
    headers = {"content-type": "application/json"}
    if retry_after:
        headers["retry-after"] = "1"
    await _send(send, status, headers, json.dumps(content).encode())


async def _send(send: Send, status: int, headers: dict[str, str], body: bytes) -> None:
    raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body, "more_body": False})
