"""The route table's rows (`Endpoint`) and the router making Starlette routes of them.

A row says, for one documented method and path: which service operation answers it,
how to read the request into that operation's arguments, how to shape its result into
the dialect's reply, and the document's title. The router adds what every row shares:
credentials first, the body read once, errors rendered through `errors.render`, the
dialect's reply headers, and the perfex/tech9 join rule for paths both document.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from starlette.convertors import PathConvertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Scope

from resolvers.core import preconditions
from resolvers.core.context import Ctx
from resolvers.core.errors import DomainError, Invalid, NotFound, Stale, Unauthenticated
from resolvers.core.resources import REGISTRY
from rest_compat.envelopes import reply
from rest_compat.errors import failure_of, render
from rest_compat.ids import IdCodec
from rest_compat.renames import FieldMap
from rest_compat.requests import check_text, read_body

log = logging.getLogger("rest_compat")

Args = tuple[tuple[Any, ...], dict[str, Any]]
Reader = Callable[["Call"], Awaitable[Args]]
Shaper = Callable[["Call", Any], Awaitable[Response]]
# A read answered whole from a plan made once (rest_compat.plans): call -> response, or
# None for a request the plan does not cover (a filter it does not make): the row's own.
Plan = Callable[["Call"], Awaitable[Response | None]]
Operation = Callable[..., Awaitable[Any]]
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
CONDITIONAL_METHODS = ("PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Param:
    """A documented query parameter (for the OpenAPI document); one named as a path
    parameter of its row states that parameter's rule instead."""

    name: str
    description: str = ""
    type: str = "string"
    # The bounds the reader holds a number to (rest_compat.readers.query_int's).
    minimum: int | None = None
    maximum: int | None = None
    # The text the reader takes (ECMA-262, no flags), where it takes less than any.
    pattern: str | None = None


@dataclass(frozen=True)
class Endpoint:
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
    # The same reply as read + operation + reply, from one statement made once.
    plan: Plan | None = None


@dataclass(frozen=True)
class Dialect:
    name: str
    ids: IdCodec
    security: tuple[str, ...]  # OpenAPI security scheme names
    # Where clients reach the gateway (CRM_PUBLIC_URL); "" makes links relative.
    public_url: str = ""


@dataclass
class Call:
    """One request as a row's reader and shaper see it."""

    request: Request
    ctx: Ctx
    dialect: Dialect
    row: Endpoint
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def query(self) -> Mapping[str, str]:
        return self.request.query_params

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def link(self, path: str) -> str:
        """An absolute link to `path` (from /) on the gateway: built from the configured
        public URL, never from the Host header, which the caller is free to forge."""
        return f"{self.dialect.public_url.rstrip('/')}{path}"

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


class _AnyText(PathConvertor):
    """The rest of the path, line breaks included (Starlette's `path` stops at one, and
    the request would miss its route: a plain-text 404 instead of the dialect's answer)."""

    regex = r"[\s\S]*"


register_url_convertor("anytext", _AnyText())


def starlette_path(path: str) -> str:
    # Search terms may hold an encoded slash; give them the rest of the path.
    return re.sub(r"\{(keysearch|term|search)\}$", r"{\1:anytext}", path)


async def run(services: Services, dialect: Dialect, row: Endpoint, request: Request) -> Response:
    principal = request.scope.get("principal")
    ctx = services.ctx.for_request(principal)
    call = Call(request, ctx, dialect, row)
    headers: dict[str, str] = {}
    try:
        if principal is None and not row.public:
            raise Unauthenticated(request.scope.get("auth_error") or "Missing credentials")
        if request.method in BODY_METHODS:
            call.body = (await read_body(request)).data
        check_text(request, call.body)
        if (stray := _unknown(row, call.body)) is not None:
            raise stray
        planned = None if row.plan is None else await row.plan(call)
        if planned is not None:
            response, tag = planned, planned.headers.get("etag")
        elif (missing := _missing(row, call.body)) is not None:
            # An operation answering its own failures (perfex's `refusing`: "Data not
            # Added") answers this one too.
            answer = getattr(row.operation, "refused", None)
            if answer is None:
                raise missing
            result = answer(missing)
            response, tag = await row.reply(call, result), None
        else:
            args, kwargs = await row.read(call)
            with _if_match(call):
                result = await row.operation(ctx, *args, **kwargs)
            response = await row.reply(call, result)
            tag = preconditions.etag_of(result)
        if tag is not None and 200 <= response.status_code < 300:
            headers["ETag"] = tag
            # A joined reply is built anew from two runs: the endpoint copies the tag.
            request.state.etag = tag
    except Exception as exc:  # every failure answers in the dialect's shape
        if not isinstance(exc, DomainError):
            log.exception("%s %s failed", request.method, request.url.path)
        rename = _renamer(row.fields, tuple(call.body))
        status, content = render(dialect.name, failure_of(exc, rename), row.fail)
        response = reply(content, status)
    # Uploads of a multipart body are spooled to temporary files: done with, close them.
    await request.close()
    response.headers.update(headers)
    return response


def _missing(row: Endpoint, body: Mapping[str, Any]) -> Invalid | None:
    """A body without a name its map requires, where it holds: a create or a whole body
    (an update is partial: what a create requires, the record holds already)."""
    if row.fields is None or not (row.method == "POST" or row.fields.whole):
        return None
    return row.fields.missing(body)


def _unknown(row: Endpoint, body: Mapping[str, Any]) -> Invalid | None:
    """A body its reader reads itself (an upload, a sign-in: a map with no service model to
    refuse a stray name) holds the names its map declares and no other, as a model's body
    does: the document states `additionalProperties: false` for both."""
    fields = row.fields
    if fields is None or fields.model is not None:
        return None
    known = {*fields.fields, *fields.ignore, *fields.nested}
    known |= {name.split("[", 1)[0] for name in (*fields.schema, *fields.required)}
    stray = {name: "Unknown field" for name in body if name not in known}
    return Invalid(stray, f"Unknown field: {', '.join(stray)}") if stray else None


def _renamer(fields: FieldMap | None, sent: tuple[str, ...]) -> Callable[[str], str]:
    """Service field names -> the client's, preferring the names this body used."""
    if fields is None:
        return str

    def rename(name: str) -> str:
        return fields.client_name(name, sent)

    return rename


def _if_match(call: Call) -> AbstractContextManager[Any]:
    """The If-Match header as the service layer's expectation; "*" asks for nothing."""
    header = call.request.headers.get("if-match")
    if call.request.method not in CONDITIONAL_METHODS or header is None:
        return nullcontext()
    tags = preconditions.split_tags(header)
    if "*" in tags:
        return nullcontext()
    versions = [v for v in map(preconditions.parse_etag, tags) if v is not None]
    targets = _path_ids(call)
    ids = [i for i, _ in versions if not targets or i in targets]
    if not ids:
        # No tag this server made names the record this path writes: nothing can match.
        raise Stale(call.row.label, ", ".join(tags))
    record_id = ids[0]
    wanted = frozenset(moment for i, moment in versions if i == record_id)
    return preconditions.expecting(_table_of(call.row), record_id, wanted)


def _path_ids(call: Call) -> set[int]:
    ids: set[int] = set()
    for value in call.request.path_params.values():
        try:
            ids.add(call.dialect.ids.decode(str(value), call.row.label))
        except (NotFound, ValueError):
            continue  # a search term or a slug, not an id
    return ids


def _table_of(row: Endpoint) -> str | None:
    """The table a path's own {id} names: its operation's resource, when the path ends in
    {id}. None lets the expectation match the record id in whichever table is written."""
    if not row.path.endswith("{id}"):
        return None
    parts = row.operation.__module__.split(".")
    while parts:
        name = getattr(sys.modules.get(".".join(parts)), "RESOURCE", None)
        if isinstance(name, str) and name in REGISTRY:
            return REGISTRY[name].table.name
        parts.pop()
    return None


Joiner = Callable[[Services, Sequence[tuple[Dialect, Endpoint]], Request], Awaitable[Response]]


def build(
    services: Services,
    tables: Sequence[tuple[Dialect, Sequence[Endpoint]]],
    join: Joiner,
) -> list[BaseRoute]:
    """One Starlette route per path; a method two dialects document goes to `join`."""
    by_path: dict[str, dict[str, list[tuple[Dialect, Endpoint]]]] = {}
    for dialect, rows in tables:
        for row in rows:
            by_path.setdefault(row.path, {}).setdefault(row.method, []).append((dialect, row))
    routes: list[BaseRoute] = []
    for path in sorted(by_path, key=_specificity):
        methods = by_path[path]
        route = RestRoute(
            starlette_path(path),
            _endpoint(services, methods, join),
            methods=list(methods),
            name=f"rest:{path}",
        )
        route.dialects = {m: tuple(d.name for d, _ in rows) for m, rows in methods.items()}
        routes.append(route)
    return routes


class RestRoute(Route):
    """A documented path, knowing which dialects answer each of its methods."""

    dialects: Mapping[str, tuple[str, ...]] = {}

    def __init__(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        super().__init__(path, endpoint, **options)
        # The text before the first parameter. The router tries some 200 routes in
        # turn; a path not starting with it cannot match, which str.startswith tells
        # several times faster than the route's regex (~60 us a request otherwise).
        self.literal = path.split("{", 1)[0]

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if (
            scope["type"] == "http"
            and not scope.get("root_path")
            and not scope["path"].startswith(self.literal)
        ):
            return Match.NONE, {}
        return super().matches(scope)


def dialect_at(routes: Sequence[BaseRoute], scope: Scope) -> str | None:
    """The dialect that answers this request, for replies made before a row runs (the
    idempotency middleware's); a path two dialects share goes by the body, as `join` does."""
    for route in routes:
        if isinstance(route, RestRoute) and route.matches(scope)[0] == Match.FULL:
            names = route.dialects.get(scope["method"], ())
            if len(names) == 1:
                return names[0]
            if "tech9" in names:
                headers = dict(scope.get("headers") or [])
                json_body = b"json" in headers.get(b"content-type", b"")
                return "tech9" if json_body else "perfex"
            return names[0] if names else None
    return None


def _endpoint(
    services: Services, methods: Mapping[str, list[tuple[Dialect, Endpoint]]], join: Joiner
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        candidates = methods[method]
        if len(candidates) == 1:
            dialect, row = candidates[0]
            return await run(services, dialect, row, request)
        response = await join(services, candidates, request)
        tag = getattr(request.state, "etag", None)
        if tag is not None and 200 <= response.status_code < 300:
            response.headers.setdefault("ETag", tag)
        return response

    return endpoint
