"""Custom fields stored the legacy way (Perfex's own table, the old demo seed): a
"belongs to" of "invoice", options as a comma string, a choice value as plain text.
Readers take them as what they mean; nothing a stored row holds answers a 500."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from gateway.database import Database
from resolvers import custom_fields
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.custom_fields.resource import stored_options
from resolvers.models import CustomField, CustomFieldValue, table_of
from tests.factories import make_customer


async def legacy_field(db: Database, ctx: Ctx, options: str, value: str) -> tuple[int, int]:
    customer = int((await make_customer(ctx))["id"])
    async with db.write() as conn:
        field = await conn.execute(
            insert(table_of(CustomField)).values(
                field_to="invoice", name="Cost Center", slug="invoice_cost_center",
                type="select", options=options,
            )
        )  # fmt: skip
        field_id = int(field.inserted_primary_key[0])
        await conn.execute(
            insert(table_of(CustomFieldValue)).values(
                field_id=field_id, field_to="invoice", rel_id=customer, value=value
            )
        )
    return field_id, customer


async def test_legacy_rows_read_as_what_they_mean(db: Database, ctx: Ctx) -> None:
    field_id, rel_id = await legacy_field(db, ctx, "Operations,IT, Finance", "IT")

    [[shaped]] = await custom_fields.custom_values_for(ctx, "invoices", [rel_id])
    listed = await custom_fields.list_custom_fields(ctx, "Invoice")

    assert json.loads(shaped["options"]) == ["Operations", "IT", "Finance"]
    assert json.loads(shaped["value"]) == ["IT"]
    assert [f["id"] for f in listed] == [field_id]
    assert await custom_fields.search_custom_values(ctx, "invoices", "it") == [rel_id]


async def test_a_legacy_choice_field_takes_new_values(db: Database, ctx: Ctx) -> None:
    field_id, rel_id = await legacy_field(db, ctx, "Operations,IT", "IT")
    async with db.write() as conn:
        stored = await custom_fields.set_custom_values(
            conn, ctx, "invoices", rel_id, {str(field_id): "Operations"}
        )
    assert list(stored.values()) == ['["Operations"]']


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ('["A", "B"]', ["A", "B"]),
        ("A,B", ["A", "B"]),
        ('"A,B"', ["A", "B"]),
        ("[", ["["]),
        ('{"a": 1}', ["{'a': 1}"]),
        ("7", ["7"]),
        ("", []),
        (None, []),
    ],
)
def test_stored_options_never_fail(text: str | None, options: list[str]) -> None:
    assert stored_options(text) == options


async def test_field_keys_in_other_scripts_name_no_field(db: Database, ctx: Ctx) -> None:
    _, rel_id = await legacy_field(db, ctx, "A,B", "A")
    for key in ("²", "٣", "9" * 5000):
        async with db.write() as conn:
            with pytest.raises(Invalid):
                await custom_fields.set_custom_values(conn, ctx, "invoices", rel_id, {key: "A"})
