"""REST read plans answer exactly what the rows' own readers, operations and shapers
answer, in one statement.

Every GET row with a plan runs twice through a real app on the demo data (with text
that JSON must escape added): once planned, once with its plan taken away; status,
body bytes, content type and ETag must be the same, for every record, a deleted one, a
missing one, a malformed id, and callers with fewer grants or none."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import event, select, update
from starlette.applications import Starlette
from starlette.middleware import Middleware

from gateway.app import jwt_keys
from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database, SqlTrace, sql_trace
from resolvers import customers
from resolvers.core.context import Ctx
from resolvers.demo_data import seed_demo
from resolvers.models.types import utcnow
from rest_compat import route_tables
from rest_compat.join import join
from rest_compat.routing import Dialect, Services, build
from tests.conftest import ADMIN
from tests.factories import make_contact, make_customer, make_token
from tests.rest_compat.conftest import SETTINGS

# Text each encoder must write as orjson does: quotes, backslashes, line breaks, control
# characters, non-ASCII and astral characters.
AWKWARD = 'Quote " back \\ slash\nnew\tline \x01\x1f é ü 東京 😀 </script>'


def _app(db: Database, *, planned: bool) -> Starlette:
    keys = jwt_keys(SETTINGS)
    tables = [
        (dialect, [row if planned else dataclasses.replace(row, plan=None) for row in rows])
        for dialect, rows in route_tables(SETTINGS)
    ]
    return Starlette(
        routes=build(Services(ctx=Ctx(db=db, keys=keys)), tables, join),
        middleware=[Middleware(AuthenticationMiddleware, db=db, keys=keys)],
    )


def _planned_rows() -> list[tuple[Dialect, str]]:
    found = [
        (dialect, row.path)
        for dialect, rows in route_tables(SETTINGS)
        for row in rows
        if row.method == "GET" and row.plan is not None
    ]
    assert found, "no GET row has a plan"
    return found


@contextmanager
def counting(db: Database) -> Iterator[Callable[[], int]]:
    """The statements a request's read runs: the gateway's own trace (which counts reads
    through the driver alone too), less the token lookup's."""
    trace = SqlTrace()
    lookups: list[str] = []

    def lookup(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "api_tokens" in statement:
            lookups.append(statement)

    engines = db.sync_engines().values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", lookup)
    token = sql_trace.set(trace)
    try:
        yield lambda: trace.statements - len(lookups)
    finally:
        sql_trace.reset(token)
        for engine in engines:
            event.remove(engine, "before_cursor_execute", lookup)


def _headers(token: str | None) -> dict[str, str]:
    if token is None:
        return {}
    return {"Authorization": f"Bearer {token}", "authtoken": token}


async def _same(
    db: Database, urls: Sequence[str], tokens: Sequence[str | None]
) -> tuple[int, dict[str, tuple[int, int]]]:
    """Compares every url for every token on both apps; the count of pairs compared and,
    by url, the statements a 200 took planned and unplanned."""
    compared, statements = 0, {}
    planned = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_app(db, planned=True)), base_url="http://crm.test"
    )
    normal = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_app(db, planned=False)), base_url="http://crm.test"
    )
    async with planned, normal:
        for token in tokens:
            headers = _headers(token)
            for url in urls:
                with counting(db) as unplanned:
                    expected = await normal.get(url, headers=headers)
                with counting(db) as seen:
                    got = await planned.get(url, headers=headers)
                what = f"{url} ({'no token' if token is None else 'token'})"
                assert got.status_code == expected.status_code, what
                assert got.content == expected.content, what
                for name in ("content-type", "etag", "content-length"):
                    assert got.headers.get(name) == expected.headers.get(name), (what, name)
                if got.status_code == 200:
                    statements[url] = (seen(), unplanned())
                compared += 1
    return compared, statements


@pytest.fixture
async def demo(db: Database) -> list[int]:
    await seed_demo(db, customers=12)
    ctx = Ctx(db=db, principal=ADMIN)
    # Awkward text in every text field a plan writes, no country or currency, and a
    # primary contact that is not the customer's first.
    odd = await make_customer(ctx)
    await make_contact(ctx, odd["id"], n=1, is_primary=False)
    await make_contact(ctx, odd["id"], n=2, is_primary=True, email="primary@example.com")
    gone = await make_customer(ctx, company="Deleted Ltd")
    await customers.delete_customer(ctx, gone["id"])
    # A creation time with microseconds that round up, to show times are cut, not rounded.
    async with db.write() as conn:
        table = customers.customers
        await conn.execute(
            update(table)
            .where(table.c.id == odd["id"])
            .values(
                created_at=utcnow().replace(microsecond=999_999),
                # Written past the service, which refuses control characters: stored
                # text from before that rule, or from another writer.
                company=AWKWARD,
                vat=AWKWARD[:50],
                city=AWKWARD,
                website=AWKWARD,
                latitude="1.5",
                country_id=None,
                default_currency_id=None,
            )  # fmt: skip
        )
        found = await conn.execute(select(table.c.id).order_by(table.c.id))
    return list(found.scalars())


async def test_every_planned_get_row_answers_what_its_shaper_answers(
    db: Database, demo: list[int]
) -> None:
    # Given every record, a deleted one, a missing one and ids no record has
    admin = (await make_token(db, "*")).token
    customers_only = (await make_token(db, "customers:get")).token
    no_grant = (await make_token(db, "invoices:get")).token
    ids = [*map(str, demo), "999999", "abc", "0", "-1", "99999999999"]
    urls = []
    for dialect, path in _planned_rows():
        assert dialect.name in ("perfex", "v1"), dialect.name  # integer ids in the path
        urls += [path.replace("{id}", i) for i in ids] if "{id}" in path else [path]

    # When each is read planned and unplanned, by every kind of caller
    compared, statements = await _same(db, urls, [admin, customers_only, no_grant, None])

    # Then the replies are the same bytes, and a planned read is one statement (beside
    # tech9's own read, where perfex's record is joined with tech9's)
    assert compared == len(urls) * 4
    assert "/api/customers" in statements and "/api/v1/customers/1" in statements
    for url, (planned, unplanned) in statements.items():
        if url.startswith("/api/customers/"):
            assert planned <= unplanned, url
        else:
            assert planned == 1 <= unplanned, url


async def test_an_empty_list_is_the_same_empty_array(db: Database) -> None:
    admin = (await make_token(db, "*")).token
    compared, _ = await _same(db, ["/api/customers"], [admin])
    assert compared == 1


async def test_a_list_plan_shows_a_customer_written_a_moment_before(
    db: Database, demo: list[int]
) -> None:
    # Given a list read once
    admin = (await make_token(db, "*")).token
    transport = httpx.ASGITransport(app=_app(db, planned=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as http:
        before = (await http.get("/api/customers", headers=_headers(admin))).json()
        # When a customer is added and another deleted
        ctx = Ctx(db=db, principal=ADMIN)
        added = await make_customer(ctx, company="Newcomer GmbH")
        await customers.delete_customer(ctx, demo[0])
        after = (await http.get("/api/customers", headers=_headers(admin))).json()
    # Then the plan (made once) reads the table as it is now
    ids = [int(c["userid"]) for c in after]
    assert len(after) == len(before)
    assert added["id"] in ids and demo[0] not in ids
