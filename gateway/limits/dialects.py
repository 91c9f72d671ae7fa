"""Which surface a request speaks, decided from its path as the REST router decides it,
so a refusal made before routing still answers in the caller's own error shape."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from starlette.datastructures import Headers, QueryParams
from starlette.routing import compile_path
from starlette.types import Scope

from rest_compat import route_tables
from rest_compat.join import PAGE_PARAMS
from rest_compat.routing import starlette_path

GRAPHQL = "graphql"
GRAPHQL_PATH = "/graphql"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    dialect: str


class _PathsOnly:
    # route_tables wants a secret for ninja's id codec; only the paths are read here.
    secret_key = "paths-only"


def _first_segment(path: str) -> str:
    parts = path.strip("/").split("/")
    return "/".join(parts[:3]) if len(parts) > 1 and parts[1] in ("v1", "v2") else parts[0]


class DialectMap:
    """`dialect_of(scope)`: "graphql", a REST dialect's name, or None for everything else
    (health checks, docs, static assets) which no limit counts."""

    def __init__(self, patterns: Sequence[_Pattern]) -> None:
        self._by_segment: dict[str, list[_Pattern]] = {}
        for pattern in patterns:
            segment = _first_segment(pattern.regex.pattern.lstrip("^"))
            self._by_segment.setdefault(segment, []).append(pattern)

    @classmethod
    def from_routes(cls) -> DialectMap:
        return _from_routes()

    def dialect_of(self, scope: Scope) -> str | None:
        path: str = scope.get("path", "")
        if path == GRAPHQL_PATH:
            return None if _is_ide_page(scope) else GRAPHQL
        if not path.startswith("/api/"):
            return None
        names = {
            p.dialect for p in self._by_segment.get(_first_segment(path), ()) if p.regex.match(path)
        }
        if len(names) == 1:
            return names.pop()
        if names >= {"perfex", "tech9"}:
            return _joined(scope)
        return _by_prefix(path)


@cache
def _from_routes() -> DialectMap:
    # The route tables never change in a process: compile their paths once.
    patterns = [
        _Pattern(compile_path(starlette_path(row.path))[0], dialect.name)
        for dialect, rows in route_tables(_PathsOnly())
        for row in rows
    ]
    return DialectMap(patterns)


def _by_prefix(path: str) -> str:
    # A path no row documents still gets the shape of the dialect that owns its prefix.
    if path.startswith("/api/v2/"):
        return "v2"
    if path.startswith("/api/v1/clients"):
        return "ninja"
    if path.startswith("/api/v1/"):
        return "v1"
    return "perfex"


def _joined(scope: Scope) -> str:
    # rest_compat.join's rule: page/per_page lists and JSON writes are tech9's; the rest
    # (bare lists, record unions, form writes) answer in perfex's shape first.
    method = scope.get("method", "GET")
    if method in ("GET", "HEAD"):
        query = QueryParams(scope.get("query_string", b""))
        return "tech9" if any(p in query for p in PAGE_PARAMS) else "perfex"
    media = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
    return "tech9" if media in ("application/json", "") or media.endswith("+json") else "perfex"


def _is_ide_page(scope: Scope) -> bool:
    # The view's own rule for serving GraphiQL: a browser navigating to the endpoint.
    if scope.get("method") != "GET":
        return False
    query = QueryParams(scope.get("query_string", b""))
    accept = Headers(scope=scope).get("accept", "")
    return "query" not in query and "extensions" not in query and "text/html" in accept
