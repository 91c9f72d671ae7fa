"""Custom field values: written inside another record's transaction, read in batches
in the shape Perfex's GET /api/custom_fields/{belongs_to}/{id} documents."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.numbers import is_digits, whole_number
from resolvers.core.permissions import RESOURCES, require
from resolvers.core.records import live
from resolvers.core.searching import search_words, word_in
from resolvers.custom_fields.resource import (
    CHOICE_TYPES,
    RESOURCE,
    belongs_to,
    field_name,
    fields_table,
    options_of,
    spellings,
    stored_options,
)
from resolvers.models import CustomFieldValue, table_of
from resolvers.models.types import utcnow

values_table = table_of(CustomFieldValue)
_COLOR = re.compile(r"^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$")


def _grant(field_to: str) -> str:
    """Reading a record's values takes the right to read the record."""
    return field_to if field_to in RESOURCES else RESOURCE


async def _definitions(conn: AsyncConnection, field_to: str) -> list[Row]:
    query = (
        select(fields_table)
        .where(
            fields_table.c.field_to.in_(spellings(field_to)),
            fields_table.c.active,
            live(fields_table),
        )
        .order_by(fields_table.c.field_order, fields_table.c.id)
    )
    return [r._mapping for r in await conn.execute(query)]


def _choices(raw: Any) -> list[str]:
    """A list, a JSON list ("[\\"A\\",\\"B\\"]"), or a comma-separated string."""
    if isinstance(raw, str) and raw.strip().startswith("["):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ValueError("is not a list of options") from None
    items = raw.split(",") if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise ValueError("is not a list of options")
    return list(dict.fromkeys(str(i).strip() for i in items if str(i).strip()))


def coerce(definition: Mapping[str, Any], raw: Any) -> str:
    """The stored text for a value of this field; "" clears it. ValueError says why not."""
    kind = definition["type"]
    if raw is None or raw == "" or raw == []:
        return ""
    if kind in CHOICE_TYPES:
        chosen = _choices(raw)
        unknown = [c for c in chosen if c not in options_of(definition)]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} is not one of the options")
        if kind == "select" and len(chosen) > 1:
            raise ValueError("takes one option")
        return json.dumps(chosen) if chosen else ""
    if isinstance(raw, list | dict):
        raise ValueError("must be a single value")
    text = str(raw).strip()
    if kind == "number":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError("must be a number") from None
        if not number.is_finite():
            raise ValueError("must be a number")
        return text
    if kind == "date_picker":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("must be a date (YYYY-MM-DD)") from None
    if kind == "date_picker_time":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError("must be a date and time (YYYY-MM-DD HH:MM:SS)") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    if kind == "colorpicker" and not _COLOR.match(text):
        raise ValueError("must be a colour like #8f1b1b")
    return text


def _unwrap(field_to: str, values: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """Perfex's form nests values under the resource: {"leads": {"3": "x"}}."""
    if len(values) == 1:
        [(owner, inner)] = values.items()
        if isinstance(inner, Mapping):
            if belongs_to(str(owner), "custom_fields") != field_to:
                raise Invalid.field(
                    "custom_fields", f"{owner!r} fields do not belong to {field_to}"
                )
            return inner
    return values


def _find(definitions: Sequence[Row], key: int | str) -> Row | None:
    if isinstance(key, int) or (isinstance(key, str) and is_digits(key.strip())):
        number = whole_number(key)
        return next((d for d in definitions if d["id"] == number), None)
    return next((d for d in definitions if d["slug"] == key), None)


async def set_custom_values(
    conn: AsyncConnection,
    ctx: Ctx,
    field_to: str,
    rel_id: int,
    values: Mapping[int | str, Any],
    *,
    creating: bool = False,
) -> dict[str, str]:
    """Validate and store a record's custom values inside the caller's transaction.

    Keys are field ids or slugs; an empty value clears one. On create every required
    field needs a value. Returns {field_name: stored value} for the caller's event.
    """
    field_to = belongs_to(field_to)
    values = _unwrap(field_to, values)
    definitions = await _definitions(conn, field_to)
    chosen: dict[int, tuple[Row, str]] = {}
    errors: dict[str, str] = {}
    for key, raw in values.items():
        definition = _find(definitions, key)
        if definition is None:
            errors[f"custom_fields[{key}]"] = f"no active custom field {key!r} on {field_to}"
            continue
        try:
            chosen[definition["id"]] = (definition, coerce(definition, raw))
        except ValueError as exc:
            errors[field_name(field_to, definition["id"])] = f"{definition['name']} {exc}"
    for definition in definitions:
        given = chosen.get(definition["id"])
        missing = given[1] == "" if given else creating
        if definition["required"] and missing:
            errors[field_name(field_to, definition["id"])] = f"{definition['name']} is required"
    if errors:
        raise Invalid(errors, next(iter(errors.values())))
    await _store(conn, field_to, rel_id, {i: text for i, (_, text) in chosen.items()})
    return {field_name(field_to, i): text for i, (_, text) in chosen.items()}


async def _store(conn: AsyncConnection, field_to: str, rel_id: int, texts: dict[int, str]) -> None:
    if not texts:
        return
    existing = set(
        (
            await conn.execute(
                select(values_table.c.field_id).where(
                    values_table.c.rel_id == rel_id, values_table.c.field_id.in_(texts)
                )
            )
        ).scalars()
    )
    now = utcnow()
    for field_id, text in texts.items():
        if field_id in existing:
            await conn.execute(
                update(values_table)
                .where(values_table.c.field_id == field_id, values_table.c.rel_id == rel_id)
                .values(value=text, updated_at=now, deleted_at=None)
            )
        else:
            await conn.execute(
                values_table.insert().values(
                    field_id=field_id, field_to=field_to, rel_id=rel_id, value=text,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip


def _shape(field_to: str, definition: Row, value: str) -> dict[str, Any]:
    shaped: dict[str, Any] = {
        "field_name": field_name(field_to, definition["id"]),
        "custom_field_id": definition["id"],
        "label": definition["name"],
        "required": definition["required"],
        "type": definition["type"],
        "value": value,
    }
    if definition["type"] in CHOICE_TYPES:
        shaped["options"] = json.dumps(options_of(definition))
        shaped["value"] = json.dumps(stored_options(value)) if value else ""
    return shaped


async def custom_values_for(
    ctx: Ctx, field_to: str, rel_ids: Sequence[int]
) -> list[list[dict[str, Any]]]:
    """Batch function: every active field of the resource with each record's value
    ("" when unset), in key order."""
    field_to = belongs_to(field_to)
    require(ctx.principal, _grant(field_to), "get")
    async with ctx.db.read() as conn:
        definitions = await _definitions(conn, field_to)
        rows = await conn.execute(
            select(values_table.c.field_id, values_table.c.rel_id, values_table.c.value).where(
                values_table.c.field_to.in_(spellings(field_to)),
                values_table.c.rel_id.in_(set(rel_ids)),
                live(values_table),
            )
        )
        stored = {(r.rel_id, r.field_id): r.value for r in rows}
    return [
        [_shape(field_to, d, stored.get((rel_id, d["id"]), "")) for d in definitions]
        for rel_id in rel_ids
    ]


async def search_custom_values(ctx: Ctx, field_to: str, term: str) -> list[int]:
    """Ids of the resource's records with an active field value holding every word of
    the term (the one search rule, `resolvers.core.searching`)."""
    field_to = belongs_to(field_to)
    require(ctx.principal, _grant(field_to), "search")
    words = search_words(term)
    if not words:
        return []
    query = (
        select(values_table.c.rel_id)
        .join(fields_table, fields_table.c.id == values_table.c.field_id)
        .where(
            values_table.c.field_to.in_(spellings(field_to)),
            *(word_in(values_table.c.value, word) for word in words),
            live(values_table),
            live(fields_table),
            fields_table.c.active,
        )
        .distinct()
        .order_by(values_table.c.rel_id)
    )
    async with ctx.db.read() as conn:
        return [int(i) for i in (await conn.execute(query)).scalars()]
