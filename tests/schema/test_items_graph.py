"""The catalogue over GraphQL: items with their group and taxes, the lines picked from
them, groups with their items, writes and their userErrors, permissions, nodes."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import invoices, items
from resolvers.core.context import Ctx
from resolvers.models import ItemGroup, Tax, table_of
from schema.compiled import normal_path
from schema.node import encode_global_id
from tests.factories import make_customer, make_token
from tests.schema.graph import data, gql, statements

PAYLOAD = """
record { id databaseId description longDescription rate unit type
         group { name } tax { name } tax2 { name } }
userErrors { field code message }
"""
CREATE = f"mutation($input: ItemInput!) {{ createItem(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"""
mutation($id: ID!, $input: ItemInput!) {{ updateItem(id: $id, input: $input) {{ {PAYLOAD} }} }}
"""
DELETE = f"mutation($id: ID!) {{ deleteItem(id: $id) {{ {PAYLOAD} }} }}"
RESTORE = f"mutation($id: ID!) {{ restoreItem(id: $id) {{ {PAYLOAD} }} }}"
GROUPS = """
query($first: Int!) {
  itemGroups(first: $first) {
    totalCount
    nodes {
      name
      items(orderBy: [{field: RATE, direction: DESC}]) {
        totalCount
        aggregate { sum { rate } max { rate } }
        nodes { description rate tax { name } invoiceItems { totalCount } }
      }
    }
  }
}
"""


async def ids_by_name(db: Database, model: Any) -> dict[str, int]:
    table = table_of(model)
    async with db.read() as conn:
        return {r.name: int(r.id) for r in await conn.execute(select(table.c.name, table.c.id))}


async def test_create_update_delete_and_restore_an_item(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    taxes = await ids_by_name(db, Tax)
    groups = await ids_by_name(db, ItemGroup)

    created = data(await gql(
        client, token, CREATE,
        input={"description": "Router", "rate": "99.995", "unit": "pc", "type": "product",
               "groupId": encode_global_id("ItemGroup", groups["Hardware"]),
               "taxes": [encode_global_id("Tax", taxes["VAT"]),
                         encode_global_id("Tax", taxes["GST"])]},
    ))["createItem"]  # fmt: skip

    assert created["userErrors"] == []
    record = created["record"]
    assert {k: record[k] for k in ("description", "rate", "unit", "type")} == {
        "description": "Router", "rate": "100.00", "unit": "pc", "type": "product",
    }  # fmt: skip
    assert (record["group"], record["tax"], record["tax2"]) == (
        {"name": "Hardware"}, {"name": "VAT"}, {"name": "GST"},
    )  # fmt: skip
    changed = data(await gql(
        client, token, UPDATE, id=record["id"], input={"taxes": [], "longDescription": "Wi-Fi"},
    ))["updateItem"]["record"]  # fmt: skip
    assert (changed["tax"], changed["tax2"], changed["longDescription"]) == (None, None, "Wi-Fi")
    assert changed["group"] == {"name": "Hardware"}

    deleted = data(await gql(client, token, DELETE, id=record["id"]))["deleteItem"]
    assert deleted["userErrors"] == []
    gone = data(await gql(client, token, "query($id: ID!) { item(id: $id) { id } }",
                          id=record["id"]))  # fmt: skip
    assert gone["item"] is None
    restored = data(await gql(client, token, RESTORE, id=record["id"]))["restoreItem"]
    assert restored["record"]["description"] == "Router"


async def test_item_failures_are_user_errors_in_the_inputs_names(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    vat = encode_global_id("Tax", (await ids_by_name(db, Tax))["VAT"])
    base = {"description": "Router", "rate": "10"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"rate": "10"}, "description"),
        ({"description": "Router"}, "rate"),
        ({**base, "rate": "-1"}, "rate"),
        ({**base, "type": "gadget"}, "type"),
        ({**base, "taxes": [encode_global_id("Tax", 999)]}, "taxes"),
        ({**base, "taxes": [vat, vat]}, "taxes"),
        ({**base, "taxes": [vat, vat, vat]}, "taxes"),
        ({**base, "taxes": [encode_global_id("Currency", 1)]}, "taxes.0"),
        ({**base, "groupId": encode_global_id("ItemGroup", 999)}, "groupId"),
        ({**base, "groupId": encode_global_id("Item", 1)}, "groupId"),
    ]
    for given, field in cases:
        result = data(await gql(client, token, CREATE, input=given))["createItem"]
        assert result["record"] is None, given
        assert [(e["field"], e["code"]) for e in result["userErrors"]] == [(field, "INVALID")], (
            given, result["userErrors"],
        )  # fmt: skip
    missing = data(await gql(client, token, DELETE, id=encode_global_id("Item", 999)))
    assert missing["deleteItem"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_groups_with_their_items_cost_the_same_for_one_or_all(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    taxes = await ids_by_name(db, Tax)
    groups = await ids_by_name(db, ItemGroup)
    customer = await make_customer(ctx)
    for name, group_id in groups.items():
        for rate in (10, 30):
            item = await items.create_item(
                ctx, {"description": f"{name} {rate}", "rate": rate, "group_id": group_id,
                      "tax_id": taxes["VAT"]},
            )  # fmt: skip
            await invoices.create_invoice(
                ctx, {"customer_id": customer["id"], "items": [{"item_id": item["id"]}]}
            )

    with normal_path():
        one = await gql(client, token, GROUPS, first=1)
        every = await gql(client, token, GROUPS, first=4)
    compiled = await gql(client, token, GROUPS, first=4)

    # The resolvers: groups: page + count; items: page, count, aggregate; taxes by id;
    # lines: count. The compiled path: one statement, the same answer.
    assert statements(one) == statements(every) == 7
    assert (statements(compiled), data(compiled)) == (1, data(every))
    got = data(every)["itemGroups"]
    assert [g["name"] for g in got["nodes"]] == ["Hardware", "Hosting", "Services", "Software"]
    hardware = got["nodes"][0]["items"]
    assert hardware["totalCount"] == 2
    assert hardware["aggregate"] == {"sum": {"rate": "40.00"}, "max": {"rate": "30.00"}}
    assert hardware["nodes"] == [
        {"description": "Hardware 30", "rate": "30.00", "tax": {"name": "VAT"},
         "invoiceItems": {"totalCount": 1}},
        {"description": "Hardware 10", "rate": "10.00", "tax": {"name": "VAT"},
         "invoiceItems": {"totalCount": 1}},
    ]  # fmt: skip
    cheap = data(await gql(
        client, token,
        "{ items(filter: {rate: {lt: \"20\"}, group: {name: {eq: \"Hosting\"}}}) "
        "{ nodes { description } } }",
    ))  # fmt: skip
    assert cheap["items"]["nodes"] == [{"description": "Hosting 10"}]


async def test_writing_items_takes_the_items_grant(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    reader = (await make_token(db, "items:get", name="reader")).token

    body = await gql(client, reader, CREATE, input={"description": "Router", "rate": "10"})

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listed = data(await gql(client, reader, "{ items { totalCount } }"))
    assert listed["items"]["totalCount"] == 0


async def test_items_and_groups_are_nodes(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    group_id = (await ids_by_name(db, ItemGroup))["Software"]
    item = await items.create_item(ctx, {"description": "Licence", "rate": 5, "group_id": group_id})
    ids = [encode_global_id("Item", item["id"]), encode_global_id("ItemGroup", group_id)]
    query = """
    query($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on Item { description group { databaseId } }
        ... on ItemGroup { name items { nodes { description } } }
      }
    }
    """

    got = data(await gql(client, token, query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0], "description": "Licence", "group": {"databaseId": group_id}},
        {"id": ids[1], "name": "Software", "items": {"nodes": [{"description": "Licence"}]}},
    ]
