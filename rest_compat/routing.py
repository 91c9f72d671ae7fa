"""The route table row and the router that turns the dialects' tables into Starlette routes.

A row says, for one documented method and path: which service operation answers it,
how to read the request into that operation's arguments, how to shape its result into
the dialect's reply, and the document's title. The router adds what every row shares:
credentials first, the body read once, errors rendered through `errors.render`, the
dialect's reply headers, and the perfex/tech9 join rule for paths both document.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from resolvers.context import Ctx
from resolvers.errors import DomainError, Unauthenticated
from rest_compat.envelopes import reply
from rest_compat.errors import RateLimited, failure_of, render
from rest_compat.ids import IdCodec
from rest_compat.limits import Quota
from rest_compat.renames import FieldMap
from rest_compat.requests import read_body

log = logging.getLogger("rest_compat")

Args = tuple[tuple[Any, ...], dict[str, Any]]
Reader = Callable[["Call"], Awaitable[Args]]
Shaper = Callable[["Call", Any], Awaitable[Response]]
Operation = Callable[..., Awaitable[Any]]
# Runs before every request of a dialect; its quota's numbers become reply headers.
QuotaHook = Callable[[Request], Awaitable[Quota]]
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Param:
    """A documented query parameter (for the OpenAPI document)."""

    name: str
    description: str = ""
    type: str = "string"


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # as the document writes it, with {name} parameters
    operation: Operation  # the service function: operation(ctx, *args, **kwargs)
    read: Reader  # request -> (args, kwargs) for the operation
    reply: Shaper  # (call, result) -> the dialect's response
    title: str
    fields: FieldMap | None = None  # the request body's fields
    fail: str = ""  # the document's own failure message, if it has one
    query: tuple[Param, ...] = ()
    status: int = 200  # the documented success status
    label: str = "Record"  # what a bad path id failed to find
    # Answers without credentials (signing in, which is how a caller gets one).
    public: bool = False


@dataclass(frozen=True)
class Dialect:
    name: str
    ids: IdCodec
    security: tuple[str, ...]  # OpenAPI security scheme names
    quota: QuotaHook | None = None


@dataclass
class Call:
    """One request as a row's reader and shaper see it."""

    request: Request
    ctx: Ctx
    dialect: Dialect
    row: Row
    body: dict[str, Any] = field(default_factory=dict)
    body_kind: str = "none"

    @property
    def query(self) -> Mapping[str, str]:
        return self.request.query_params

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def id(self, name: str = "id", label: str | None = None) -> int:
        return self.dialect.ids.decode(self.path(name), label or self.row.label)

    def encode(self, value: int | None) -> int | str | None:
        return None if value is None else self.dialect.ids.encode(value)


@dataclass(frozen=True)
class Services:
    # The app's context template; each request gets its own copy with its caller.
    ctx: Ctx


def _specificity(path: str) -> tuple[int, ...]:
    """Literal segments before parameters, so /search/{term} wins over /{id}."""
    return tuple(1 if part.startswith("{") else 0 for part in path.strip("/").split("/"))


def starlette_path(path: str) -> str:
    # Search terms may hold an encoded slash; give them the rest of the path.
    return re.sub(r"\{(keysearch|term|search)\}$", r"{\1:path}", path)


async def run(services: Services, dialect: Dialect, row: Row, request: Request) -> Response:
    principal = request.scope.get("principal")
    ctx = services.ctx.for_request(principal)
    call = Call(request, ctx, dialect, row)
    headers: dict[str, str] = {}
    try:
        if dialect.quota is not None:
            quota = await dialect.quota(request)
            headers.update(quota.headers)
            if quota.exceeded:
                raise RateLimited(max(quota.reset, 0))
        if principal is None and not row.public:
            raise Unauthenticated(request.scope.get("auth_error") or "Missing credentials")
        if request.method in BODY_METHODS:
            body = await read_body(request)
            call.body, call.body_kind = body.data, body.kind
        args, kwargs = await row.read(call)
        result = await row.operation(ctx, *args, **kwargs)
        response = await row.reply(call, result)
    except Exception as exc:  # every failure answers in the dialect's shape
        if not isinstance(exc, DomainError):
            log.exception("%s %s failed", request.method, request.url.path)
        rename = row.fields.client_name if row.fields else str
        status, content = render(dialect.name, failure_of(exc, rename), row.fail)
        response = reply(content, status)
        if isinstance(exc, RateLimited):
            headers["Retry-After"] = str(max(exc.retry_after - int(time.time()), 0))
    # Uploads of a multipart body are spooled to temporary files: done with, close them.
    await request.close()
    response.headers.update(headers)
    return response


Joiner = Callable[[Services, Sequence[tuple[Dialect, Row]], Request], Awaitable[Response]]


def build(
    services: Services,
    tables: Sequence[tuple[Dialect, Sequence[Row]]],
    join: Joiner,
) -> list[BaseRoute]:
    """One Starlette route per path; a method two dialects document goes to `join`."""
    by_path: dict[str, dict[str, list[tuple[Dialect, Row]]]] = {}
    for dialect, rows in tables:
        for row in rows:
            by_path.setdefault(row.path, {}).setdefault(row.method, []).append((dialect, row))
    routes: list[BaseRoute] = []
    for path in sorted(by_path, key=_specificity):
        methods = by_path[path]
        routes.append(
            Route(
                starlette_path(path),
                _endpoint(services, methods, join),
                methods=list(methods),
                name=f"rest:{path}",
            )
        )
    return routes


def _endpoint(
    services: Services, methods: Mapping[str, list[tuple[Dialect, Row]]], join: Joiner
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        candidates = methods[method]
        if len(candidates) == 1:
            dialect, row = candidates[0]
            return await run(services, dialect, row, request)
        return await join(services, candidates, request)

    return endpoint
