"""Where clients reach the gateway (CRM_PUBLIC_URL), and the one place a link the app
makes could still come from the request: a redirect's Location.

Links in replies (ninja's `link`, a document's `url`, pagination's `next`) are built from
the configured URL (rest_compat `Call.link`); the Host header is the client's to choose,
so a link built from it points wherever a forged request (or a poisoned cache) says.
Starlette's own redirects (a trailing slash, `/`) are absolute URLs made from Host:
`public_location` rewrites such a Location onto the configured URL (gateway.front_door
calls it on every reply)."""

from __future__ import annotations

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.types import Scope


def default_public_url(host: str, port: int) -> str:
    """`crm-gateway serve`'s own address, the URL when none is configured."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def public_location(scope: Scope, headers: list[tuple[bytes, bytes]], public_url: str) -> None:
    """Rewrites, in place, a reply's Location that points at the request's own origin onto
    `public_url` (no trailing slash). Only a reply with a Location is looked at: parsing the
    request's URL on every request cost ~4 % of a single-record read."""
    for name, _ in headers:
        if name.lower() == b"location":
            break
    else:
        return
    location = Headers(raw=headers).get("location", "")
    # The origin a link made from this request would carry.
    seen = str(URL(scope=scope).replace(path="", query="", fragment="")).rstrip("/")
    if location == seen or location.startswith(f"{seen}/"):
        rewritten = MutableHeaders(raw=headers)
        rewritten["location"] = public_url + location[len(seen) :]
