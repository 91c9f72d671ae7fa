"""The generic read path: the filter grammar, ordering with keyset cursors, batched
neighbours and aggregates, at the service layer (no GraphQL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert

from gateway.database import Database
from resolvers import contacts
from resolvers.core import aggregates, reading, relations
from resolvers.core.aggregates import AggregateSpec, Grouping
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid
from resolvers.core.pagination import Page, PageArgs, decode_cursor, encode_cursor
from resolvers.core.permissions import Principal
from resolvers.core.reading import Order, Query
from resolvers.core.records import insert_row, set_deleted
from resolvers.core.resources import REGISTRY, RELATIONS, Relation, Resource
from resolvers.customers import CUSTOMERS
from resolvers.models import Customer, CustomerGroup, CustomerGroupMember, Invoice, table_of


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def make_customer(db: Database, company: str, created: str, **values: Any) -> int:
    async with db.write() as conn:
        row = await insert_row(
            conn,
            table_of(Customer),
            {"company": company, "created_at": at(created), "updated_at": at(created), **values},
        )
    return int(row["id"])


async def make_contact(ctx: Ctx, customer_id: int, email: str, **fields: Any) -> Row:
    return await contacts.create_contact(
        ctx,
        {"customer_id": customer_id, "firstname": email.split("@")[0], "email": email, **fields},
    )


async def make_invoice(
    db: Database, customer_id: int, number: int, total: str, on: date, **values: Any
) -> int:
    async with db.write() as conn:
        row = await insert_row(
            conn,
            table_of(Invoice),
            {"customer_id": customer_id, "number": number, "date": on, "total": Decimal(total),
             **values},
        )  # fmt: skip
    return int(row["id"])


async def companies(
    ctx: Ctx, where: Any = None, order: Sequence[Order] = (), **page: Any
) -> list[str]:
    found = await reading.list_records(ctx, CUSTOMERS, PageArgs(**page), where=where, order=order)
    return [r["company"] for r in found.rows]


@pytest.fixture
async def four(db: Database, ctx: Ctx) -> dict[str, int]:
    """Four customers; two in Dubai, one without a city; latitude unset on two."""
    ids = {
        "acme": await make_customer(db, "Acme Foods", "2024-01-10T09:00", city="Dubai",
                                    latitude="25.2"),
        "zahara": await make_customer(db, "zahara foods", "2024-02-05T00:00", city="Dubai"),
        "orbit": await make_customer(db, "Orbit Labs", "2024-02-20T18:30", city="Paris",
                                     latitude="48.8", country_id=None),
        "bayt": await make_customer(db, "Bayt", "2024-03-01T12:00", city=""),
    }  # fmt: skip
    await make_contact(ctx, ids["acme"], "ceo@acme.example")
    await make_contact(ctx, ids["acme"], "ops@acme.example")
    await make_contact(ctx, ids["orbit"], "ceo@orbit.example")
    return ids


GULF = timezone(timedelta(hours=4))
NAMES = {"acme": "Acme Foods", "zahara": "zahara foods", "orbit": "Orbit Labs", "bayt": "Bayt"}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"company": {"eq": "Orbit Labs"}}, {"orbit"}),
        ({"company": "Orbit Labs"}, {"orbit"}),
        ({"city": {"ne": "Dubai"}}, {"orbit", "bayt"}),
        # ne and notIn keep rows whose value is missing
        ({"latitude": {"ne": "25.2"}}, {"zahara", "orbit", "bayt"}),
        ({"latitude": {"notIn": ["25.2", "48.8"]}}, {"zahara", "bayt"}),
        ({"city": {"in": ["Paris", ""]}}, {"orbit", "bayt"}),
        ({"created_at": {"lt": "2024-02-05T00:00:00Z"}}, {"acme"}),
        ({"created_at": {"lte": "2024-02-05"}}, {"acme", "zahara"}),
        ({"created_at": {"gt": "2024-02-20T18:30:00+00:00"}}, {"bayt"}),
        ({"created_at": {"gte": datetime(2024, 2, 20, 22, 30, tzinfo=GULF)}}, {"orbit", "bayt"}),
        ({"created_at": {"between": ["2024-02-01", "2024-02-29"]}}, {"zahara", "orbit"}),
        ({"company": {"contains": "FOODS"}}, {"acme", "zahara"}),
        ({"company": {"startsWith": "ZAH"}}, {"zahara"}),
        ({"company": {"contains": "%"}}, set()),
        ({"latitude": {"isNull": True}}, {"zahara", "bayt"}),
        ({"latitude": {"isNull": False}}, {"acme", "orbit"}),
        ({"latitude": {"eq": None}}, {"zahara", "bayt"}),
        ({"latitude": {"gte": "20", "lt": "30"}}, {"acme"}),
        ({"active": {"eq": "true"}}, {"acme", "zahara", "orbit", "bayt"}),
    ],
)  # fmt: skip
async def test_each_operator_selects_what_it_says(
    ctx: Ctx, four: dict[str, int], where: dict[str, Any], expected: set[str]
) -> None:
    assert set(await companies(ctx, where)) == {NAMES[k] for k in expected}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"or": [{"city": "Paris"}, {"company": {"startsWith": "bay"}}]}, {"orbit", "bayt"}),
        ({"and": [{"city": "Dubai"}, {"latitude": {"isNull": False}}]}, {"acme"}),
        ({"not": {"city": "Dubai"}}, {"orbit", "bayt"}),
        ({"city": "Dubai", "not": {"or": [{"latitude": {"isNull": True}}]}}, {"acme"}),
        ({"or": []}, set()),
        ({"and": []}, {"acme", "zahara", "orbit", "bayt"}),
    ],
)
async def test_and_or_not_combine(
    ctx: Ctx, four: dict[str, int], where: dict[str, Any], expected: set[str]
) -> None:
    assert set(await companies(ctx, where)) == {NAMES[k] for k in expected}


async def test_relation_filters_work_both_ways(ctx: Ctx, four: dict[str, int]) -> None:
    # many: some contact matches
    assert set(await companies(ctx, {"contacts": {"email": {"startsWith": "ceo@"}}})) == {
        "Acme Foods",
        "Orbit Labs",
    }
    assert set(await companies(ctx, {"not": {"contacts": {}}})) == {"zahara foods", "Bayt"}
    # one: the neighbour matches
    found = await reading.list_records(
        ctx,
        contacts.CONTACTS,
        PageArgs(),
        where={"customer": {"company": {"contains": "foods"}, "city": "Dubai"}},
    )
    assert sorted(r["email"] for r in found.rows) == ["ceo@acme.example", "ops@acme.example"]
    # and back again: contacts whose customer has a contact at orbit
    again = await reading.list_records(
        ctx,
        contacts.CONTACTS,
        PageArgs(),
        where={"customer": {"contacts": {"email": {"contains": "orbit"}}}},
    )
    assert [r["email"] for r in again.rows] == ["ceo@orbit.example"]


async def test_deleted_neighbours_do_not_match(
    ctx: Ctx, db: Database, four: dict[str, int]
) -> None:
    orbit_contacts = await contacts.contacts_by_customer_id(ctx, [four["orbit"]])
    async with db.write() as conn:
        await set_deleted(conn, contacts.contacts, orbit_contacts[0][0]["id"], deleted=True)
    assert await companies(ctx, {"contacts": {"email": {"contains": "orbit"}}}) == []


DEEP: dict[str, Any] = {"city": "Dubai"}
for _ in range(20):
    DEEP = {"not": DEEP}


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ({"compny": {"eq": "x"}}, "compny"),
        ({"company": {"like": "x"}}, "company"),
        ({"deleted_at": {"isNull": True}}, "deleted_at"),
        ({"contacts": {"password_hash": {"eq": "x"}}}, "contacts.password_hash"),
        ({"contacts": {"nope": {"eq": 1}}}, "contacts.nope"),
        ({"created_at": {"gt": "yesterday"}}, "created_at"),
        ({"id": {"contains": "1"}}, "id"),
        ({"active": {"lt": True}}, "active"),
        ({"id": {"in": list(range(101))}}, "id"),
        ({"id": {"between": [1]}}, "id"),
        ({"or": {"city": "Dubai"}}, "or"),
        ({"compny": None}, "compny"),
        ({"latitude": {"isNull": "maybe"}}, "latitude"),
        ({"company": {"contains": 5}}, "company"),
        ({"id": {"eq": 2**40}}, "id"),
        ({"id": {"eq": "NaN"}}, "id"),
        (DEEP, "filter"),
    ],
)
async def test_bad_filters_are_invalid_naming_the_field(
    ctx: Ctx, db: Database, where: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await reading.list_records(ctx, CUSTOMERS, PageArgs(), where=where)
    assert field in caught.value.errors, caught.value.errors


async def test_hidden_columns_cannot_be_filtered_or_sorted(ctx: Ctx, db: Database) -> None:
    with pytest.raises(Invalid) as caught:
        await reading.list_records(
            ctx, contacts.CONTACTS, PageArgs(), where={"password_hash": {"isNull": False}}
        )
    assert "password_hash" in caught.value.errors
    with pytest.raises(Invalid):
        await reading.list_records(
            ctx, contacts.CONTACTS, PageArgs(), order=[Order("password_hash")]
        )


async def test_orders_by_several_fields_with_ties_broken_by_id(
    ctx: Ctx, four: dict[str, int]
) -> None:
    by_city = await companies(ctx, order=[Order("city")])
    # text sorts by code point on both engines: "" < "Dubai" < "Paris"; Dubai ties by id
    assert by_city == ["Bayt", "Acme Foods", "zahara foods", "Orbit Labs"]
    assert await companies(ctx, order=[Order("city"), Order("company", "desc")]) == [
        "Bayt", "zahara foods", "Acme Foods", "Orbit Labs",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Order("latitude"), ["Acme Foods", "Orbit Labs", "zahara foods", "Bayt"]),
        (Order("latitude", "desc"), ["Orbit Labs", "Acme Foods", "zahara foods", "Bayt"]),
        (Order("latitude", "asc", "first"), ["zahara foods", "Bayt", "Acme Foods", "Orbit Labs"]),
        (Order("latitude", "desc", "first"), ["zahara foods", "Bayt", "Orbit Labs", "Acme Foods"]),
    ],
)
async def test_nulls_go_where_asked_last_by_default(
    ctx: Ctx, four: dict[str, int], order: Order, expected: list[str]
) -> None:
    assert await companies(ctx, order=[order]) == expected


async def walk(ctx: Ctx, order: Sequence[Order], size: int, *, backwards: bool) -> list[Page]:
    pages: list[Page] = []
    cursor: str | None = None
    while True:
        args = (
            PageArgs(last=size, before=cursor) if backwards else PageArgs(first=size, after=cursor)
        )
        page = await reading.list_records(ctx, CUSTOMERS, args, order=order, count=False)
        pages.append(page)
        more = page.has_previous if backwards else page.has_next
        if not more:
            return pages
        cursor = page.cursor(page.rows[0] if backwards else page.rows[-1])
        assert len(pages) < 20


@pytest.fixture
async def crowd(db: Database) -> None:
    """Nine customers with repeated cities and latitudes, some of them null."""
    for n, (city, latitude) in enumerate(
        [("Dubai", "1"), ("Dubai", None), ("Paris", "1"), ("Dubai", "1"), ("Paris", None),
         ("Rome", "2"), ("Dubai", None), ("Rome", "2"), ("Paris", "1")]
    ):  # fmt: skip
        await make_customer(db, f"C{n}", f"2024-01-0{n + 1}T10:00", city=city, latitude=latitude)


@pytest.mark.parametrize("nulls", ["first", "last"])
@pytest.mark.parametrize("direction", ["asc", "desc"])
async def test_cursors_walk_forwards_and_backwards_through_ties_and_nulls(
    ctx: Ctx, crowd: None, nulls: Any, direction: Any
) -> None:
    order = [Order("latitude", direction, nulls), Order("city", "desc")]
    everything = await companies(ctx, order=order, first=100)
    assert len(everything) == 9

    forwards = await walk(ctx, order, 2, backwards=False)
    backwards = await walk(ctx, order, 2, backwards=True)

    assert [r["company"] for p in forwards for r in p.rows] == everything
    assert [r["company"] for p in reversed(backwards) for r in p.rows] == everything
    assert [len(p.rows) for p in forwards] == [2, 2, 2, 2, 1]
    assert not forwards[0].has_previous and forwards[1].has_previous
    assert not backwards[0].has_next and backwards[1].has_next


async def test_offsets_page_for_numbered_rest_pages(ctx: Ctx, crowd: None) -> None:
    page = await reading.list_records(ctx, CUSTOMERS, PageArgs(first=4, offset=4))
    assert [r["company"] for r in page.rows] == ["C4", "C5", "C6", "C7"]
    assert page.has_previous and page.has_next and page.total == 9


async def test_the_count_is_read_only_when_asked(ctx: Ctx, crowd: None) -> None:
    assert (await reading.list_records(ctx, CUSTOMERS, PageArgs(first=1))).total == 9
    assert (
        await reading.list_records(ctx, CUSTOMERS, PageArgs(first=1), count=False)
    ).total is None


async def test_bad_cursors_and_pages_are_invalid(ctx: Ctx, crowd: None) -> None:
    by_city = await reading.list_records(ctx, CUSTOMERS, PageArgs(first=2), order=[Order("city")])
    cursor = by_city.cursor(by_city.rows[-1])
    signature = decode_cursor(cursor, "after")[0]
    cases: list[tuple[PageArgs, Sequence[Order], str]] = [
        (PageArgs(after="not a cursor!"), (), "after"),
        (PageArgs(before=encode_cursor(["x"])), (), "before"),
        (PageArgs(after=cursor), [Order("company")], "after"),
        (PageArgs(after=encode_cursor([signature, "Dubai", "seven"])), [Order("city")], "after"),
        (PageArgs(first=-1), (), "first"),
        (PageArgs(offset=-5), (), "offset"),
    ]
    for args, order, field in cases:
        with pytest.raises(Invalid) as caught:
            await reading.list_records(ctx, CUSTOMERS, args, order=order)
        assert field in caught.value.errors, (args, caught.value.errors)
    with pytest.raises(Invalid) as unknown:
        await reading.list_records(ctx, CUSTOMERS, PageArgs(), order=[Order("colour")])
    assert "order" in unknown.value.errors


async def test_page_sizes_default_to_20_and_stop_at_100(ctx: Ctx, db: Database) -> None:
    for n in range(105):
        await make_customer(db, f"Bulk {n:03}", "2024-01-01T00:00")
    assert len((await reading.list_records(ctx, CUSTOMERS, PageArgs())).rows) == 20
    assert len((await reading.list_records(ctx, CUSTOMERS, PageArgs(first=500))).rows) == 100


async def test_neighbour_pages_are_batched_per_owner(ctx: Ctx, db: Database) -> None:
    empty = await make_customer(db, "Empty", "2024-01-01T00:00")
    one = await make_customer(db, "One", "2024-01-01T00:00")
    three = await make_customer(db, "Three", "2024-01-01T00:00")
    await make_contact(ctx, one, "solo@one.example")
    for name in ("bea", "adam", "cara"):
        await make_contact(ctx, three, f"{name}@three.example")
    keys = [empty, one, three]

    pages = await relations.related_pages(
        ctx, "customers", "contacts", Query(page=PageArgs(first=2), count=True), keys
    )
    assert [[r["email"] for r in p.rows] for p in pages] == [
        [], ["solo@one.example"], ["bea@three.example", "adam@three.example"],
    ]  # fmt: skip
    assert [p.total for p in pages] == [0, 1, 3]
    assert [p.has_next for p in pages] == [False, False, True]

    ordered = Query(page=PageArgs(first=2), order=(Order("firstname", "desc"),))
    second = await relations.related_pages(ctx, "customers", "contacts", ordered, [three])
    after = Query(
        page=PageArgs(first=2, after=second[0].cursor(second[0].rows[-1])), order=ordered.order
    )
    rest = await relations.related_pages(ctx, "customers", "contacts", after, [three])
    assert [r["firstname"] for r in second[0].rows + list(rest[0].rows)] == ["cara", "bea", "adam"]
    assert rest[0].total is None and not rest[0].has_next and rest[0].has_previous

    not_cara = Query(page=PageArgs(last=1), where={"firstname": {"ne": "cara"}})
    last = await relations.related_pages(ctx, "customers", "contacts", not_cara, keys)
    assert [[r["firstname"] for r in p.rows] for p in last] == [[], ["solo"], ["adam"]]


async def test_a_customers_contacts_need_the_contacts_permission(
    db: Database, ctx: Ctx, four: dict[str, int]
) -> None:
    customers_only = Ctx(db=db, principal=Principal("token", 1, "t", frozenset({"customers:get"})))
    with pytest.raises(Forbidden):
        await relations.related_pages(
            customers_only, "customers", "contacts", Query(), [four["acme"]]
        )
    grants = frozenset({"customers:get", "contacts:get"})
    reader = Ctx(db=db, principal=Principal("token", 1, "t", grants))
    pages = await relations.related_pages(reader, "customers", "contacts", Query(), [four["acme"]])
    assert len(pages[0].rows) == 2

    searcher = Ctx(db=db, principal=Principal("token", 2, "t", frozenset({"contacts:search"})))
    with pytest.raises(Forbidden):
        await reading.list_records(
            searcher, contacts.CONTACTS, PageArgs(), where={"customer": {"city": "Dubai"}}
        )
    own = await reading.list_records(
        searcher, contacts.CONTACTS, PageArgs(), where={"email": {"contains": "acme"}}
    )
    assert len(own.rows) == 2


# A small graph of the test's own over real tables: invoices for money, groups for a
# link table, registered under names no domain module uses.
TEST_CUSTOMERS = Resource(name="t_customers", model=Customer, label="Customer")
TEST_INVOICES = Resource(name="t_invoices", model=Invoice, label="Invoice")
TEST_GROUPS = Resource(name="t_groups", model=CustomerGroup, label="Group")


@pytest.fixture
def graph() -> Iterator[None]:
    for res in (TEST_CUSTOMERS, TEST_INVOICES, TEST_GROUPS):
        REGISTRY[res.name] = res
    RELATIONS["t_customers"] = {
        "invoices": Relation("t_invoices", "many", "customer_id"),
        "groups": Relation("t_groups", "through", "customer_id", CustomerGroupMember, "group_id"),
    }
    RELATIONS["t_invoices"] = {"customer": Relation("t_customers", "one", "customer_id")}
    yield
    for res in (TEST_CUSTOMERS, TEST_INVOICES, TEST_GROUPS):
        REGISTRY.pop(res.name)
        RELATIONS.pop(res.name, None)


async def test_link_table_relations_filter_and_batch(ctx: Ctx, db: Database, graph: None) -> None:
    acme = await make_customer(db, "Acme", "2024-01-01T00:00")
    orbit = await make_customer(db, "Orbit", "2024-01-01T00:00")
    async with db.write() as conn:
        vip = await insert_row(conn, table_of(CustomerGroup), {"name": "Test Gold"})
        wholesale = await insert_row(conn, table_of(CustomerGroup), {"name": "Test Bulk"})
        await conn.execute(
            insert(table_of(CustomerGroupMember)),
            [{"customer_id": acme, "group_id": vip["id"]},
             {"customer_id": acme, "group_id": wholesale["id"]},
             {"customer_id": orbit, "group_id": wholesale["id"]}],
        )  # fmt: skip

    vips = await reading.list_records(
        ctx, TEST_CUSTOMERS, PageArgs(), where={"groups": {"name": "Test Gold"}}
    )
    by_name = Query(order=(Order("name", "desc"),), count=True)
    pages = await relations.related_pages(ctx, "t_customers", "groups", by_name, [orbit, acme])

    assert [r["company"] for r in vips.rows] == ["Acme"]
    assert [[r["name"] for r in p.rows] for p in pages] == [
        ["Test Bulk"],
        ["Test Gold", "Test Bulk"],
    ]
    assert [p.total for p in pages] == [1, 2]


@pytest.fixture
async def invoiced(db: Database, graph: None) -> dict[str, int]:
    acme = await make_customer(db, "Acme", "2024-01-01T00:00")
    orbit = await make_customer(db, "Orbit", "2024-01-01T00:00")
    idle = await make_customer(db, "Idle", "2024-01-01T00:00")
    await make_invoice(db, acme, 1, "0.10", date(2024, 1, 5), amount_due=Decimal("0.10"))
    await make_invoice(db, acme, 2, "0.20", date(2024, 1, 31), amount_due=Decimal("0"))
    await make_invoice(db, acme, 3, "1234567890123.45", date(2024, 3, 1),
                       amount_due=Decimal("1234567890123.45"))  # fmt: skip
    await make_invoice(db, orbit, 4, "0.01", date(2024, 3, 15), amount_due=Decimal("0.01"))
    await make_invoice(db, orbit, 5, "0.04", date(2024, 3, 20), amount_due=Decimal("0.04"))
    return {"acme": acme, "orbit": orbit, "idle": idle}


async def test_sums_and_averages_of_money_are_exact(ctx: Ctx, invoiced: dict[str, int]) -> None:
    spec = AggregateSpec(sum=("total",), avg=("total",), min=("total", "date"), max=("date",))
    everything = await aggregates.aggregate_records(ctx, TEST_INVOICES, spec)
    orbit = await aggregates.aggregate_records(
        ctx, TEST_INVOICES, spec, where={"customer_id": invoiced["orbit"]}
    )

    assert everything.count == 5
    assert everything.sum == {"total": Decimal("1234567890123.80")}
    assert everything.avg == {"total": Decimal("246913578024.76")}
    assert everything.min == {"total": Decimal("0.01"), "date": date(2024, 1, 5)}
    assert everything.max == {"date": date(2024, 3, 20)}
    # 0.05 / 2 = 0.025: rounded half up, the same on both engines
    assert orbit.avg == {"total": Decimal("0.03")}


async def test_groups_by_month_and_by_customer(ctx: Ctx, invoiced: dict[str, int]) -> None:
    spec = AggregateSpec(sum=("total", "amount_due"))
    monthly = await aggregates.group_records(ctx, TEST_INVOICES, Grouping("date", "month", spec))
    owed = await aggregates.group_records(
        ctx, TEST_INVOICES, Grouping("customer_id", None, spec), where={"amount_due": {"gt": 0}}
    )

    assert [(g.key, g.values.count, g.values.sum["total"]) for g in monthly] == [
        (date(2024, 1, 1), 2, Decimal("0.30")),
        (date(2024, 3, 1), 3, Decimal("1234567890123.50")),
    ]
    assert [(g.key, g.values.sum["amount_due"]) for g in owed] == [
        (invoiced["acme"], Decimal("1234567890123.55")),
        (invoiced["orbit"], Decimal("0.05")),
    ]


async def test_times_group_by_their_utc_day_month_and_year(ctx: Ctx, db: Database) -> None:
    gulf = timezone(timedelta(hours=-2))
    # 23:30 on 31 March at UTC-2 is 1 April in UTC
    for moment in (datetime(2024, 3, 31, 23, 30, tzinfo=gulf), at("2024-04-01T10:00"),
                   at("2023-12-31T23:59")):  # fmt: skip
        await make_customer(db, "X", moment.astimezone(UTC).isoformat()[:16])
    keys = {}
    for unit in ("day", "month", "year"):
        groups = await aggregates.group_records(ctx, CUSTOMERS, Grouping("created_at", unit))
        keys[unit] = [(g.key, g.values.count) for g in groups]
    assert keys == {
        "day": [(date(2023, 12, 31), 1), (date(2024, 4, 1), 2)],
        "month": [(date(2023, 12, 1), 1), (date(2024, 4, 1), 2)],
        "year": [(date(2023, 1, 1), 1), (date(2024, 1, 1), 2)],
    }


async def test_neighbour_figures_are_batched_per_owner(ctx: Ctx, invoiced: dict[str, int]) -> None:
    keys = [invoiced["idle"], invoiced["orbit"], invoiced["acme"]]
    spec = AggregateSpec(sum=("amount_due",), max=("date",))
    figures = await relations.related_aggregates(
        ctx, "t_customers", "invoices", Query(), spec, keys
    )
    filtered = await relations.related_aggregates(
        ctx, "t_customers", "invoices", Query(where={"total": {"lt": "1"}}), AggregateSpec(), keys
    )
    monthly = await relations.related_groups(
        ctx, "t_customers", "invoices", Query(), Grouping("date", "month", spec), keys
    )

    assert [(f.count, f.sum.get("amount_due")) for f in figures] == [
        (0, None), (2, Decimal("0.05")), (3, Decimal("1234567890123.55")),
    ]  # fmt: skip
    assert figures[2].max == {"date": date(2024, 3, 1)}
    assert [f.count for f in filtered] == [0, 2, 2]
    assert [[(g.key, g.values.count) for g in groups] for groups in monthly] == [
        [], [(date(2024, 3, 1), 2)], [(date(2024, 1, 1), 2), (date(2024, 3, 1), 1)],
    ]  # fmt: skip


async def test_figures_refuse_fields_they_cannot_compute(
    ctx: Ctx, invoiced: dict[str, int]
) -> None:
    for spec, field in [
        (AggregateSpec(sum=("prefix",)), "prefix"),
        (AggregateSpec(avg=("sent",)), "sent"),
        (AggregateSpec(max=("nope",)), "nope"),
    ]:
        with pytest.raises(Invalid) as caught:
            await aggregates.aggregate_records(ctx, TEST_INVOICES, spec)
        assert field in caught.value.errors
    with pytest.raises(Invalid) as truncated:
        await aggregates.group_records(ctx, TEST_INVOICES, Grouping("total", "month"))
    assert "truncate" in truncated.value.errors


async def test_records_by_id_answers_in_key_order(ctx: Ctx, four: dict[str, int]) -> None:
    rows = await reading.records_by_id(ctx, CUSTOMERS, [four["orbit"], 999_999, four["acme"]])
    assert [r["company"] if r else None for r in rows] == ["Orbit Labs", None, "Acme Foods"]
