"""The cost actually used by a prepared operation counts the connections of the
statement's answer in its text (`resolvers.core.json_select.connections_in`): the same
number as decoding the answer and walking it (`gateway.limits.score.requests_in`), on
the bench's shapes, aliases, null neighbours and stored text that spells a key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from graphql import get_operation_ast, parse
from sqlalchemy import update

from bench.run import _query
from gateway.limits.score import requests_in, score_operation
from resolvers.core.context import Ctx
from resolvers.core.json_select import connections_in, select_json_text
from resolvers.core.json_select.plan import connection_keys
from resolvers.demo_data import seed_demo
from resolvers.models import Contact, Customer, table_of
from schema import schema
from schema.compiled.planner import plan_operation

ALIASED = """
{
  a: customers(first: 5) {
    totalCount
    contacts: edges { node { contacts(first: 2) { nodes { email } } } }
  }
  b: customers(first: 3) {
    nodes {
      contacts { nodes { customer { company contacts { totalCount } } } }
      invoices(first: 2) { nodes { items { totalCount } } }
    }
  }
}
"""
# `page` names a connection and a page's info: the text cannot tell them apart.
AMBIGUOUS = """
{
  customers(first: 3) {
    page: pageInfo { hasNextPage }
    nodes { page: contacts { totalCount } }
  }
}
"""
RECORD = """
query($id: Int!) {
  customer(databaseId: $id) { company contacts { nodes { firstname } } tickets { totalCount } }
}
"""


async def _counts(ctx: Ctx, document: str, **variables: Any) -> tuple[int | None, int]:
    parsed = parse(document)
    plan = plan_operation(schema, parsed, None, variables)
    assert plan is not None
    text = await select_json_text(ctx, plan)
    assert text is not None
    operation = get_operation_ast(parsed)
    assert operation is not None
    shape = score_operation(schema._schema, parsed, operation, variables).shape
    return connections_in(plan, ctx.db.dialect, text), requests_in(orjson.loads(text), shape)


@pytest.mark.parametrize("name", ["nested", "edges", "total", "filter", "order", "nested_filter"])
async def test_the_text_counts_what_the_walk_counts(ctx: Ctx, tmp_path: Path, name: str) -> None:
    await seed_demo(ctx.db, customers=6, storage_dir=tmp_path)
    counted, walked = await _counts(ctx, _query(name))
    assert counted == walked > 1


async def test_aliases_null_neighbours_and_stored_keys(ctx: Ctx, tmp_path: Path) -> None:
    await seed_demo(ctx.db, customers=6, storage_dir=tmp_path)
    customers, contacts = table_of(Customer), table_of(Contact)
    async with ctx.db.write() as conn:
        # Stored text spelling a connection's key and its object, both engines' ways
        forged = '"contacts":{"nodes":[]} "contacts" : {'
        await conn.execute(update(customers).values(company=forged))
        await conn.execute(update(contacts).values(email=forged))
    counted, walked = await _counts(ctx, ALIASED)
    assert counted == walked > 10
    counted, walked = await _counts(ctx, RECORD, id=1)
    assert counted == walked == 2
    # A record that is not there has no connections
    assert await _counts(ctx, RECORD, id=10_000) == (0, 0)


async def test_keys_the_text_cannot_tell_apart_are_decoded(ctx: Ctx, tmp_path: Path) -> None:
    await seed_demo(ctx.db, customers=3, storage_dir=tmp_path)
    plan = plan_operation(schema, parse(AMBIGUOUS), None, {})
    assert plan is not None
    assert connection_keys(plan) is None
    assert connections_in(plan, ctx.db.dialect, "{}") is None
