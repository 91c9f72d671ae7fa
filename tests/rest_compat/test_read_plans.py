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
from sqlalchemy import Table, event, select, update
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


def _tech9_only(path: str) -> set[str]:
    """The query parameters tech9's GET row of `path` reads and perfex's does not."""
    params: dict[str, set[str]] = {}
    for dialect, rows in route_tables(SETTINGS):
        for row in rows:
            if row.method == "GET" and row.path == path:
                params[dialect.name] = {p.name for p in row.query}
    return params.get("tech9", set()) - params.get("perfex", set())


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


# The other tables planned rows read, each with a text column to make awkward.
OTHERS = {"tickets": "subject", "leads": "name", "projects": "name", "contacts": "firstname"}


@pytest.fixture
async def demo(db: Database) -> dict[str, list[int]]:
    """Every table's ids (deleted ones too) after the demo data and the odd records."""
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
    ids = {"customers": await _ids(db, table)}
    for name, column in OTHERS.items():
        other = metadata_table(name)
        first, second, third, *_ = await _ids(db, other)
        async with db.write() as conn:
            await conn.execute(update(other).where(other.c.id == first).values({column: AWKWARD}))
            # Deleted as the services delete (a contact that is primary cannot be).
            await conn.execute(
                update(other).where(other.c.id == second).values(deleted_at=utcnow())
            )
            if name == "contacts":  # ids as the service writes them, and none
                await conn.execute(
                    update(other).where(other.c.id == first).values(permissions="1,2,6")
                )
                await conn.execute(update(other).where(other.c.id == third).values(permissions=""))
        ids[name] = await _ids(db, other)
    return ids


def metadata_table(name: str) -> Table:
    return customers.customers.metadata.tables[name]


async def _ids(db: Database, table: Table) -> list[int]:
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).order_by(table.c.id))
    return list(found.scalars())


# The paging parameters each dialect's list rows read (their page_of), and queries their
# plans must leave to the row: a search, an empty one, a parameter no reader takes.
PAGING = {"perfex": (), "tech9": ("page", "per_page"), "v1": ("page", "per_page", "limit"),
          "v2": ("page", "limit")}  # fmt: skip
PAGE_VALUES = ("1", "2", "3", "0", "-1", "abc", "", "1.5", "999999", "99999999999")
FALLBACK = ("search=Quote", "search=", "q=Quote", "other=1", "sort=company", "status=1")


def _list_queries(dialect: str) -> tuple[list[str], list[str]]:
    """(queries the plan answers, queries it leaves to the row) for a list row. Perfex's
    list reads no parameter: its plan answers every query. tech9's shares its path with
    perfex's and is asked only with `page` or `per_page` (rest_compat.join)."""
    names = PAGING[dialect]
    if not names:
        return ["", *(f"?{q}" for q in FALLBACK)], []
    planned = [""] if dialect != "tech9" else []
    for name in names:
        planned += [f"?{name}={value}" for value in PAGE_VALUES]
    for size in names[1:]:
        planned += [f"?page=2&{size}=5", f"?page=3&{size}=4", f"?{size}=1000", f"?{size}=100"]
    if len(names) == 3:  # v1 reads per_page before limit
        planned += ["?per_page=3&limit=7", "?limit=7&page=2"]
    leave = [f"?page=2&{q}" for q in FALLBACK]
    if dialect != "tech9":
        leave += [f"?{q}" for q in FALLBACK]
    return planned, leave


async def test_every_planned_get_row_answers_what_its_shaper_answers(
    db: Database, demo: dict[str, list[int]]
) -> None:
    # Given every record, a deleted one, a missing one and ids no record has; each list
    # with every paging the row reads, and with parameters its plan leaves to the row
    admin = (await make_token(db, "*")).token
    customers_only = (await make_token(db, "customers:get")).token
    no_grant = (await make_token(db, "invoices:get")).token
    others_only = (await make_token(db, *(f"{name}:get" for name in OTHERS))).token
    bad = ["999999", "abc", "0", "-1", "99999999999", "1.5", "%20"]
    urls, one_statement, row_own = [], set(), set()
    for dialect, path in _planned_rows():
        assert dialect.name in PAGING, dialect.name  # integer ids in the path
        if "{id}" in path:
            ids = [*map(str, demo[path.split("/")[-2]]), *bad]
            found = [path.replace("{id}", i) for i in ids]
            urls += found
            one_statement.update(found)
            continue
        planned, leave = _list_queries(dialect.name)
        if dialect.name == "perfex":
            # A filter only tech9 documents on the path both share is tech9's read
            # (rest_compat.join), which its plan leaves to the row.
            theirs = _tech9_only(path)
            leave += [q for q in planned if q.partition("=")[0].lstrip("?") in theirs]
            planned = [q for q in planned if q not in leave]
        urls += [path + q for q in planned + leave]
        one_statement.update(path + q for q in planned)
        row_own.update(path + q for q in leave)
    urls = list(dict.fromkeys(urls))

    # When each is read planned and unplanned, by every kind of caller
    tokens = [admin, customers_only, others_only, no_grant, None]
    compared, statements = await _same(db, urls, tokens)

    # Then the replies are the same bytes; a planned read is one statement (beside
    # tech9's own read, where perfex's record is joined with tech9's), and a query the
    # plan does not make is the row's own read
    assert compared == len(urls) * len(tokens)
    for url in ("/api/customers", "/api/v1/customers/1", "/api/v2/customers?page=2&limit=5",
                "/api/customers?page=2", "/api/v1/customers?per_page=3&limit=7",
                *(f"/api/v1/{name}/{demo[name][0]}" for name in OTHERS),
                *(f"/api/v1/{name}?page=2&limit=5" for name in OTHERS)):  # fmt: skip
        assert url in statements, url
    for url, (planned, unplanned) in statements.items():
        if url.startswith("/api/customers/"):
            assert planned <= unplanned, url
        elif url in row_own:
            assert planned == unplanned > 1, url
        else:
            assert url in one_statement and planned == 1 <= unplanned, url


async def test_an_empty_list_is_the_same_empty_array(db: Database) -> None:
    admin = (await make_token(db, "*")).token
    compared, _ = await _same(db, ["/api/customers"], [admin])
    assert compared == 1


async def test_a_list_plan_shows_a_customer_written_a_moment_before(
    db: Database, demo: dict[str, list[int]]
) -> None:
    # Given a list read once
    admin = (await make_token(db, "*")).token
    transport = httpx.ASGITransport(app=_app(db, planned=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as http:
        before = (await http.get("/api/customers", headers=_headers(admin))).json()
        # When a customer is added and another deleted
        ctx = Ctx(db=db, principal=ADMIN)
        added = await make_customer(ctx, company="Newcomer GmbH")
        await customers.delete_customer(ctx, demo["customers"][0])
        after = (await http.get("/api/customers", headers=_headers(admin))).json()
    # Then the plan (made once) reads the table as it is now
    ids = [int(c["userid"]) for c in after]
    assert len(after) == len(before)
    assert added["id"] in ids and demo["customers"][0] not in ids
