"""Refusing receivers on private networks (SSRF): a webhook URL is the caller's choice
of where this server sends requests, so it must not reach the server's own neighbours
(databases, cloud metadata at 169.254.169.254, admin ports on 127.0.0.1).

The host is resolved and every address it resolves to must be public; checked when a
webhook is registered and again before each delivery, since DNS answers change. A
delivery then connects to one of the addresses checked, never to a second answer
(`resolvers.webhooks.pinning`): re-resolving would let a name that first answered a
public address answer 127.0.0.1 a moment later (DNS rebinding).

IPv6 addresses that carry an IPv4 address are judged by it (IPv4-mapped ::ffff:a.b.c.d,
IPv4-compatible ::a.b.c.d), and the transition prefixes that hand traffic to an IPv4
host by rules of their own (6to4 2002::/16, Teredo 2001::/32, NAT64 64:ff9b::/96 and
64:ff9b:1::/48) are refused outright: `http://[2002:7f00:1::]/` is 127.0.0.1 by 6to4.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from resolvers.core.errors import Invalid
from resolvers.webhooks.patterns import SPACE

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

TRANSITION = {
    ipaddress.IPv6Network("2002::/16"): "6to4",
    ipaddress.IPv6Network("2001::/32"): "Teredo",
    ipaddress.IPv6Network("64:ff9b::/96"): "NAT64",
    ipaddress.IPv6Network("64:ff9b:1::/48"): "NAT64",
}
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class Refused(Exception):
    """The URL may not be called; the message says why."""


def transition_kind(address: Address) -> str | None:
    """The IPv6 transition mechanism whose prefix `address` is in, if any."""
    if isinstance(address, ipaddress.IPv6Address):
        for network, kind in TRANSITION.items():
            if address in network:
                return kind
    return None


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped or IPv4-compatible IPv6 address stands for."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in IPV4_COMPATIBLE and int(address) > 1:  # not :: nor ::1
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: Address) -> bool:
    if transition_kind(address) is not None:
        return False
    address = embedded_ipv4(address) or address
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


# What `parts` takes, for the OpenAPI document (ECMA-262, no flags): an http(s) scheme in
# any case, a host, no user name or password, a numeric port if any. Whether the host
# resolves, and to a public address, no pattern can say.
URL_PATTERN = (
    rf"^{SPACE}*[hH][tT][tT][pP][sS]?://(?![^/?#]*@)(\[[0-9A-Fa-f:.]+\]|[^/?#:\[\]\s]+)"
    r"(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[0-5]?[0-9]{1,4})?)?"
    r"([/?#][\s\S]*)?$"
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


async def check(url: str, *, allow_private: bool) -> list[Address]:
    """The addresses `url` may be called at (its host resolved once, each one checked);
    Refused unless every one of them may be."""
    host, port = parts(url)
    addresses = await resolve(host, port)
    if not addresses:
        raise Refused(f"host {host!r} does not resolve")
    if allow_private:
        return addresses
    for address in addresses:
        kind = transition_kind(address)
        if kind is not None:
            raise Refused(f"resolves to {address}, a {kind} address (it reaches an IPv4 host)")
        if not is_public(address):
            raise Refused(f"resolves to {address}, a private or reserved address")
    return addresses


async def check_field(url: str, *, allow_private: bool) -> None:
    """`check`, failing as Invalid naming `url` (for registration)."""
    try:
        await check(url, allow_private=allow_private)
    except Refused as exc:
        raise Invalid.field("url", str(exc)) from None
