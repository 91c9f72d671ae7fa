"""Custom fields over GraphQL: definitions, the customFields of records read in one
batch, and setting values through the record's own update."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.database import Database
from resolvers import custom_fields, leads
from resolvers.core.context import Ctx, Row
from schema.custom_fields.inputs import CustomFieldKind, CustomFieldOwner
from tests.factories import make_customer, make_token
from tests.schema.graph import data, error_code, global_id, gql, statements

CREATE = """
mutation($input: CustomFieldInput!) {
  createCustomField(input: $input) {
    record { id fieldTo name slug type options required active }
    userErrors { field code message }
  }
}
"""

SET_VALUES = """
mutation($id: ID!, $values: [CustomFieldValueInput!]!) {
  setCustomFieldValues(id: $id, values: $values) {
    record {
      __typename
      ... on Lead { customFields { fieldName label value } }
      ... on Customer { company }
      ... on Staff { customFields { label value } }
      ... on Expense { customFields { label value } }
    }
    userErrors { field code message }
  }
}
"""


async def define(ctx: Ctx, field_to: str, name: str, kind: str = "input", **extra: Any) -> Row:
    return await custom_fields.create_custom_field(
        ctx, {"field_to": field_to, "name": name, "type": kind, **extra}
    )


def test_the_enums_are_the_service_layers() -> None:
    assert {k.value for k in CustomFieldKind} == set(custom_fields.TYPES)
    assert {o.value for o in CustomFieldOwner} == set(custom_fields.PERFEX_NAMES)


async def test_define_a_choice_field(client: httpx.AsyncClient, token: str) -> None:
    body = await gql(
        client, token, CREATE,
        input={"fieldTo": "LEADS", "name": "Budget band", "type": "MULTISELECT",
               "options": ["Low", "High", "Low"], "required": True},
    )  # fmt: skip

    payload = data(body)["createCustomField"]
    assert payload["userErrors"] == []
    assert {k: v for k, v in payload["record"].items() if k != "id"} == {
        "fieldTo": "leads", "name": "Budget band", "slug": "leads_budget_band",
        "type": "multiselect", "options": ["Low", "High"], "required": True, "active": True,
    }  # fmt: skip


async def test_bad_definitions_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await define(ctx, "leads", "Industry", slug="industry")
    cases = [
        ({"fieldTo": "LEADS", "name": "Size", "type": "SELECT"}, "options", "INVALID"),
        ({"fieldTo": "LEADS", "name": "Other", "type": "INPUT", "slug": "industry"},
         "slug", "CONFLICT"),
        ({"fieldTo": "LEADS", "name": "Other", "type": "INPUT", "slug": "Not A Slug"},
         "slug", "INVALID"),
        ({"name": "Loose", "type": "INPUT"}, "fieldTo", "INVALID"),
    ]  # fmt: skip

    for given, field, code in cases:
        payload = data(await gql(client, token, CREATE, input=given))["createCustomField"]
        assert payload["record"] is None, given
        error = payload["userErrors"][0]
        assert (error["field"], error["code"]) == (field, code), given


async def test_update_delete_and_restore_a_definition(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    field = await define(ctx, "leads", "Industry")
    query = """
    mutation($id: ID!) {
      updateCustomField(id: $id, input: {name: "Sector", fieldOrder: 3}) {
        record { name fieldOrder } userErrors { field } }
      moved: updateCustomField(id: $id, input: {fieldTo: INVOICES}) {
        userErrors { field code } }
      deleteCustomField(id: $id) { record { name } userErrors { code } }
      restoreCustomField(id: $id) { record { name } userErrors { code } }
    }
    """

    got = data(await gql(client, token, query, id=global_id("CustomField", field["id"])))

    assert got == {
        "updateCustomField": {"record": {"name": "Sector", "fieldOrder": 3}, "userErrors": []},
        # INVOICES is a valid value; the values stored under leads refuse the move.
        "moved": {"userErrors": [{"field": "fieldTo", "code": "CONFLICT"}]},
        "deleteCustomField": {"record": {"name": "Sector"}, "userErrors": []},
        "restoreCustomField": {"record": {"name": "Sector"}, "userErrors": []},
    }


async def test_definitions_are_listed_in_form_order(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await define(ctx, "leads", "Second", field_order=2)
    await define(ctx, "leads", "First", field_order=1)
    await define(ctx, "expenses", "Cost centre")
    query = """
    { customFields(filter: {fieldTo: {eq: "leads"}}) { totalCount nodes { name } } }
    """

    got = data(await gql(client, token, query))["customFields"]

    assert got == {"totalCount": 2, "nodes": [{"name": "First"}, {"name": "Second"}]}


async def test_the_custom_fields_of_a_page_load_in_one_batch(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    size = await define(ctx, "leads", "Size", "number")
    await define(ctx, "leads", "Inactive", active=False)
    await define(ctx, "customers", "Not a lead field")
    made = [await leads.create_lead(ctx, {"name": f"Lead {n:02}"}) for n in range(15)]
    await leads.update_lead(ctx, made[3]["id"], {"custom_fields": {size["id"]: "250"}})
    query = """
    query($first: Int!) {
      leads(first: $first) { nodes { name customFields { customFieldId label type value } } }
    }
    """

    one = await gql(client, token, query, first=1)
    fifteen = await gql(client, token, query, first=15)

    # leads page; definitions + values
    assert statements(one) == statements(fifteen) == 3
    nodes = data(fifteen)["leads"]["nodes"]
    assert nodes[3]["customFields"] == [
        {"customFieldId": global_id("CustomField", size["id"]), "label": "Size",
         "type": "number", "value": "250"},
    ]  # fmt: skip
    assert nodes[0]["customFields"][0]["value"] == ""


async def test_set_values_on_a_lead_a_customer_a_member_and_an_expense(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    tier = await define(ctx, "leads", "Tier", "select", options=["Gold", "Silver"])
    region = await define(ctx, "customers", "Region")
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    customer = await make_customer(ctx)

    on_lead = await gql(
        client, token, SET_VALUES, id=global_id("Lead", lead["id"]),
        values=[{"customFieldId": global_id("CustomField", tier["id"]), "value": "Gold"}],
    )  # fmt: skip
    on_customer = await gql(
        client, token, SET_VALUES, id=global_id("Customer", customer["id"]),
        values=[{"customFieldId": global_id("CustomField", region["id"]), "value": "GCC"}],
    )  # fmt: skip

    assert data(on_lead)["setCustomFieldValues"] == {
        "record": {"__typename": "Lead", "customFields": [
            {"fieldName": f"custom_fields[leads][{tier['id']}]", "label": "Tier",
             "value": '["Gold"]'}]},
        "userErrors": [],
    }  # fmt: skip
    assert data(on_customer)["setCustomFieldValues"]["record"] == {
        "__typename": "Customer", "company": "Zahara Foods LLC",
    }  # fmt: skip
    stored = await custom_fields.custom_values_for(ctx, "customers", [customer["id"]])
    assert stored[0][0]["value"] == "GCC"


async def test_bad_values_are_user_errors(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    size = await define(ctx, "leads", "Size", "number")
    other = await define(ctx, "expenses", "Cost centre")
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    customer = await make_customer(ctx)
    lead_id = global_id("Lead", lead["id"])
    cases = [
        (lead_id, size["id"], "lots", f"values[{global_id('CustomField', size['id'])}]"),
        (lead_id, other["id"], "A1", f"values[{global_id('CustomField', other['id'])}]"),
        (global_id("Contact", customer["id"]), size["id"], "1", "id"),
        (global_id("Lead", 999), size["id"], "1", None),
    ]

    for record_id, field_id, value, field in cases:
        payload = data(
            await gql(
                client,
                token,
                SET_VALUES,
                id=record_id,
                values=[{"customFieldId": global_id("CustomField", field_id), "value": value}],
            )  # fmt: skip
        )["setCustomFieldValues"]
        assert payload["record"] is None, (record_id, value)
        assert payload["userErrors"][0]["field"] == field, payload["userErrors"]
    wrong_id = data(
        await gql(
            client,
            token,
            SET_VALUES,
            id=lead_id,
            values=[{"customFieldId": global_id("Lead", 1), "value": "1"}],
        )  # fmt: skip
    )["setCustomFieldValues"]
    assert wrong_id["userErrors"][0]["field"] == "values"


async def test_setting_values_takes_the_right_to_update_the_record(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    size = await define(ctx, "leads", "Size", "number")
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    reader = (await make_token(db, "leads:get", "custom_fields:get", name="reader")).token
    stranger = (await make_token(db, "customers:get", name="stranger")).token

    write = await gql(
        client, reader, SET_VALUES, id=global_id("Lead", lead["id"]),
        values=[{"customFieldId": global_id("CustomField", size["id"]), "value": "1"}],
    )  # fmt: skip
    definitions = await gql(client, stranger, "{ customFields { nodes { name } } }")
    define_one = await gql(
        client, reader, CREATE, input={"fieldTo": "LEADS", "name": "X", "type": "INPUT"}
    )

    assert error_code(write) == "FORBIDDEN"
    assert error_code(definitions) == "FORBIDDEN"
    assert error_code(define_one) == "FORBIDDEN"


async def test_a_definition_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    field = await define(ctx, "staff", "Badge")

    got = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { __typename ... on CustomField { name fieldTo } } }",
        id=global_id("CustomField", field["id"]),
    )  # fmt: skip

    assert data(got)["node"] == {"__typename": "CustomField", "name": "Badge", "fieldTo": "staff"}
