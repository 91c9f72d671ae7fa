"""Refusing receivers on private networks (SSRF): a webhook URL is the caller's choice
of where this server sends requests, so it must not reach the server's own neighbours
(databases, cloud metadata at 169.254.169.254, admin ports on 127.0.0.1).

The host is resolved and every address it resolves to must be public; checked when a
webhook is registered and again before each delivery, since DNS answers change.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from resolvers.errors import Invalid

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The URL may not be called; the message says why."""


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def parts(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; anything else is Refused."""
    try:
        split = urlsplit(url.strip())
        port = split.port
    except ValueError as exc:
        raise Refused(f"is not a valid URL ({exc})") from None
    if split.scheme not in ("http", "https"):
        raise Refused("must be an http:// or https:// URL")
    if not split.hostname:
        raise Refused("must name a host")
    if split.username or split.password:
        raise Refused("must not carry a user name or password")
    return split.hostname, port or (443 if split.scheme == "https" else 80)


async def resolve(host: str, port: int) -> list[Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass  # a host name, not an address: resolved below
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"host {host!r} does not resolve ({exc})") from None
    # A scoped IPv6 address ("fe80::1%eth0") names its interface after the %.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


async def check(url: str, *, allow_private: bool) -> None:
    """Raise Refused unless `url` may be called."""
    host, port = parts(url)
    if allow_private:
        return
    for address in await resolve(host, port):
        if not is_public(address):
            raise Refused(f"resolves to {address}, a private or reserved address")


async def check_field(url: str, *, allow_private: bool, field: str = "url") -> None:
    """`check`, failing as Invalid naming `field` (for registration)."""
    try:
        await check(url, allow_private=allow_private)
    except Refused as exc:
        raise Invalid.field(field, str(exc)) from None
