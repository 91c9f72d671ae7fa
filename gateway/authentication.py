"""Who is calling: the credential a request carries and the Principal it names, put in
the scope by the admission layer (gateway.admission).

It accepts an API token or a staff JWT as `Authorization: Bearer ...`, and each REST
dialect's own header (`authtoken`, `X-API-KEY`, `X-API-TOKEN`). Nothing here rejects a
request: each surface answers a missing or bad credential in its own dialect.
WebSocket handshakes are authenticated the same way; the GraphQL view also accepts the
credential in the `connection_init` payload (`resolve_principal`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.database import Database
from resolvers.core.context import Database as Store
from resolvers.core.errors import Unauthenticated
from resolvers.core.identity import JwtKeys, looks_like_jwt, principal_for_jwt, principal_for_token
from resolvers.core.permissions import Principal
from resolvers.core.principal_cache import PrincipalCache

TOKEN_HEADERS = ("authtoken", "x-api-key", "x-api-token")


_NAMES = (b"authorization", *(name.encode() for name in TOKEN_HEADERS))


def credential(headers: Headers) -> str | None:
    # One pass over the raw headers, the first of each name as Headers.get finds it: four
    # lookups cost ~10 % of the whole middleware stack of a read by id.
    first: dict[bytes, bytes] = {}
    for name, value in headers.raw:
        if name in _NAMES and name not in first:
            first[name] = value
    if not first:
        return None
    scheme, _, sent = first.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() == "bearer" and sent.strip():
        return sent.strip()
    for name in _NAMES[1:]:
        if token := first.get(name, b"").decode("latin-1").strip():
            return token
    return None


def credential_of(values: Mapping[str, object]) -> str | None:
    """The credential in a mapping named like the headers, in any case (a GraphQL
    `connection_init` payload: {"authorization": "Bearer ..."})."""
    plain = {k.lower(): v.strip() for k, v in values.items() if isinstance(v, str)}
    return credential(Headers(headers=plain))


async def resolve_principal(
    db: Store, keys: JwtKeys | None, token: str
) -> tuple[Principal | None, str | None]:
    """The caller a credential names, or why there is none."""
    try:
        async with db.read() as conn:
            if looks_like_jwt(token):
                if keys is None:
                    raise Unauthenticated("JWTs are not accepted here")
                principal = await principal_for_jwt(conn, keys.verify(token))
            else:
                principal = await principal_for_token(conn, token)
    except Unauthenticated as exc:
        return None, exc.message
    if principal is None:
        return None, "Invalid or expired credentials"
    return principal, None


@dataclass(frozen=True)
class Credentials:
    """Resolving credentials through the process's principal cache: what every request
    does, and what a WebSocket does again while its subscriptions run."""

    db: Store
    keys: JwtKeys | None
    # None or a ttl of 0: every lookup reads the database.
    cache: PrincipalCache = field(default_factory=lambda: PrincipalCache(0))

    async def principal(self, token: str) -> tuple[Principal | None, str | None]:
        if (cached := self.cache.get(token)) is not None:
            if cached.expires_at is None or cached.expires_at > datetime.now(UTC):
                return cached, None
        principal, error = await resolve_principal(self.db, self.keys, token)
        if principal is not None:
            self.cache.put(token, principal, principal.expires_at)
        return principal, error

    async def of(self, headers: Headers) -> tuple[Principal | None, str | None]:
        """The caller a request's headers name (none without a credential), or why not."""
        token = credential(headers)
        if token is None:
            return None, None
        return await self.principal(token)


class AuthenticationMiddleware:
    """The principal alone (gateway.admission puts it in the app's scope among its other
    parts): for an app without the limits."""

    def __init__(
        self, app: ASGIApp, *, db: Database, keys: JwtKeys, cache: PrincipalCache | None = None
    ) -> None:
        self.app = app
        # No cache: every request looks its credential up.
        self.credentials = Credentials(db, keys, cache or PrincipalCache(0))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope["principal"], scope["auth_error"] = await self.credentials.of(
                Headers(scope=scope)
            )
        await self.app(scope, receive, send)
