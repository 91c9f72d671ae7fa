"""The quick mode's verdicts: every shape's gateway answer checked, timing nothing.

Against raw SQL where the floor can build the whole answer (N, F, O, NF, A's next page, S,
`node(id:)`, the aggregate, the groups, L's list), and for the rest internally: E's edges
hold exactly N's nodes with distinct cursors, A's page starts right after the cursor it was
given (no overlap, no gap), T's count and page info agree with raw SQL and with E's last
cursor, M's write is what a raw read finds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import orjson

from bench import floor, shapes, variants
from bench.variants import Variant
from gateway.app import create_app
from gateway.settings import Settings

# A's cursor in the quick mode: the 10th customer, so a demo of 30 still has a next page.
QUICK_AFTER = 9


@dataclass(frozen=True)
class Verdict:
    key: str
    ok: bool
    detail: str


class Raw:
    """Raw SQL on the benchmark's database, the same way on both engines."""

    def __init__(self, sqlite: sqlite3.Connection | None, pg: asyncpg.Connection | None):
        self.sqlite = sqlite
        self.pg = pg

    async def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if self.sqlite is not None:
            return [tuple(r) for r in self.sqlite.execute(sql).fetchall()]
        assert self.pg is not None
        return [tuple(r) for r in await self.pg.fetch(sql)]

    async def nested(self, variant: Variant) -> dict[str, Any]:
        if self.sqlite is not None:
            return floor.nested_sqlite(self.sqlite, variant)
        assert self.pg is not None
        return await floor.nested_postgres(self.pg, variant)

    async def single(self, customer_id: int) -> dict[str, Any]:
        if self.sqlite is not None:
            return floor.single_sqlite(self.sqlite, customer_id)
        assert self.pg is not None
        return await floor.single_postgres(self.pg, customer_id)

    async def customer_list(self) -> list[dict[str, Any]]:
        if self.sqlite is not None:
            return floor.customer_list_sqlite(self.sqlite)
        assert self.pg is not None
        return await floor.customer_list_postgres(self.pg)

    def money(self, value: Any) -> Decimal:
        # SQLite keeps money as integer cents, PostgreSQL as numeric.
        if value is None:
            return Decimal(0)
        return Decimal(value).scaleb(-2) if self.sqlite is not None else Decimal(value)


@asynccontextmanager
async def raw(database_url: str) -> AsyncIterator[Raw]:
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url.split(":///", 1)[1])
        try:
            yield Raw(conn, None)
        finally:
            conn.close()
        return
    pg = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        yield Raw(None, pg)
    finally:
        await pg.close()


def as_nodes(data: Any) -> Any:
    """An edges answer read as the nodes answer: `edges: [{cursor, node}]` -> `nodes`."""
    if isinstance(data, list):
        return [as_nodes(v) for v in data]
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "edges" and isinstance(value, list):
            out["nodes"] = [as_nodes(edge["node"]) for edge in value]
        else:
            out[key] = as_nodes(value)
    return out


def cursors_distinct(data: Any) -> bool:
    """Every connection's edges carry non-empty cursors, none repeated within it."""
    if isinstance(data, list):
        return all(cursors_distinct(v) for v in data)
    if not isinstance(data, dict):
        return True
    edges = data.get("edges")
    if isinstance(edges, list):
        cursors = [e.get("cursor") for e in edges]
        if not all(isinstance(c, str) and c for c in cursors) or len(set(cursors)) != len(cursors):
            return False
    return all(cursors_distinct(v) for v in data.values())


def _ids(data: dict[str, Any]) -> list[str]:
    return [n["id"] for n in data["customers"]["nodes"]]


async def verdicts(database_url: str, secret: str, token: str) -> list[Verdict]:
    """Every shape's gateway answer against raw SQL on the same data, in process."""
    app = create_app(Settings(database_url=database_url, secret_key=secret))
    headers = {"Authorization": f"Bearer {token}"}
    out: list[Verdict] = []
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=120
        ) as client,
        raw(database_url) as sql,
    ):

        async def ask(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            reply = await client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            body: dict[str, Any] = orjson.loads(reply.content)
            if reply.status_code != 200 or body.get("errors"):
                raise AssertionError(f"{reply.status_code}: {reply.text[:500]}")
            data: dict[str, Any] = body["data"]
            return data

        async def check(key: str, run: Callable[[], Any]) -> None:
            try:
                detail = await run()
                out.append(Verdict(key, True, detail))
            except AssertionError as failed:
                out.append(Verdict(key, False, str(failed)[:800]))

        def doc(key: str) -> str:
            return shapes.document(shapes.BY_KEY[key])

        customer = floor.global_id("Customer", shapes.SINGLE_ID)

        # M first: the reads after it see the phone it wrote.
        async def mutation() -> str:
            data = await ask(doc("M"), {"id": customer, "phone": shapes.PHONE})
            payload = data["updateCustomer"]
            assert payload["userErrors"] == [], payload
            assert payload["record"] == {"id": customer, "phone": shapes.PHONE}, payload
            stored = await sql.rows(f"SELECT phone FROM customers WHERE id = {shapes.SINGLE_ID}")
            assert stored == [(shapes.PHONE,)], stored
            return "the phone written is the phone stored"

        await check("M", mutation)
        plain = await sql.nested(variants.PLAIN)

        async def same(key: str, variant: Variant) -> str:
            got = await ask(doc(key), {})
            expected = await sql.nested(variant)
            assert got == expected, _difference(got, expected)
            return f"equal to raw SQL ({len(_ids(got))} customers)"

        await check("N", lambda: same("N", variants.PLAIN))
        await check("F", lambda: same("F", variants.FILTERED))
        await check("O", lambda: same("O", variants.ORDERED))
        await check("NF", lambda: same("NF", variants.CONTACTS_FILTERED))

        edges_answer: dict[str, Any] = {}

        async def edges() -> str:
            got = await ask(doc("E"), {})
            edges_answer.update(got)
            assert cursors_distinct(got), "a connection repeats or omits a cursor"
            assert as_nodes(got) == plain, _difference(as_nodes(got), plain)
            return "edges hold N's nodes; cursors distinct"

        await check("E", edges)

        async def after() -> str:
            first_page = shapes.edges_of(edges_answer)
            assert len(first_page) > QUICK_AFTER + 1, "too few customers to page"
            cursor = shapes.after_cursor(first_page, QUICK_AFTER)
            got = as_nodes(await ask(doc("A"), {"after": cursor}))
            expected = await sql.nested(variants.after(QUICK_AFTER))
            assert got == expected, _difference(got, expected)
            seen = {e["node"]["id"] for e in first_page[: QUICK_AFTER + 1]}
            assert not seen & set(_ids(got)), "the next page repeats a customer"
            return f"the page after customer {QUICK_AFTER + 1} starts right after it"

        await check("A", after)

        async def total() -> str:
            got = await ask(doc("T"), {})
            connection = got["customers"]
            count = (await sql.rows(f"SELECT count(*) FROM ({floor.CUSTOMERS}) c"))[0][0]
            assert connection["totalCount"] == count, (connection["totalCount"], count)
            assert connection["pageInfo"]["hasNextPage"] == (count > floor.PAGE)
            last = shapes.edges_of(edges_answer)[-1]["cursor"]
            assert connection["pageInfo"]["endCursor"] == last, "endCursor is not E's last"
            rest = {k: v for k, v in connection.items() if k not in ("totalCount", "pageInfo")}
            assert {"customers": rest} == plain, "T's nodes differ from N's"
            return f"totalCount {count} and pageInfo agree"

        await check("T", total)

        async def aggregate() -> str:
            got = (await ask(doc("AG"), {}))["invoices"]["aggregate"]
            ((count, total_sum, paid, low, high),) = await sql.rows(
                "SELECT count(*), sum(total), sum(amount_paid), min(total), max(total)"
                " FROM invoices WHERE deleted_at IS NULL"
            )
            assert got["count"] == count, (got["count"], count)
            pairs = [
                (got["sum"]["total"], total_sum), (got["sum"]["amountPaid"], paid),
                (got["min"]["total"], low), (got["max"]["total"], high),
            ]  # fmt: skip
            for shown, stored in pairs:
                assert Decimal(str(shown)) == sql.money(stored), (shown, stored)
            return f"{count} invoices, sums and extremes equal to raw SQL"

        await check("AG", aggregate)

        async def groups() -> str:
            got = (await ask(doc("G"), {}))["invoices"]["groupBy"]
            rows = await sql.rows(
                "SELECT count(*), sum(total) FROM invoices WHERE deleted_at IS NULL GROUP BY status"
            )
            shown = sorted((g["count"], Decimal(str(g["sum"]["total"]))) for g in got)
            stored = sorted((c, sql.money(s)) for c, s in rows)
            assert shown == stored, (shown, stored)
            return f"{len(got)} groups equal to raw SQL"

        await check("G", groups)

        async def single(key: str) -> str:
            variables = {"id": customer}
            got = await ask(doc(key), variables)
            expected = (await sql.single(shapes.SINGLE_ID))["customer"]
            record = got["node"] if key == "ID" else got["customer"]
            assert record == expected, (record, expected)
            return "equal to raw SQL"

        await check("S", lambda: single("S"))
        await check("ID", lambda: single("ID"))

        async def rest(key: str) -> str:
            spec = shapes.requests(token, {})[key]
            reply = await client.request(spec["method"], spec["path"], headers=spec["headers"])
            assert reply.status_code == 200, (reply.status_code, reply.text[:300])
            body = orjson.loads(reply.content)
            if key == "L":
                expected = await sql.customer_list()
                assert body == expected, _difference(body, expected)
                return f"equal to the bare list floor ({len(body)} customers)"
            assert str(shapes.SINGLE_ID) in reply.text and shapes.PHONE in reply.text
            return "answers the customer as stored"

        await check("R", lambda: rest("R"))
        await check("L", lambda: rest("L"))
    order = [s.key for s in shapes.SHAPES]
    return sorted(out, key=lambda v: order.index(v.key))


def _difference(got: Any, expected: Any, path: str = "") -> str:
    """Where two answers first differ, for a failure worth reading."""
    if isinstance(got, dict) and isinstance(expected, dict):
        if list(got) != list(expected):
            return f"{path or '/'}: keys {list(got)} != {list(expected)}"
        for key in got:
            if got[key] != expected[key]:
                return _difference(got[key], expected[key], f"{path}/{key}")
    if isinstance(got, list) and isinstance(expected, list):
        if len(got) != len(expected):
            return f"{path}: {len(got)} items != {len(expected)}"
        for i, (a, b) in enumerate(zip(got, expected, strict=True)):
            if a != b:
                return _difference(a, b, f"{path}[{i}]")
    return f"{path}: {str(got)[:200]} != {str(expected)[:200]}"
