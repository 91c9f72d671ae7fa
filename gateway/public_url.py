"""Where clients reach the gateway (CRM_PUBLIC_URL), and the one place a link the app
makes could still come from the request: a redirect's Location.

Links in replies (ninja's `link`, a document's `url`, pagination's `next`) are built from
the configured URL (rest_compat `Call.link`); the Host header is the client's to choose,
so a link built from it points wherever a forged request (or a poisoned cache) says.
Starlette's own redirects (a trailing slash, `/`) are absolute URLs made from Host:
PublicLocation rewrites such a Location onto the configured URL."""

from __future__ import annotations

from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def default_public_url(host: str, port: int) -> str:
    """`crm-gateway serve`'s own address, the URL when none is configured."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


class PublicLocation:
    def __init__(self, app: ASGIApp, *, public_url: str) -> None:
        self.app = app
        self.public_url = public_url.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_public(message: Message) -> None:
            # Only a reply with a Location is looked at (parsing the request's URL on
            # every request cost ~4 % of a single-record read).
            if message["type"] == "http.response.start" and any(
                name.lower() == b"location" for name, _ in message.get("headers", ())
            ):
                location = Headers(raw=message.get("headers", [])).get("location", "")
                # The origin a link made from this request would carry.
                seen = str(URL(scope=scope).replace(path="", query="", fragment="")).rstrip("/")
                if location == seen or location.startswith(f"{seen}/"):
                    headers = MutableHeaders(raw=list(message.get("headers", [])))
                    headers["location"] = self.public_url + location[len(seen) :]
                    message["headers"] = headers.raw
            await send(message)

        await self.app(scope, receive, send_public)
