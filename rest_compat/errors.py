"""One table from the service layer's exceptions to each dialect's status and body.

Expected failures (resolvers.core.errors) become the status and body the dialect's document
shows; anything unexpected becomes that dialect's generic 500 body, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from resolvers.core.errors import Conflict, DomainError, Invalid, Missing, Stale
from resolvers.core.numbers import whole_number


class BadRequest(DomainError):
    """A request the transport cannot read: malformed JSON, a broken form, a bad query."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


DIALECTS = ("perfex", "tech9", "v1", "v2", "ninja")

# code: status in perfex, tech9, v1, v2, ninja. perfex's module answers a failed write
# with 404; ninja (Laravel) answers validation failures with 422.
STATUS: dict[str, tuple[int, int, int, int, int]] = {
    "BAD_REQUEST": (400, 400, 400, 400, 400),
    "INVALID": (404, 400, 400, 400, 422),
    "CONFLICT": (409, 409, 409, 409, 422),
    # A field names a record that does not exist: each document's "check input fields"
    # status, as these clients have always been answered (their scripts test for it);
    # "Resource not found" is the path's record. The body names the field.
    "MISSING": (404, 400, 400, 400, 422),
    "NOT_FOUND": (404, 404, 404, 404, 404),
    "UNAUTHENTICATED": (401, 401, 401, 401, 401),
    "FORBIDDEN": (403, 403, 403, 403, 403),
    "RATE_LIMITED": (429, 429, 429, 429, 429),
    "INTERNAL": (500, 500, 500, 500, 500),
    # If-Match named a version the record no longer has (HTTP's own answer, every dialect).
    "STALE": (412, 412, 412, 412, 412),
    # Idempotency-Key: the first request with this key is still running / the key was
    # used for another request.
    "IN_FLIGHT": (409, 409, 409, 409, 409),
    "KEY_REUSED": (422, 422, 422, 422, 422),
}


@dataclass(frozen=True)
class Failure:
    code: str
    message: str
    # Per-field messages, keyed by the names the client used.
    fields: dict[str, str] = field(default_factory=dict)
    # An INVALID whose field names a record that does not exist (resolvers.core.errors.Missing).
    missing: bool = False

    def status(self, dialect: str) -> int:
        return STATUS["MISSING" if self.missing else self.code][DIALECTS.index(dialect)]


def failure_of(exc: Exception, rename: Callable[[str], str] = str) -> Failure:
    if isinstance(exc, Stale):
        # The service names its GraphQL argument; REST clients sent If-Match.
        return Failure(exc.code, exc.message)
    if isinstance(exc, Invalid):
        fields = {rename(k): v for k, v in exc.errors.items()}
        message = exc.message
        for original, value in exc.errors.items():
            # The service names its fields; say the client's name for them instead.
            if message == f"{original}: {value}":
                message = f"{rename(original)}: {value}"
        return Failure("INVALID", message, fields, missing=isinstance(exc, Missing))
    if isinstance(exc, Conflict | BadRequest):
        fields = {rename(exc.field): exc.message} if exc.field else {}
        return Failure(exc.code, exc.message, fields)
    if isinstance(exc, DomainError):
        # NotFound, Unauthenticated, Forbidden: a code and a message.
        return Failure(exc.code if exc.code in STATUS else "BAD_REQUEST", exc.message)
    return Failure("INTERNAL", "Internal server error")


# The bodies. `fail` is the document's own failure message for the route, if it has one.
def perfex_body(f: Failure, fail: str) -> dict[str, Any]:
    if f.code == "CONFLICT":
        return {"status": False, "error": f.fields or {"message": f.message}, "message": f.message}
    message = f.message
    if f.code in ("INVALID", "NOT_FOUND") and fail:
        message = fail
    body: dict[str, Any] = {"status": False, "message": message}
    if f.fields:
        body["errors"] = f.fields
    return body


def plain_body(f: Failure, fail: str) -> dict[str, Any]:
    body: dict[str, Any] = {"error": f.code.lower(), "message": f.message}
    if f.fields:
        body["errors"] = f.fields
    return body


V2_AUTH = "Invalid API key or unauthorized access"


def v2_body(f: Failure, fail: str) -> dict[str, Any]:
    if f.code == "UNAUTHENTICATED":
        return {"success": False, "message": V2_AUTH}
    if f.code in ("INVALID", "CONFLICT") and f.fields:
        body: dict[str, Any] = {
            "success": False,
            "errors": f.fields,
            "message": "Validation failed",
        }
        items = sorted({int(k.split(".")[1]) for k in f.fields if _is_item_key(k)})
        if items:
            body["failed_items"] = items
            body["detail"] = f.message
        return body
    return {"success": False, "message": f.message}


def _is_item_key(key: str) -> bool:
    parts = key.split(".")
    return len(parts) > 2 and whole_number(parts[1]) is not None


def ninja_body(f: Failure, fail: str) -> dict[str, Any]:
    if f.code in ("INVALID", "CONFLICT"):
        errors = {k: [v] for k, v in f.fields.items()} or {"": [f.message]}
        return {"message": "The given data was invalid.", "errors": errors}
    return {"message": f.message}


BODIES: Mapping[str, Callable[[Failure, str], dict[str, Any]]] = {
    "perfex": perfex_body,
    "tech9": plain_body,
    "v1": plain_body,
    "v2": v2_body,
    "ninja": ninja_body,
}


def render(dialect: str, f: Failure, fail: str = "") -> tuple[int, dict[str, Any]]:
    return f.status(dialect), BODIES[dialect](f, fail)
