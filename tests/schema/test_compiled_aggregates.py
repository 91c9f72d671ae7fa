"""Aggregates and `groupBy` on the compiled path answer exactly what the resolvers
answer, at the root and on nested connections, for every generated combination of
filter, grouping field and truncation; refusals (a grant missing, a field that cannot be
truncated, more than MAX_GROUPS groups) stay the resolvers' own, error and all.

Each combination runs twice through the HTTP endpoint (see `test_compiled_reads.both`:
the same JSON text, key order included) and must cost one statement when compiled."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select, update

from gateway.database import Database
from resolvers.core.aggregates import MAX_GROUPS
from resolvers.models import Invoice, InvoiceItem, table_of
from tests.factories import make_token
from tests.schema.test_compiled_reads import both, seeded, statements

INVOICE_FIGURES = """
    __typename
    count
    sum { __typename total amountPaid adjustment subtotal }
    avg { total adjustment amountDue discountPercent }
    min { total date number dueDate }
    max { total date number adjustment }
"""

GROUP_FIGURES = """
    __typename
    key
    count
    sum { total }
    avg { total adjustment }
    min { date number }
    max { amountDue dueDate }
"""

ROOT = """
query Root($filter: InvoiceFilter, $field: InvoiceGroupingField!, $truncate: DateTruncation,
           $first: Int) {
  invoices(filter: $filter, first: $first) {
    aggregate { __FIGURES__ }
    groupBy(field: $field, truncate: $truncate) { __GROUP__ }
    byStatus: groupBy(field: STATUS) { key n: count }
  }
  customers(first: $first) {
    totalCount
    nodes { databaseId }
    aggregate { count min { createdAt } max { updatedAt } }
    groupBy(field: CREATED_AT, truncate: MONTH) { key count max { createdAt } }
    active: groupBy(field: ACTIVE) { key count }
  }
}
""".replace("__FIGURES__", INVOICE_FIGURES).replace("__GROUP__", GROUP_FIGURES)

NESTED = """
query Nested($filter: InvoiceFilter, $field: InvoiceGroupingField!, $truncate: DateTruncation) {
  customers(first: 20) {
    nodes {
      databaseId
      invoices(filter: $filter) {
        aggregate { __FIGURES__ }
        groupBy(field: $field, truncate: $truncate) { __GROUP__ }
      }
      contacts {
        aggregate { count max { createdAt } }
        groupBy(field: IS_PRIMARY) { key count }
      }
      payments { aggregate { sum { amount } avg { amount } min { amount date } } }
    }
  }
}
""".replace("__FIGURES__", INVOICE_FIGURES).replace("__GROUP__", GROUP_FIGURES)

FILTERS: list[dict[str, Any] | None] = [
    None,
    {"status": {"in": ["PAID", "UNPAID"]}},
    {"total": {"gt": "10.50"}},
    {"customer": {"active": {"eq": True}}},
    # Nothing matches: counts 0, figures null, no groups
    {"databaseId": {"lt": 0}},
]
GROUPINGS: list[tuple[str, str | None]] = [
    ("STATUS", None),
    ("DATE", "MONTH"),
    ("DATE", "YEAR"),
    ("DUE_DATE", "DAY"),
    ("DUE_DATE", None),
    ("TOTAL", None),
    ("ADJUSTMENT", None),
    ("NUMBER", None),
    ("BILLING_CITY", None),
    ("INCLUDE_SHIPPING", None),
]


async def _compare(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    compiled, _ = await both(client, token, query, **variables)
    assert "errors" not in compiled, (variables, compiled["errors"])
    assert statements(compiled) == 1, variables
    data: dict[str, Any] = compiled["data"]
    return data


async def _awkward_money(db: Database) -> None:
    """Means that round half up, negative sums and means that round to zero, a null date."""
    invoices = table_of(Invoice)
    async with db.write() as conn:
        ids = [i for (i,) in await conn.execute(select(invoices.c.id).order_by(invoices.c.id))]
        values = [("0.05", "-0.01"), ("0.10", "-0.01"), ("0.00", "-0.02"), ("-3.33", "0.00")]
        for pk, (total, adjustment) in zip(ids, values, strict=False):
            await conn.execute(
                update(invoices)
                .where(invoices.c.id == pk)
                .values(total=total, adjustment=adjustment, due_date=None)
            )


async def test_root_aggregates_and_groups_answer_like_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    # Given invoices of every status, awkward money and dates, a deleted customer
    await seeded(db, tmp_path, customers=7)
    await _awkward_money(db)

    for where, (field, truncate), first in itertools.product(FILTERS, GROUPINGS, (None, 2)):
        variables = {"filter": where, "field": field, "truncate": truncate, "first": first}
        # When asked on both paths, then the same JSON in one statement
        data = await _compare(client, token, ROOT, variables)
        # The figures cover every matching record, not the page
        customers = data["customers"]
        assert customers["aggregate"]["count"] == customers["totalCount"]
        figures = data["invoices"]["aggregate"]
        assert sum(g["n"] for g in data["invoices"]["byStatus"]) == figures["count"]


async def test_nested_aggregates_and_groups_answer_like_the_resolvers(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=5)
    await _awkward_money(db)

    for where, (field, truncate) in itertools.product(FILTERS, GROUPINGS):
        variables = {"filter": where, "field": field, "truncate": truncate}
        data = await _compare(client, token, NESTED, variables)
        counts = [c["invoices"]["aggregate"]["count"] for c in data["customers"]["nodes"]]
        assert where is not None or sum(counts) > 0


async def test_refusals_and_grants_stay_the_resolvers_own(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    # A field that is not a date cannot be truncated
    refused, normal = await both(client, token, ROOT, field="STATUS", truncate="MONTH")
    assert refused["errors"][0]["extensions"]["code"] == normal["errors"][0]["extensions"]["code"]
    assert "not a date" in refused["errors"][0]["message"]

    # Invoices' figures need invoices:get; filtered, invoices:search
    narrow = (await make_token(db, "customers:get", "contacts:get", "payments:get")).token
    denied, normal = await both(client, narrow, NESTED, field="STATUS")
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert statements(denied) == statements(normal)
    reader = (await make_token(db, "invoices:get")).token
    query = "query($f: InvoiceFilter) { invoices(filter: $f) { aggregate { count } } }"
    denied, normal = await both(client, reader, query, f={"total": {"gt": "1"}})
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed, _ = await both(client, reader, query)
    assert statements(allowed) == 1 and "errors" not in allowed


async def test_more_groups_than_the_bound_is_the_resolvers_error(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    # Given one invoice with MAX_GROUPS + 1 more items (and so as many distinct ids)
    await seeded(db, tmp_path, customers=3)
    items = table_of(InvoiceItem)
    async with db.write() as conn:
        live = select(items).where(items.c.deleted_at.is_(None)).order_by(items.c.id)
        row = (await conn.execute(live.limit(1))).one()._mapping
        last = (await conn.execute(select(func.max(items.c.id)))).scalar_one()
        copy = {k: v for k, v in row.items() if k != "id"}
        await conn.execute(insert(items), [copy] * (MAX_GROUPS + 1))
    root = "{ invoiceItems { groupBy(field: DATABASE_ID) { key count } } }"
    nested = """query($id: Int!) { invoice(databaseId: $id) {
        items { groupBy(field: DATABASE_ID) { key } aggregate { count } } } }"""
    cases = ((root, {}), (nested, {"id": row["invoice_id"]}))
    # When grouped past the bound, at the root and under the one invoice
    for query, variables in cases:
        refused, normal = await both(client, token, query, **variables)
        # Then the resolvers' own error, from their own statements
        assert refused["errors"][0]["path"][-1] == "groupBy", refused["errors"]
        assert str(MAX_GROUPS) in refused["errors"][0]["message"]
        if query == root:
            # The compiled statement counted the groups and declined. (Nested, the
            # resolvers' sibling aggregate may or may not run before the error.)
            assert statements(refused) == statements(normal) + 1

    # At the bound exactly (the seed's items and one copy deleted), one statement
    async with db.write() as conn:
        gone = (items.c.id <= last) | (items.c.id == last + 1)
        await conn.execute(update(items).where(gone).values(deleted_at=datetime.now(UTC)))
    root_data = await _compare(client, token, root, {})
    assert len(root_data["invoiceItems"]["groupBy"]) == MAX_GROUPS
    nested_data = await _compare(client, token, nested, cases[1][1])
    assert len(nested_data["invoice"]["items"]["groupBy"]) == MAX_GROUPS


async def test_codes_the_enum_does_not_know_and_null_keys(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seeded(db, tmp_path, customers=3)
    invoices = table_of(Invoice)
    async with db.write() as conn:
        pk = (await conn.execute(select(func.min(invoices.c.id)))).scalar_one()
    query = """{ invoices { groupBy(field: STATUS) { key count }
                            dues: groupBy(field: DUE_DATE) { key count } } }"""
    # A null key (the seed's invoice without a due date) comes last, as null
    data = await _compare(client, token, query, {})
    assert data["invoices"]["dues"][-1] == {"key": None, "count": 1}
    # A stored status code the enum does not know: the resolvers show the code
    async with db.write() as conn:
        await conn.execute(update(invoices).where(invoices.c.id == pk).values(status=99))
    compiled, normal = await both(client, token, query)
    assert any(g["key"] == 99 for g in compiled["data"]["invoices"]["groupBy"])
    # (the compiled statement met the code and declined)
    assert statements(compiled) == statements(normal) + 1
