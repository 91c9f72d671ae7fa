"""Delivery signatures: `X-CRM-Signature: t=<unix seconds>,v1=<hex>`, the hex being
HMAC-SHA256 under the webhook's secret of "<t>.<body>". The timestamp inside the signed
text lets a receiver refuse a replayed old request; `verify` is what a receiver does."""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-CRM-Signature"
DELIVERY_HEADER = "X-CRM-Delivery"
EVENT_HEADER = "X-CRM-Event"
DEFAULT_TOLERANCE = 300


def digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes) -> str:
    t = int(time.time())
    return f"t={t},v1={digest(secret, t, body)}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """Whether `header` signs `body` under `secret`, made within DEFAULT_TOLERANCE seconds."""
    fields: dict[str, list[str]] = {}
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        fields.setdefault(key, []).append(value)
    try:
        timestamp = int(fields["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > DEFAULT_TOLERANCE:
        return False
    expected = digest(secret, timestamp, body)
    return any(hmac.compare_digest(expected, v) for v in fields.get("v1", []))
