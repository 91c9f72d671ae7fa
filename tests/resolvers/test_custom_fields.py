"""Custom fields: definitions per resource, values checked by type, read in Perfex's shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gateway.database import Database
from resolvers import custom_fields, leads
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.reading import list_records
from resolvers.customers import CUSTOMERS
from tests.factories import make_customer


async def make_field(ctx: Ctx, name: str, type_: str, field_to: str = "Invoice",
                     **fields: Any) -> Row:  # fmt: skip
    return await custom_fields.create_custom_field(
        ctx, {"field_to": field_to, "name": name, "type": type_, **fields}
    )


async def invoice_fields(ctx: Ctx) -> dict[str, Row]:
    options = "Option 1,Option 2,Option 3"
    made = [
        await make_field(ctx, "Input 1", "input"),
        await make_field(ctx, "Number 1", "number"),
        await make_field(ctx, "Select 1", "select", options=options),
        await make_field(ctx, "Multiselect 1", "multiselect", options=options.split(",")),
        await make_field(ctx, "Checkbox 1", "checkbox", options=options),
        await make_field(ctx, "Datepicker 1", "date_picker"),
        await make_field(ctx, "Datetime Picker 1", "date_picker_time"),
        await make_field(ctx, "Colorpicker 1", "colorpicker"),
        await make_field(ctx, "Hyperlink 1", "link"),
    ]
    return {row["name"]: row for row in made}


async def set_values(
    db: Database, ctx: Ctx, field_to: str, rel_id: int, values: dict[int | str, Any]
) -> dict[str, str]:
    async with db.write() as conn:
        return await custom_fields.set_custom_values(conn, ctx, field_to, rel_id, values)


async def test_definitions_belong_to_resources_by_perfex_names(ctx: Ctx) -> None:
    invoice = await make_field(ctx, "Input 1", "input")
    lead = await make_field(ctx, "Budget", "number", field_to="Leads")
    note = await make_field(ctx, "Mood", "select", field_to="Note", options=["Good", "Bad"])
    again = await make_field(ctx, "Input 1", "input", field_to="invoices")

    assert (invoice["field_to"], lead["field_to"], note["field_to"]) == (
        "invoices", "leads", "notes",
    )  # fmt: skip
    assert (invoice["slug"], again["slug"]) == ("invoice_input_1", "invoice_input_1_2")
    assert json.loads(note["options"]) == ["Good", "Bad"]
    assert [f["id"] for f in await custom_fields.list_custom_fields(ctx, "Invoice")] == [
        invoice["id"], again["id"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"field_to": "Spaceships"}, "field_to"),
        ({"type": "slider"}, "type"),
        ({"type": "select"}, "options"),
        ({"type": "multiselect", "options": " , "}, "options"),
    ],
)
async def test_invalid_definitions(ctx: Ctx, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as caught:
        await custom_fields.create_custom_field(
            ctx, {"field_to": "invoice", "name": "Field", "type": "input", **fields}
        )

    assert field in caught.value.errors


async def test_a_choice_type_over_no_stored_options_is_a_conflict(ctx: Ctx) -> None:
    field = await make_field(ctx, "Input 2", "input")

    # select alone is a valid type: the field's stored options (none) refuse it.
    with pytest.raises(Conflict) as stored:
        await custom_fields.update_custom_field(ctx, field["id"], {"type": "select"})
    with pytest.raises(Invalid) as sent:
        await custom_fields.update_custom_field(ctx, field["id"], {"type": "select", "options": ""})

    assert stored.value.field == "options" and "options" in sent.value.errors


async def test_a_definition_keeps_its_resource(ctx: Ctx) -> None:
    field = await make_field(ctx, "Input 1", "input")

    # leads is a valid resource; the values stored under invoices refuse the move.
    with pytest.raises(Conflict) as caught:
        await custom_fields.update_custom_field(ctx, field["id"], {"field_to": "leads"})
    renamed = await custom_fields.update_custom_field(ctx, field["id"], {"name": "PO number"})

    assert caught.value.field == "field_to"
    assert renamed["name"] == "PO number"


async def test_values_read_in_perfex_shape(db: Database, ctx: Ctx) -> None:
    f = await invoice_fields(ctx)
    await set_values(db, ctx, "invoice", 1, {
        f["Input 1"]["id"]: "input1 data",
        str(f["Number 1"]["id"]): 12,
        f["Select 1"]["slug"]: "Option 1",
        f["Multiselect 1"]["id"]: ["Option 1", " Option 2"],
        f["Checkbox 1"]["id"]: '["Option 1","Option 3"]',
        f["Datepicker 1"]["id"]: "2021-05-16",
        f["Datetime Picker 1"]["id"]: "2021-05-25T23:06",
        f["Colorpicker 1"]["id"]: "#8f1b1b",
        f["Hyperlink 1"]["id"]: '<a href="https://google.com" target="_blank">google</a>',
    })  # fmt: skip

    [values, untouched] = await custom_fields.custom_values_for(ctx, "invoices", [1, 2])

    by_label = {v["label"]: v for v in values}
    assert by_label["Input 1"] == {
        "field_name": f"custom_fields[invoice][{f['Input 1']['id']}]",
        "custom_field_id": f["Input 1"]["id"],
        "label": "Input 1",
        "required": False,
        "type": "input",
        "value": "input1 data",
    }
    assert by_label["Select 1"]["value"] == '["Option 1"]'
    assert by_label["Select 1"]["options"] == '["Option 1", "Option 2", "Option 3"]'
    assert json.loads(by_label["Multiselect 1"]["value"]) == ["Option 1", "Option 2"]
    assert json.loads(by_label["Checkbox 1"]["value"]) == ["Option 1", "Option 3"]
    assert [by_label[k]["value"] for k in ("Number 1", "Datepicker 1", "Datetime Picker 1")] == [
        "12", "2021-05-16", "2021-05-25 23:06:00",
    ]  # fmt: skip
    assert "options" not in by_label["Number 1"]
    assert [v["label"] for v in values] == list(f)  # form order
    assert {v["value"] for v in untouched} == {""}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Number 1", "twelve"),
        ("Select 1", "Option 9"),
        ("Select 1", ["Option 1", "Option 2"]),
        ("Multiselect 1", ["Option 1", "Nope"]),
        ("Datepicker 1", "16/05/2021"),
        ("Datetime Picker 1", "yesterday"),
        ("Colorpicker 1", "red"),
        ("Input 1", ["a", "b"]),
    ],
)
async def test_values_are_checked_by_type(db: Database, ctx: Ctx, name: str, value: Any) -> None:
    f = await invoice_fields(ctx)

    with pytest.raises(Invalid) as caught:
        await set_values(db, ctx, "invoices", 1, {f[name]["id"]: value})

    assert list(caught.value.errors) == [f"custom_fields[invoice][{f[name]['id']}]"]
    [values] = await custom_fields.custom_values_for(ctx, "invoices", [1])
    assert {v["value"] for v in values} == {""}


async def test_unknown_fields_and_other_resources_fields_are_refused(
    db: Database, ctx: Ctx
) -> None:
    lead_field = await make_field(ctx, "Budget", "number", field_to="leads")

    with pytest.raises(Invalid):
        await set_values(db, ctx, "invoices", 1, {lead_field["id"]: "1"})
    with pytest.raises(Invalid):
        await set_values(db, ctx, "invoices", 1, {"no_such_slug": "1"})


async def test_required_on_create_and_never_cleared(db: Database, ctx: Ctx) -> None:
    budget = await make_field(ctx, "Budget", "number", field_to="Leads", required=True)
    key = f"custom_fields[leads][{budget['id']}]"

    with pytest.raises(Invalid) as missing:
        await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    with pytest.raises(Invalid) as wrong:
        await leads.create_lead(ctx, {"name": "Jonas Weiss", "custom_fields": {budget["id"]: "x"}})
    given = {str(budget["id"]): "2500.50"}
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss", "custom_fields": given})
    with pytest.raises(Invalid) as cleared:
        await leads.update_lead(ctx, lead["id"], {"custom_fields": {budget["id"]: ""}})

    assert key in missing.value.errors and key in wrong.value.errors
    assert key in cleared.value.errors
    [[value]] = await custom_fields.custom_values_for(ctx, "leads", [lead["id"]])
    assert (value["value"], value["required"]) == ("2500.50", True)


async def test_empty_values_clear_and_search_finds_records(db: Database, ctx: Ctx) -> None:
    f = await invoice_fields(ctx)
    await set_values(db, ctx, "invoices", 1, {f["Input 1"]["id"]: "PO-7781"})
    await set_values(db, ctx, "invoices", 2, {f["Input 1"]["id"]: "PO-9000"})

    assert await custom_fields.search_custom_values(ctx, "invoice", "po-77") == [1]
    assert await custom_fields.search_custom_values(ctx, "invoice", "PO") == [1, 2]

    changed = await set_values(db, ctx, "invoices", 1, {f["Input 1"]["id"]: None})
    assert changed == {f"custom_fields[invoice][{f['Input 1']['id']}]": ""}
    assert await custom_fields.search_custom_values(ctx, "invoice", "po-77") == []


async def test_reading_values_takes_the_records_grant(db: Database, ctx: Ctx) -> None:
    await invoice_fields(ctx)

    def caller(*grants: str) -> Ctx:
        return Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                              grants=frozenset(grants)))  # fmt: skip

    assert await custom_fields.custom_values_for(caller("invoices:get"), "invoice", [1])
    with pytest.raises(Forbidden):
        await custom_fields.custom_values_for(caller("leads:get"), "invoice", [1])
    with pytest.raises(Forbidden):
        await custom_fields.create_custom_field(
            caller("custom_fields:get"), {"field_to": "leads", "name": "X", "type": "input"}
        )


async def test_perfex_nests_values_under_the_resource(ctx: Ctx) -> None:
    budget = await make_field(ctx, "Budget", "number", field_to="Leads")

    lead = await leads.create_lead(
        ctx, {"name": "Jonas Weiss", "custom_fields": {"leads": {str(budget["id"]): "75"}}}
    )
    with pytest.raises(Invalid) as caught:
        await leads.update_lead(ctx, lead["id"], {"custom_fields": {"invoice": {"1": "x"}}})

    [[value]] = await custom_fields.custom_values_for(ctx, "leads", [lead["id"]])
    assert value["value"] == "75"
    assert "custom_fields" in caught.value.errors


async def test_searching_a_resource_finds_its_custom_field_values(db: Database, ctx: Ctx) -> None:
    # Given two customers, one with a purchase order number kept in a custom field
    field = await make_field(ctx, "PO number", "input", field_to="Customers")
    tagged = await make_customer(ctx, company="Orbit Labs")
    await make_customer(ctx, company="Nimbus Foods")
    await set_values(db, ctx, "customers", tagged["id"], {field["id"]: "PO-7781"})

    # When customers are searched for that number, then the one holding it is found
    found = await list_records(ctx, CUSTOMERS, PageArgs(first=10), search="po-7781")
    assert [r["id"] for r in found.rows] == [tagged["id"]]

    # and once the field is switched off, its values find nothing
    await custom_fields.update_custom_field(ctx, field["id"], {"active": False})
    gone = await list_records(ctx, CUSTOMERS, PageArgs(first=10), search="po-7781")
    assert gone.rows == []
