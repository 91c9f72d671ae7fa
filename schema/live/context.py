"""What a WebSocket's operations get as `info.context`: the request context, the
`connection_init` payload, and the process's feed of changes to subscribe to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from resolvers.changes import Change
from resolvers.core.permissions import Principal
from schema.context import GraphQLContext


class ChangeFeed(Protocol):
    """Every change committed from now on, in log order (gateway/event_stream.py)."""

    def listen(self) -> AbstractAsyncContextManager[AsyncIterator[Change]]: ...


class LiveCredential(Protocol):
    """The socket's credential, checked again while it is open
    (gateway/socket_credential.py)."""

    async def current(self) -> Principal | None:
        """The caller now; None once the credential expired or was revoked."""
        ...

    async def close(self, code: int, reason: str) -> None: ...


@dataclass
class LiveContext(GraphQLContext):
    feed: ChangeFeed | None = None
    credential: LiveCredential | None = None
    # Strawberry fills it with the `connection_init` payload.
    connection_params: dict[str, object] | None = None
