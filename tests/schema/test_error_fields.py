"""A userError names the field as the client wrote it: each part of a path camel-cased,
the keys inside brackets (table names, global ids) as they were."""

from __future__ import annotations

from resolvers.core.errors import Conflict, Invalid
from schema.errors import user_errors


def test_a_nested_path_is_camel_cased_part_by_part() -> None:
    errors = user_errors(Invalid({"line_items.0.item_id": "no such item"}))
    assert [(e.field, e.code) for e in errors] == [("lineItems.0.itemId", "INVALID")]


def test_bracketed_keys_keep_their_case() -> None:
    errors = user_errors(Invalid({"custom_fields[leads][3]": "required"}))
    assert [e.field for e in errors] == ["customFields[leads][3]"]


def test_a_conflict_names_its_field_camel_cased() -> None:
    errors = user_errors(Conflict("taken", field="billing_country"))
    assert [(e.field, e.code, e.message) for e in errors] == [
        ("billingCountry", "CONFLICT", "taken")
    ]
