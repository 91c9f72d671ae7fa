"""A limit's refusal in the caller's own shape: each REST dialect's error body, or a
GraphQL error with `extensions.code`; paths of no surface get a plain JSON error."""

from __future__ import annotations

from collections.abc import Mapping

import orjson
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Scope

from gateway.graphql_view import JSON, negotiate
from gateway.limits.dialects import GRAPHQL
from rest_compat.errors import BODIES, Failure


def refusal(
    scope: Scope,
    dialect: str | None,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    extra = dict(headers or {})
    if dialect == GRAPHQL:
        media = negotiate(Headers(scope=scope).get("accept")) or JSON
        body = {"errors": [{"message": message, "extensions": {"code": code}}]}
        extra["Vary"] = "Accept"
        return Response(orjson.dumps(body), status, extra, media_type=media)
    if dialect is not None and dialect in BODIES:
        content = BODIES[dialect](Failure(code, message), "")
    else:
        content = {"error": code.lower(), "message": message}
    return Response(orjson.dumps(content), status, extra, media_type="application/json")
