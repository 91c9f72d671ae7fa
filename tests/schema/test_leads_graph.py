"""Leads over GraphQL: nested reads whose statements do not grow with the rows, money
figures, every write and its userErrors, conversion into a customer, and permissions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from gateway.database import Database
from resolvers import custom_fields, leads, notes
from resolvers.core.context import Ctx, Row
from resolvers.reference import list_lookup
from tests.factories import make_staff, make_token
from tests.schema.graph import data, error_code, global_id, gql, statements


async def named(ctx: Ctx, lookup: str, name: str) -> int:
    rows = await list_lookup(ctx, lookup)
    return int(next(r["id"] for r in rows if r["name"] == name))


async def make_lead(ctx: Ctx, n: int = 0, **fields: Any) -> Row:
    return await leads.create_lead(
        ctx, {"name": f"Jonas Weiss {n:02}", "email": f"jonas{n}@weiss.example",
              "company": "Weiss GmbH", "lead_value": Decimal(100 * (n + 1)), **fields},
    )  # fmt: skip


NESTED = """
query Leads($first: Int!) {
  leads(first: $first, orderBy: [{field: NAME}]) {
    totalCount
    nodes {
      name leadValue
      status { name }
      source { name }
      assigned { firstname }
      notes(first: 2) { totalCount nodes { description staff { email } } }
      customFields { label value required options }
    }
  }
}
"""

FIGURES = """
query($filter: LeadFilter) {
  leads(filter: $filter, orderBy: [{field: LEAD_VALUE, direction: DESC}]) {
    nodes { name leadValue }
    aggregate { count sum { leadValue } max { leadValue } }
    groupBy(field: STATUS_ID) { key count sum { leadValue } }
  }
}
"""

CREATE = """
mutation($input: LeadInput!) {
  createLead(input: $input) {
    record { id databaseId name leadValue tags status { name } source { name }
             assigned { email } customFields { label value } }
    userErrors { field code message }
  }
}
"""

UPDATE = """
mutation($id: ID!, $input: LeadInput!) {
  updateLead(id: $id, input: $input) {
    record { name phone lost status { name } } userErrors { field code message }
  }
}
"""

DELETE_RESTORE = """
mutation($id: ID!) {
  deleteLead(id: $id) { record { name } userErrors { field code } }
  restoreLead(id: $id) { record { name } userErrors { field code } }
}
"""

CONVERT = """
mutation($id: ID!, $input: LeadConversionInput) {
  convertLead(id: $id, input: $input) {
    record { __typename databaseId company contacts { nodes { email isPrimary } } }
    userErrors { field code message }
  }
}
"""


async def populate(ctx: Ctx, db: Database, count: int) -> list[Row]:
    staff = await make_staff(db)
    author = await make_staff(db, "omar@example.com", firstname="Omar")
    made = [await make_lead(ctx, n, assigned_id=staff["id"]) for n in range(count)]
    for lead in made:
        for text in ("Called, no answer", "Sent the brochure", "Asked for a demo"):
            await notes.create_note(
                ctx, {"rel_type": "lead", "rel_id": lead["id"], "description": text,
                      "staff_id": author["id"]},
            )  # fmt: skip
    return made


async def test_nested_reads_cost_the_same_for_one_lead_or_thirty(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    await custom_fields.create_custom_field(
        ctx, {"field_to": "leads", "name": "Budget", "type": "select", "options": "Low,High"}
    )
    made = await populate(ctx, db, 30)
    await leads.update_lead(ctx, made[0]["id"], {"custom_fields": {"leads_budget": "High"}})

    one = await gql(client, token, NESTED, first=1)
    thirty = await gql(client, token, NESTED, first=30)

    # leads: page + count; status, source, assigned: one each; notes: page + count and
    # their authors; custom fields: definitions + values
    assert statements(one) == statements(thirty) == 10
    nodes = data(thirty)["leads"]["nodes"]
    assert len(nodes) == 30 and data(thirty)["leads"]["totalCount"] == 30
    first = nodes[0]
    assert first["status"] == {"name": "New"} and first["source"] == {"name": "Website"}
    assert first["assigned"] == {"firstname": "Sara"}
    assert first["notes"]["totalCount"] == 3 and len(first["notes"]["nodes"]) == 2
    assert first["notes"]["nodes"][0]["staff"] == {"email": "omar@example.com"}
    assert first["customFields"] == [
        {"label": "Budget", "value": '["High"]', "required": False, "options": ["Low", "High"]}
    ]
    assert nodes[1]["customFields"][0]["value"] == ""


async def test_filters_order_and_figures_over_lead_value(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(4):
        await make_lead(ctx, n)

    body = await gql(client, token, FIGURES, filter={"leadValue": {"gte": "200"}})

    got = data(body)["leads"]
    assert [n["leadValue"] for n in got["nodes"]] == ["400.00", "300.00", "200.00"]
    assert got["aggregate"] == {
        "count": 3, "sum": {"leadValue": "900.00"}, "max": {"leadValue": "400.00"},
    }  # fmt: skip
    new = await named(ctx, "lead_statuses", "New")
    assert got["groupBy"] == [{"key": new, "count": 3, "sum": {"leadValue": "900.00"}}]


async def test_create_a_lead_with_references_and_custom_fields(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    staff = await make_staff(db)
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": "leads", "name": "Industry", "type": "input"}
    )
    qualified = await named(ctx, "lead_statuses", "Qualified")
    website = await named(ctx, "lead_sources", "Website")

    body = await gql(
        client, token, CREATE,
        input={"name": "Lina Haddad", "leadValue": "1500.5", "tags": ["vip", "expo"],
               "statusId": global_id("LeadStatus", qualified),
               "sourceId": global_id("LeadSource", website),
               "assignedId": global_id("Staff", staff["id"]),
               "customFields": [{"customFieldId": global_id("CustomField", field["id"]),
                                 "value": "Logistics"}]},
    )  # fmt: skip

    payload = data(body)["createLead"]
    assert payload["userErrors"] == []
    record = payload["record"]
    assert record["id"] == global_id("Lead", record["databaseId"])
    assert (record["name"], record["leadValue"], record["tags"]) == (
        "Lina Haddad", "1500.50", "vip,expo",
    )  # fmt: skip
    assert record["status"] == {"name": "Qualified"}
    assert record["source"] == {"name": "Website"}
    assert record["assigned"] == {"email": "sara@example.com"}
    assert record["customFields"] == [{"label": "Industry", "value": "Logistics"}]


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"email": "a@b.example"}, "name", "INVALID"),
        ({"name": "X", "statusId": global_id("Lead", 1)}, "statusId", "INVALID"),
        ({"name": "X", "statusId": global_id("LeadStatus", 999)}, "statusId", "INVALID"),
        ({"name": "X", "sourceId": "not a global id"}, "sourceId", "INVALID"),
        ({"name": "X", "assignedId": global_id("Staff", 999)}, "assignedId", "INVALID"),
        ({"name": "X", "email": "not an email"}, "email", "INVALID"),
        ({"name": "X", "leadValue": "-1"}, "leadValue", "INVALID"),
        (
            {"name": "X", "customFields": [{"customFieldId": global_id("Lead", 1), "value": "x"}]},
            "customFields",
            "INVALID",
        ),
    ],
)
async def test_bad_lead_input_is_a_user_error_naming_the_field(
    client: httpx.AsyncClient, token: str, given: dict[str, Any], field: str, code: str
) -> None:
    body = await gql(client, token, CREATE, input=given)

    payload = data(body)["createLead"]
    assert payload["record"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]][:1] == [(field, code)]


async def test_update_delete_and_restore_a_lead(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await make_lead(ctx)
    lead_id = global_id("Lead", lead["id"])
    lost = global_id("LeadStatus", await named(ctx, "lead_statuses", "Lost"))

    updated = await gql(
        client, token, UPDATE, id=lead_id, input={"phone": "+49 30 1234", "statusId": lost,
                                                  "lost": True},
    )  # fmt: skip
    cycled = await gql(client, token, DELETE_RESTORE, id=lead_id)
    missing = await gql(client, token, UPDATE, id=global_id("Lead", 999), input={"lost": False})
    blank = await gql(client, token, UPDATE, id=lead_id, input={"statusId": None})

    assert data(updated)["updateLead"] == {
        "record": {"name": "Jonas Weiss 00", "phone": "+49 30 1234", "lost": True,
                   "status": {"name": "Lost"}},
        "userErrors": [],
    }  # fmt: skip
    assert data(cycled) == {
        "deleteLead": {"record": {"name": "Jonas Weiss 00"}, "userErrors": []},
        "restoreLead": {"record": {"name": "Jonas Weiss 00"}, "userErrors": []},
    }
    assert data(missing)["updateLead"]["userErrors"][0]["code"] == "NOT_FOUND"
    assert data(blank)["updateLead"]["userErrors"][0]["field"] == "statusId"


async def test_convert_a_lead_into_a_customer_once(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await make_lead(ctx, company="Weiss Logistics")
    lead_id = global_id("Lead", lead["id"])

    first = await gql(client, token, CONVERT, id=lead_id, input={"vat": "DE123"})
    again = await gql(client, token, CONVERT, id=lead_id)
    read = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { ... on Lead { convertedAt customer { company } "
        "status { name } } } }",
        id=lead_id,
    )  # fmt: skip

    record = data(first)["convertLead"]["record"]
    assert record["__typename"] == "Customer" and record["company"] == "Weiss Logistics"
    assert record["contacts"]["nodes"] == [{"email": "jonas0@weiss.example", "isPrimary": True}]
    assert data(again)["convertLead"]["userErrors"][0]["code"] == "CONFLICT"
    converted = data(read)["node"]
    assert converted["convertedAt"] is not None
    assert converted["customer"] == {"company": "Weiss Logistics"}
    assert converted["status"] == {"name": "Customer"}


async def test_convert_refuses_a_currency_id_of_another_type(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await make_lead(ctx)

    body = await gql(
        client, token, CONVERT, id=global_id("Lead", lead["id"]),
        input={"defaultCurrencyId": global_id("Tax", 1)},
    )  # fmt: skip

    assert data(body)["convertLead"]["userErrors"][0]["field"] == "defaultCurrencyId"


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    lead = await make_lead(ctx)
    reader = (await make_token(db, "leads:get", name="reader")).token
    stranger = (await make_token(db, "customers:get", name="stranger")).token

    denied = await gql(client, stranger, "{ leads { nodes { name } } }")
    write = await gql(client, reader, CREATE, input={"name": "Nope"})
    allowed = await gql(client, reader, "{ leads { nodes { name } } }")

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"
    assert data(allowed)["leads"]["nodes"] == [{"name": lead["name"]}]


async def test_a_lead_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await make_lead(ctx)
    status = await named(ctx, "lead_statuses", "New")
    source = await named(ctx, "lead_sources", "Website")
    query = "query($id: ID!) { node(id: $id) { __typename id ... on Lead { name } } }"

    for type_name, pk in (("Lead", lead["id"]), ("LeadStatus", status),
                          ("LeadSource", source)):  # fmt: skip
        body = await gql(client, token, query, id=global_id(type_name, pk))
        node = data(body)["node"]
        assert node["__typename"] == type_name and node["id"] == global_id(type_name, pk)
    again = await gql(client, token, query, id=global_id("Lead", lead["id"]))
    assert data(again)["node"]["name"] == lead["name"]


async def test_a_missing_required_custom_value_names_the_custom_field(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": "leads", "name": "Industry", "type": "input", "required": True}
    )

    body = await gql(client, token, CREATE, input={"name": "Lina Haddad"})

    assert data(body)["createLead"]["userErrors"] == [
        {"field": f"customFields[{global_id('CustomField', field['id'])}]", "code": "INVALID",
         "message": "Industry is required"},
    ]  # fmt: skip
