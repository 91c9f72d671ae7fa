"""A line's taxes as clients send them: a list of at most two, each a tax id or a tax
name (Perfex writes "CGST|9.00": the name before the bar). The cap lives here once,
whichever transport the list came through; the first tax fills the line's tax_id, the
second its tax2_id, and [] clears both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.errors import Invalid
from resolvers.core.exclusive import NotBoth
from resolvers.core.numbers import is_digits, whole_number
from resolvers.core.records import live
from resolvers.models import Tax, table_of

MAX_TAXES = 2
taxes = table_of(Tax)
# The slots a line's `taxes` fills: a line names its taxes one way or the other.
SLOTS = ("tax_id", "tax2_id")
# That rule (spread's), declared for the line's model: `taxes` beside either slot, even
# a null one, is refused.
ONE_WAY = tuple(
    NotBoth("taxes", slot, "give taxes or tax_id/tax2_id, not both", named="taxes",
            null_counts=("taxes", slot)) for slot in SLOTS
)  # fmt: skip


def distinct(value: Any) -> Any:
    """The list as sent, which names no value twice as its schema's uniqueItems reads it
    (1 and 1.0 alike, 1 and "1" not): "no tax" twice too, which `capped` drops unseen."""
    if not isinstance(value, list):
        return value
    seen: set[tuple[str, Any]] = set()
    for item in value:
        if not isinstance(item, str | int | float):
            continue  # refused by its type
        key = (type(item).__name__ if isinstance(item, str | bool) else "number", item)
        if key in seen:
            raise PydanticCustomError("unique_items", "names the same tax twice")
        seen.add(key)
    return value


def capped(value: list[int | str] | None) -> list[int | str] | None:
    """The taxes a line names, "no tax" entries (0, "0", "") left out; more than two is
    refused."""
    if value is None:
        return None
    named = [v for v in value if str(v).strip() not in ("", "0")]
    if len(named) > MAX_TAXES:
        raise ValueError(f"a line takes at most {MAX_TAXES} taxes")
    return named


async def _tax_id(conn: AsyncConnection, value: int | str, field: str) -> int:
    text = str(value).strip()
    if isinstance(value, int) or is_digits(text):
        number = whole_number(value)
        found = None
        if number is not None:
            found = await conn.scalar(select(taxes.c.id).where(taxes.c.id == number, live(taxes)))
    else:
        name = text.split("|")[0].strip().lower()
        found = await conn.scalar(
            select(taxes.c.id)
            .where(func.lower(taxes.c.name) == name, live(taxes))
            .order_by(taxes.c.id)
            .limit(1)
        )
    if found is None:
        raise Invalid.field(field, f"no tax {value!r}")
    return int(found)


async def spread(
    conn: AsyncConnection, lines: Sequence[tuple[str, dict[str, Any], dict[str, Any]]]
) -> None:
    """Each (path, given, values) line that names `taxes` gets them as its two tax slots."""
    for path, given, values in lines:
        if "taxes" not in given:
            continue
        field = f"{path}.taxes"
        for rule in ONE_WAY:
            rule.check(given, f"{path}.")
        sent = given.pop("taxes") or []
        values.pop("taxes", None)
        ids = [await _tax_id(conn, value, field) for value in sent]
        if len(set(ids)) < len(ids):
            raise Invalid.field(field, "names the same tax twice")
        slots = dict(zip(SLOTS, [*ids, None, None], strict=False))
        given.update(slots)
        values.update(slots)
