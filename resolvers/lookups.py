"""Reference lists: reading them, and turning the codes clients send into ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlmodel import SQLModel

from resolvers.context import Ctx
from resolvers.errors import Invalid
from resolvers.models import Country, Currency, table_of


async def _id_by(ctx: Ctx, table: Table, column: Any, value: Any) -> int | None:
    async with ctx.db.read() as conn:
        found = await conn.scalar(
            select(table.c.id).where(column == value, table.c.deleted_at.is_(None))
        )
    return None if found is None else int(found)


async def country_id(ctx: Ctx, value: int | str | None, field: str = "country") -> int | None:
    """A country by id, or by ISO alpha-2 / alpha-3 code; 0 and "" mean none (Perfex)."""
    if value in (None, "", 0, "0"):
        return None
    countries = table_of(Country)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = await _id_by(ctx, countries, countries.c.id, int(value))
    else:
        code = value.strip().upper()
        column = countries.c.iso2 if len(code) == 2 else countries.c.iso3
        found = await _id_by(ctx, countries, column, code)
    if found is None:
        raise Invalid.field(field, f"unknown country {value!r}")
    return found


async def currency_id(ctx: Ctx, value: int | str | None, field: str = "currency") -> int | None:
    if value in (None, "", 0, "0"):
        return None
    currencies = table_of(Currency)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = await _id_by(ctx, currencies, currencies.c.id, int(value))
    else:
        found = await _id_by(ctx, currencies, func.upper(currencies.c.name), value.strip().upper())
    if found is None:
        raise Invalid.field(field, f"unknown currency {value!r}")
    return found


async def require_ids(ctx: Ctx, model: type[SQLModel], ids: Sequence[int], field: str) -> None:
    """Refuse ids that name no live row, so a bad reference is a 4xx, not a constraint error."""
    if not ids:
        return
    table = table_of(model)
    async with ctx.db.read() as conn:
        found = set(
            (
                await conn.execute(
                    select(table.c.id).where(table.c.id.in_(set(ids)), table.c.deleted_at.is_(None))
                )
            )
            .scalars()
            .all()
        )
    missing = sorted(set(ids) - found)
    if missing:
        raise Invalid.field(field, f"unknown id(s): {', '.join(map(str, missing))}")
