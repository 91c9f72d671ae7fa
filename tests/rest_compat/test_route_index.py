"""The route index finds, for every request, the route Starlette's linear scan finds.

Every documented row (both copies of the endpoint list) under its own method, every
other method and HEAD, with several path values, plus paths no route documents: the
indexed router and the scan pick the same route with the same match kind and path
parameters; over the app, 404, 405 and the trailing-slash redirect answer byte for byte
as the plain router's app does.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Match, Router
from starlette.types import Scope

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings
from rest_compat.route_index import IndexedRouter
from rest_compat.routing import RestRoute

ROOT = Path(__file__).resolve().parents[2]
LISTS = (Path("/work/shared/api/endpoints.tsv"), ROOT / "rest_compat" / "endpoints.tsv")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
VALUES = ("1", "abc", "a b", "x.y", "a/b")
UNDOCUMENTED = (
    "/",
    "",
    "/nope",
    "/api",
    "/api/",
    "/api/nope/1",
    "/api/v1",
    "/api/v1/customers/1/nope/2/3",
    "/api/v2/",
    "//api/customers",
    "/graphql/",
    "/openapi.json/x",
)


def documented_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for listing in LISTS:
        if listing.exists():
            with listing.open(newline="") as handle:
                rows += csv.DictReader(handle, delimiter="\t")
    return rows


def scope_for(method: str, path: str, kind: str = "http") -> dict[str, Any]:
    return {
        "type": kind, "method": method, "path": path, "root_path": "", "headers": [],
        "query_string": b"", "scheme": "http", "server": ("crm.test", 80),
    }  # fmt: skip


def scanned(routes: list[BaseRoute], scope: Scope) -> tuple[Any, Match, Scope]:
    """What Starlette's Router.app hands a request to: first FULL, else first PARTIAL."""
    partial = None
    for route in routes:
        matched, child = route.matches(scope)
        if matched is Match.FULL:
            return route, matched, child
        if matched is Match.PARTIAL and partial is None:
            partial = (route, matched, child)
    return partial or (None, Match.NONE, {})


@pytest.fixture
def app(db: Database) -> Starlette:
    return create_app(Settings(secret_key="route-index-test-secret-key-long-enough-1"), db=db)


def test_the_app_routes_through_the_index(app: Starlette) -> None:
    assert isinstance(app.router, IndexedRouter)
    assert sum(isinstance(r, RestRoute) for r in app.routes) > 100


def test_every_documented_row_resolves_as_the_scan_does(app: Starlette) -> None:
    router = app.router
    assert isinstance(router, IndexedRouter)
    routes = list(router.routes)
    rows = documented_rows()
    assert len(rows) >= 327
    checked = 0
    for row in rows:
        for value in VALUES:
            path = re.sub(r"\{(\w+)\}", value, row["path"])
            for method in METHODS:
                scope = scope_for(method, path)
                found = router.match(scope)
                expected = scanned(routes, scope)
                assert found[0] is expected[0], (method, path)
                assert found[1:] == expected[1:], (method, path)
                checked += 1
            # The documented method finds the row's own route, answering its dialect.
            route, matched, _ = router.match(scope_for(row["method"], path))
            if value == "1":
                assert matched is Match.FULL, (row["method"], path)
                assert isinstance(route, RestRoute), path
                assert row["dialect"] in route.dialects[row["method"]], (row, route.path)
    assert checked > 10_000


def test_undocumented_paths_and_sockets_resolve_as_the_scan_does(app: Starlette) -> None:
    router = app.router
    assert isinstance(router, IndexedRouter)
    routes = list(router.routes)
    for path in UNDOCUMENTED:
        for method in METHODS:
            scope = scope_for(method, path)
            found = router.match(scope)
            expected = scanned(routes, scope)
            assert found[0] is expected[0] and found[1:] == expected[1:], (method, path)
    # Behind a proxy's root path the routes match the path less the prefix.
    rooted = {**scope_for("GET", "/crm/api/v1/customers/1"), "root_path": "/crm"}
    found = router.match(rooted)
    assert found[1] is Match.FULL and found[0] is scanned(routes, rooted)[0]
    socket = scope_for("GET", "/graphql", "websocket")
    assert router.match(socket)[0] is scanned(routes, socket)[0] is not None


async def test_404_405_and_redirects_answer_as_the_plain_router(
    app: Starlette, db: Database
) -> None:
    plain = create_app(Settings(secret_key="route-index-test-secret-key-long-enough-1"), db=db)
    plain.router = Router(plain.router.routes, lifespan=plain.router.lifespan_context)
    assert not isinstance(plain.router, IndexedRouter)
    requests = [
        ("GET", "/nope"),
        ("GET", "/api/nope/1"),
        ("PATCH", "/api/v1/customers"),  # a documented path, another method: 405
        ("TRACE", "/api/customers/1"),
        ("GET", "/graphql/"),  # the trailing-slash redirect
        ("DELETE", "/openapi.json"),
    ]
    answers: list[list[tuple[int, bytes, list[tuple[str, str]]]]] = []
    for each in (app, plain):
        transport = httpx.ASGITransport(app=each)
        async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as client:
            got = []
            for method, path in requests:
                reply = await client.request(method, path)
                headers = [(k, v) for k, v in reply.headers.items() if k != "x-request-id"]
                got.append((reply.status_code, reply.content, headers))
            answers.append(got)
    assert answers[0] == answers[1]
    assert [status for status, _, _ in answers[0]][:3] == [404, 404, 405]
    assert answers[0][4][0] in (307, 308)
