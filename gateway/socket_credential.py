"""A WebSocket's credential, checked for as long as the socket is open.

The caller is named once, at `connection_init`, but a subscription outlives that moment:
the token may expire, be revoked, or its staff member be deleted or lose a grant. So the
credential is resolved again before each event is delivered (through the principal
cache, which every write of this process to the credential tables empties; another
worker's write is seen when its entry runs out, CRM_AUTH_CACHE_SECONDS), and a timer
closes the socket at the credential's expiry and re-checks it every RECHECK_SECONDS
while no event comes. A socket whose credential no longer names a caller is closed
with 4401; one whose caller may no longer read what it subscribed to, with 4403.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from datetime import UTC, datetime

from starlette.websockets import WebSocket, WebSocketState

from gateway.authentication import Credentials
from resolvers.core.permissions import Principal

log = logging.getLogger("crm.live")

RECHECK_SECONDS = 5.0
EXPIRED = 4401
FORBIDDEN = 4403


class SocketCredential:
    def __init__(self, credentials: Credentials, websocket: WebSocket) -> None:
        self.credentials = credentials
        self.websocket = websocket
        self.token: str | None = None
        self.principal: Principal | None = None
        self._watch: asyncio.Task[None] | None = None

    def bind(self, token: str, principal: Principal) -> None:
        """The credential `connection_init` named; watched from now on."""
        self.token, self.principal = token, principal
        if self._watch is None:
            self._watch = asyncio.create_task(self._watching(), name="socket-credential")

    async def current(self) -> Principal | None:
        """The caller as its credential names it now; None once expired or revoked."""
        if self.token is None:
            return None
        principal, _ = await self.credentials.principal(self.token)
        if principal is not None and _expired(principal):
            return None
        self.principal = principal
        return principal

    async def close(self, code: int, reason: str) -> None:
        if self.websocket.application_state != WebSocketState.DISCONNECTED:
            # Closed meanwhile by the client or the protocol handler: nothing to do.
            with suppress(RuntimeError):
                await self.websocket.close(code, reason)

    def stop(self) -> None:
        if self._watch is not None:
            self._watch.cancel()

    async def _watching(self) -> None:
        try:
            while self.websocket.application_state != WebSocketState.DISCONNECTED:
                await asyncio.sleep(self._until_next_check())
                if await self.current() is None:
                    await self.close(EXPIRED, "The credential expired or was revoked")
                    return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("checking a WebSocket's credential failed; closing it")
            await self.close(EXPIRED, "The credential could not be checked")

    def _until_next_check(self) -> float:
        wait = RECHECK_SECONDS
        expires = self.principal.expires_at if self.principal is not None else None
        if expires is not None:
            wait = min(wait, (expires - datetime.now(UTC)).total_seconds())
        return max(wait, 0.0)


def _expired(principal: Principal) -> bool:
    return principal.expires_at is not None and principal.expires_at <= datetime.now(UTC)
