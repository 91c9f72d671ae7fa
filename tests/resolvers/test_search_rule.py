"""The one search rule (resolvers.core.searching) at the service layer: bounded terms, LIKE's
wildcards taken literally, and the same neighbours matched on every path; and groupBy's
bound, refused past MAX_GROUPS instead of answered or cut short."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from gateway.database import Database
from resolvers import contacts, customers
from resolvers.core import aggregates, reading, relations
from resolvers.core.aggregates import MAX_GROUPS, Grouping
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.reading import Query
from resolvers.core.searching import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, search_words
from resolvers.customers import CUSTOMERS
from resolvers.models import Contact, Customer, table_of


async def make_customer(db: Database, company: str) -> int:
    async with db.write() as conn:
        result = await conn.execute(insert(table_of(Customer)).values(company=company))
        return int(result.inserted_primary_key[0])


async def graph_search(ctx: Ctx, term: str) -> list[str]:
    """What GraphQL's `customers(search:)` reads: the generic list."""
    page = await reading.list_records(ctx, CUSTOMERS, PageArgs(first=100), search=term)
    return sorted(r["company"] for r in page.rows)


async def rest_search(ctx: Ctx, term: str) -> list[str]:
    """What every REST dialect's customer search reads."""
    page = await customers.find_customers(ctx, customers.CustomerQuery(search=term))
    return sorted(r["company"] for r in page.rows)


@pytest.fixture
async def shop(db: Database, ctx: Ctx) -> dict[str, int]:
    ids = {
        "percent": await make_customer(db, "100% Organic"),
        "under": await make_customer(db, "a_b Trading"),
        "slash": await make_customer(db, "Either/Or Ltd"),
        "plain": await make_customer(db, "Plain Foods"),
    }
    await contacts.create_contact(
        ctx, {"customer_id": ids["plain"], "firstname": "Mira", "email": "mira@hidden.example"}
    )
    return ids


@pytest.mark.parametrize(
    ("term", "field_message"),
    [
        ("ab " * 10_000, f"must be at most {MAX_SEARCH_LENGTH} characters"),
        (" ".join(f"w{i}" for i in range(MAX_SEARCH_WORDS + 1)),
         f"must be at most {MAX_SEARCH_WORDS} words"),
        ("a\x00b", "must not contain NUL characters"),
        ("a\ud800", "must be valid Unicode text (it holds a lone surrogate)"),
    ],
)  # fmt: skip
async def test_a_term_past_the_rule_is_refused_naming_search_on_every_path(
    ctx: Ctx, shop: dict[str, int], term: str, field_message: str
) -> None:
    for search in (graph_search, rest_search):
        with pytest.raises(Invalid) as refused:
            await search(ctx, term)
        assert refused.value.errors == {"search": field_message}


async def test_the_most_words_allowed_still_search(ctx: Ctx, shop: dict[str, int]) -> None:
    term = " ".join(["foods"] * (MAX_SEARCH_WORDS - 1) + ["plain"])
    assert search_words(term) == ["foods", "plain"]
    assert await graph_search(ctx, term) == await rest_search(ctx, term) == ["Plain Foods"]


@pytest.mark.parametrize(
    ("term", "found"),
    [("%", ["100% Organic"]), ("_", ["a_b Trading"]), ("/", ["Either/Or Ltd"]),
     ("a_b", ["a_b Trading"]), ("%25", [])],
)  # fmt: skip
async def test_wildcards_match_themselves(
    ctx: Ctx, shop: dict[str, int], term: str, found: list[str]
) -> None:
    assert await graph_search(ctx, term) == found
    assert await rest_search(ctx, term) == found


async def test_contacts_match_a_customer_search_only_for_who_may_read_contacts(
    db: Database, ctx: Ctx, shop: dict[str, int]
) -> None:
    def caller(*grants: str) -> Ctx:
        return Ctx(db=db, principal=Principal("token", 7, "t", frozenset(grants)))

    both = caller("customers:get", "customers:search", "contacts:get")
    customers_only = caller("customers:get", "customers:search")

    for search in (graph_search, rest_search):
        assert await search(both, "mira@hidden") == ["Plain Foods"]
        assert await search(customers_only, "mira@hidden") == []
        assert await search(customers_only, "plain") == ["Plain Foods"]


async def bulk_customers(db: Database, n: int) -> None:
    async with db.write() as conn:
        await conn.execute(insert(table_of(Customer)), [{"company": f"Bulk {i}"} for i in range(n)])


async def test_groups_past_the_bound_are_refused_naming_group_by(ctx: Ctx, db: Database) -> None:
    await bulk_customers(db, MAX_GROUPS)
    assert len(await aggregates.group_records(ctx, CUSTOMERS, Grouping("id"))) == MAX_GROUPS

    await bulk_customers(db, 1)
    with pytest.raises(Invalid) as refused:
        await aggregates.group_records(ctx, CUSTOMERS, Grouping("id"))
    assert list(refused.value.errors) == ["groupBy"]
    # A coarser grouping of the same records is still a report.
    assert len(await aggregates.group_records(ctx, CUSTOMERS, Grouping("active"))) == 1


async def test_nested_groups_past_the_bound_are_refused(ctx: Ctx, db: Database) -> None:
    small, big = await make_customer(db, "Small"), await make_customer(db, "Big")
    rows: list[dict[str, Any]] = [
        {"customer_id": big, "firstname": f"c{i}", "email": f"c{i}@big.example"}
        for i in range(MAX_GROUPS + 1)
    ]
    rows.append({"customer_id": small, "firstname": "s", "email": "s@small.example"})
    async with db.write() as conn:
        await conn.execute(insert(table_of(Contact)), rows)

    one_each = await relations.related_groups(
        ctx, "customers", "contacts", Query(), Grouping("customer_id"), [small, big]
    )
    assert [[g.values.count for g in groups] for groups in one_each] == [[1], [MAX_GROUPS + 1]]
    with pytest.raises(Invalid) as refused:
        await relations.related_groups(
            ctx, "customers", "contacts", Query(), Grouping("id"), [small, big]
        )
    assert list(refused.value.errors) == ["groupBy"]


@pytest.mark.parametrize(
    "where",
    [{"id": {"eq": "9223372036854775808"}}, {"id": {"in": [2**31]}}, {"id": 10**30},
     {"created_at": {"gt": "²"}}, {"company": {"contains": "a\x00"}}],
)  # fmt: skip
async def test_filter_values_past_a_column_are_refused_naming_the_field(
    ctx: Ctx, shop: dict[str, int], where: dict[str, Any]
) -> None:
    with pytest.raises(Invalid) as refused:
        await reading.list_records(ctx, CUSTOMERS, PageArgs(), where=where)
    assert list(refused.value.errors) == list(where)
