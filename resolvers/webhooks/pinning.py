"""Deliveries connect to the addresses the guard checked, not to a second DNS answer.

The HTTP client keeps the receiver's URL as it is, so the Host header, TLS SNI and the
certificate's hostname check are the receiver's name, and its pooled connections are
keyed by that name; only the TCP connect is redirected, by a network backend that looks
up the addresses `pinned` set for the host in the running task. A host with no pinned
addresses is not connected to at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx
from httpcore import AnyIOBackend, AsyncNetworkBackend, AsyncNetworkStream

from resolvers.webhooks.guard import Address

_pins: ContextVar[Mapping[str, tuple[Address, ...]] | None] = ContextVar(
    "webhook_pins", default=None
)


def host_key(url: str) -> str:
    # As httpcore will name the host to the backend: IDNA-encoded, without brackets.
    return httpx.URL(url).raw_host.decode("ascii").lower()


@contextmanager
def pinned(url: str, addresses: Iterable[Address]) -> Iterator[None]:
    """While the block runs, connections to `url`'s host go only to `addresses`."""
    token = _pins.set({**(_pins.get() or {}), host_key(url): tuple(addresses)})
    try:
        yield
    finally:
        _pins.reset(token)


class PinnedBackend(AsyncNetworkBackend):
    def __init__(self, inner: AsyncNetworkBackend | None = None) -> None:
        self.inner = inner or AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        addresses = (_pins.get() or {}).get(host.lower())
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks are not delivered over Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (TLS verified against the URL's host), its connection pool
    built on PinnedBackend. No proxy: a proxy would resolve the name again itself."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx takes no network backend; its pool is rebuilt with the same settings.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(),
        )


def pinned_client(limits: httpx.Limits) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=PinnedTransport(limits=limits), trust_env=False)
