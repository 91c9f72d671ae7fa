"""Custom field definitions: which resource a field belongs to, its type and options."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid, partly_stored, refusal
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.permissions import require
from resolvers.core.records import live
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields
from resolvers.models import CustomField, table_of

RESOURCE = "custom_fields"
fields_table = table_of(CustomField)

# The resource each of Perfex's "belongs to" names means, and back again: Perfex keys
# values as custom_fields[<its name>][<field id>]. "company" is the CRM's own company.
PERFEX_NAMES = {
    "company": "company",
    "leads": "leads",
    "customers": "customers",
    "contacts": "contacts",
    "staff": "staff",
    "contracts": "contracts",
    "tasks": "tasks",
    "expenses": "expenses",
    "invoices": "invoice",
    "items": "items",
    "notes": "note",
    "estimates": "estimate",
    "proposals": "proposal",
    "projects": "projects",
    "tickets": "tickets",
    "credit_notes": "credit_note",
}
_ALIASES = {
    **{name: name for name in PERFEX_NAMES},
    **{perfex: name for name, perfex in PERFEX_NAMES.items()},
    **{name.rstrip("s"): name for name in PERFEX_NAMES},
}
TYPES = (
    "input", "number", "textarea", "select", "multiselect", "checkbox", "date_picker",
    "date_picker_time", "colorpicker", "link",
)  # fmt: skip
CHOICE_TYPES = ("select", "multiselect", "checkbox")


def belongs_to(value: str, field: str = "field_to") -> str:
    """The resource name for a "belongs to" value: "Invoice" -> invoices, "Leads" -> leads."""
    found = _ALIASES.get(value.strip().lower().replace(" ", "_"))
    if found is None:
        raise Invalid.field(
            field, f"unknown resource {value!r}: use one of {', '.join(PERFEX_NAMES)}"
        )
    return found


def field_name(field_to: str, field_id: int) -> str:
    return f"custom_fields[{PERFEX_NAMES[field_to]}][{field_id}]"


def spellings(field_to: str) -> tuple[str, ...]:
    """Every stored "belongs to" that means `field_to`: rows written by Perfex itself or
    an older seed say "invoice" where this gateway writes "invoices"."""
    return tuple(sorted({field_to, *(k for k, v in _ALIASES.items() if v == field_to)}))


def stored_options(text: str | None) -> list[str]:
    """Options as stored: a JSON list; a legacy comma-separated string (Perfex's own
    table, an older seed) reads as its parts, never as an error."""
    if not text or not text.strip():
        return []
    try:
        parsed: Any = json.loads(text)
    except ValueError:
        parsed = text.split(",")
    if isinstance(parsed, str):
        parsed = parsed.split(",")
    if not isinstance(parsed, list):
        parsed = [parsed]
    return list(dict.fromkeys(str(o).strip() for o in parsed if str(o).strip()))


def options_of(row: Mapping[str, Any]) -> list[str]:
    return stored_options(row["options"])


class CustomFieldFields(Fields):
    field_to: str | None = Field(default=None, min_length=1, max_length=30)
    name: str | None = Field(default=None, min_length=1, max_length=150)
    slug: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,150}$")
    type: str | None = None
    # A list, or one comma-separated string as Perfex's admin form sends it.
    options: list[str] | str | None = None
    required: bool | None = None
    field_order: int | None = None
    active: bool | None = None
    show_on_pdf: bool | None = None
    show_on_client_portal: bool | None = None


class CustomFieldCreate(CustomFieldFields):
    field_to: str = Field(min_length=1, max_length=30)
    name: str = Field(min_length=1, max_length=150)
    type: str


def _options(value: list[str] | str | None) -> list[str]:
    items = value.split(",") if isinstance(value, str) else (value or [])
    return list(dict.fromkeys(o.strip() for o in items if o.strip()))


def _columns(data: CustomFieldFields, before: Row | None) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True)
    # A null reaches the write, which refuses it by name (resolvers.core.nulls).
    if values.get("field_to") is not None:
        values["field_to"] = belongs_to(values["field_to"])
        if before is not None and values["field_to"] != before["field_to"]:
            # Any resource is a valid value; the values stored under the old one refuse it.
            raise Conflict("cannot be changed: the values belong to the old one", "field_to")
    if "type" in values and values["type"] not in TYPES:
        raise Invalid.field("type", f"must be one of {', '.join(TYPES)}")
    kind = values.get("type") or (before["type"] if before else "")
    if "options" in values:
        values["options"] = json.dumps(_options(values["options"]))
    options = stored_options(values.get("options") or (before["options"] if before else ""))
    if kind in CHOICE_TYPES and not options:
        stored = partly_stored(before, values, "type", "options")
        raise refusal("options", f"a {kind} field needs at least one option", stored=stored)
    if kind not in CHOICE_TYPES:
        values["options"] = ""
    for key in ("required", "active", "show_on_pdf", "show_on_client_portal", "field_order"):
        if key in values and values[key] is None:
            raise Invalid.field(key, "may not be empty")
    return values


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "field"


async def _slug(conn: AsyncConnection, wanted: str | None, field_to: str, name: str,
                record_id: int | None) -> str:  # fmt: skip
    """The given slug if free, else Perfex's <resource>_<name>, numbered when taken."""
    base = wanted or f"{PERFEX_NAMES[field_to]}_{_slugify(name)}"[:140]
    taken = set(
        (
            await conn.execute(
                select(fields_table.c.slug).where(
                    fields_table.c.slug.startswith(base, autoescape=True),
                    fields_table.c.id != (record_id or 0),
                )
            )
        ).scalars()
    )
    if base not in taken:
        return base
    if wanted:
        raise Conflict(f"The slug {wanted!r} is already in use", field="slug")
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


async def list_custom_fields(ctx: Ctx, field_to: str | None = None) -> list[Row]:
    """Live definitions, of one resource when given, in form order."""
    require(ctx.principal, RESOURCE, "get")
    query = select(fields_table).where(live(fields_table))
    if field_to is not None:
        query = query.where(fields_table.c.field_to.in_(spellings(belongs_to(field_to))))
    order = (fields_table.c.field_to, fields_table.c.field_order, fields_table.c.id)
    async with ctx.db.read() as conn:
        return [r._mapping for r in await conn.execute(query.order_by(*order))]


async def _field_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, CustomFieldFields)
    values = _columns(fields, before)
    if before is None:
        values["slug"] = await _slug(
            conn, values.get("slug"), values["field_to"], values["name"], None
        )
    elif "slug" in values:
        values["slug"] = await _slug(
            conn, values["slug"], before["field_to"], before["name"], before["id"]
        )
    return values


# A delete soft-deletes the definition; its values stay, unseen, until it is restored.
CUSTOM_FIELDS = register(
    Resource(
        name=RESOURCE,
        model=CustomField,
        label="Custom field",
        search=("name", "slug"),
        verbs=soft_verbs(
            CustomFieldCreate,
            CustomFieldFields,
            "custom_field",
            values=_field_values,
            created=lambda row: {"field_to": row["field_to"], "name": row["name"]},
        ),
    )
)
get_custom_field = getter(CUSTOM_FIELDS, __name__, "get_custom_field")
# The ordinary verbs, as service operations; GraphQL generates its own.
create_custom_field, update_custom_field, delete_custom_field, restore_custom_field = operations(
    CUSTOM_FIELDS
)
