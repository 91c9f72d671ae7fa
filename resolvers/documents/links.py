"""Short-lived download links: a signed path anyone holding it may fetch until it expires.

The signature is an HMAC-SHA256 over kind, id and expiry with a key derived from the
app's secret (the JWT keys: a rotated-out key keeps verifying until it is dropped). The
link is handed only to a caller who could read the record, so it carries that right
for its few minutes and no other: the PDF is rendered for a caller holding just `get`
on that kind, and `customers:get` too when the caller who asked for the link held it
(signed as `buyer=1`), so the buyer prints on it exactly when it would for that caller.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from urllib.parse import urlencode

from resolvers.core.context import Ctx
from resolvers.core.errors import DomainError
from resolvers.core.numbers import whole_number
from resolvers.core.permissions import Principal, may_read
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.documents.pdfs import PdfFile, document_pdf

LINK_TTL_SECONDS = 15 * 60
PATH = "/documents/{kind}/{id}.pdf"
# The kinds a link may name (a contract has no pdfUrl and no documented /pdf path).
KINDS = ("invoices", "estimates", "proposals", "credit_notes")
_PURPOSE = b"crm-gateway document links v1"


class LinkRefused(DomainError):
    """A link whose signature does not match or whose time is up: 403, never a hint why."""

    code = "FORBIDDEN"

    def __init__(self) -> None:
        super().__init__("This link is not valid or has expired")


def _secrets(ctx: Ctx) -> list[bytes]:
    if ctx.keys is None or not ctx.keys.keys:
        raise LinkRefused()
    current = ctx.keys.keys[ctx.keys.current]
    others = [k for kid, k in ctx.keys.keys.items() if kid != ctx.keys.current]
    return [s.encode() for s in (current, *others)]


def _sign(secret: bytes, kind: str, record_id: int, expires: int, buyer: bool) -> str:
    # A key of its own for links, so a link's MAC can never pass for anything else.
    key = hmac.new(secret, _PURPOSE, hashlib.sha256).digest()
    message = f"{kind}:{record_id}:{expires}{':buyer' if buyer else ''}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def pdf_link(ctx: Ctx, kind: str, record_id: int, *, now: float | None = None) -> str:
    """The path (relative to the gateway's root) of the document's PDF, valid for
    LINK_TTL_SECONDS: /documents/invoices/12.pdf?expires=...&signature=..."""
    if kind not in KINDS:
        raise ValueError(f"no links to {kind}")
    expires = int(now if now is not None else time.time()) + LINK_TTL_SECONDS
    buyer = may_read(ctx.principal, CUSTOMERS)
    signature = _sign(_secrets(ctx)[0], kind, record_id, expires, buyer)
    query = urlencode({"expires": expires, **({"buyer": 1} if buyer else {}),
                       "signature": signature})  # fmt: skip
    return f"{PATH.format(kind=kind, id=record_id)}?{query}"


def check_link(
    ctx: Ctx,
    kind: str,
    record_id: int,
    query: Mapping[str, str],
) -> frozenset[str]:
    """The grants a good link carries; LinkRefused for any other."""
    stamp = whole_number(query.get("expires", ""), high=10**18)
    buyer = query.get("buyer")
    if kind not in KINDS or stamp is None or buyer not in (None, "1"):
        raise LinkRefused()
    signature = query.get("signature", "")
    valid = any(
        hmac.compare_digest(_sign(secret, kind, record_id, stamp, buyer == "1"), signature)
        for secret in _secrets(ctx)
    )
    if not valid or stamp < time.time():
        raise LinkRefused()
    return frozenset({f"{kind}:get", *([f"{CUSTOMERS}:get"] if buyer else [])})


async def linked_pdf(ctx: Ctx, kind: str, record_id: int, query: Mapping[str, str]) -> PdfFile:
    """The PDF a signed link names; LinkRefused when the link is bad, NotFound when the
    record is gone since."""
    grants = check_link(ctx, kind, record_id, query)
    holder = Principal(kind="token", id=0, name="document link", grants=grants)
    return await document_pdf(ctx.for_request(holder), kind, record_id)
