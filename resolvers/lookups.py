"""Reference lists: reading them, and turning the codes clients send into ids."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import Table, func, select
from sqlmodel import SQLModel

from resolvers.core.context import Ctx
from resolvers.core.errors import Missing
from resolvers.core.numbers import is_digits, whole_number
from resolvers.models import Country, Currency, model_of, table_of


async def _id_by(ctx: Ctx, table: Table, column: Any, value: Any) -> int | None:
    async with ctx.db.read() as conn:
        found = await conn.scalar(
            select(table.c.id).where(column == value, table.c.deleted_at.is_(None))
        )
    return None if found is None else int(found)


ByText = Callable[[Ctx, Table, str], Awaitable[int | None]]


async def _find(
    ctx: Ctx, table: Table, value: int | str | None, field: str, label: str, by_text: ByText
) -> int | None:
    """A row by id, or by the text `by_text` matches; 0 and "" mean none (Perfex)."""
    if value in (None, "", 0, "0"):
        return None
    if _is_id(value):
        found = await _by_number(ctx, table, value)
    else:
        found = await by_text(ctx, table, str(value).strip())
    if found is None:
        raise Missing.field(field, f"unknown {label} {value!r}")
    return found


async def _iso_code(ctx: Ctx, countries: Table, text: str) -> int | None:
    code = text.upper()
    column = countries.c.iso2 if len(code) == 2 else countries.c.iso3
    return await _id_by(ctx, countries, column, code)


async def _currency_code(ctx: Ctx, currencies: Table, text: str) -> int | None:
    return await _id_by(ctx, currencies, func.upper(currencies.c.name), text.upper())


async def _name(ctx: Ctx, table: Table, text: str) -> int | None:
    # Case-insensitively: "new" finds "New", "proposal_sent" finds "Proposal Sent".
    name = text.lower()
    async with ctx.db.read() as conn:
        row = await conn.scalar(
            select(table.c.id)
            .where(
                func.lower(table.c.name).in_({name, name.replace("_", " ").replace("-", " ")}),
                table.c.deleted_at.is_(None),
            )
            .order_by(table.c.id)
            .limit(1)
        )
    return None if row is None else int(row)


async def country_id(ctx: Ctx, value: int | str | None, field: str = "country") -> int | None:
    """A country by id, or by ISO alpha-2 / alpha-3 code."""
    return await _find(ctx, table_of(Country), value, field, "country", _iso_code)


async def currency_id(ctx: Ctx, value: int | str | None, field: str = "currency") -> int | None:
    return await _find(ctx, table_of(Currency), value, field, "currency", _currency_code)


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
        raise Missing.field(field, f"unknown id(s): {', '.join(map(str, missing))}")


def _is_id(value: int | str) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and is_digits(value.strip()))


async def _by_number(ctx: Ctx, table: Table, value: int | str) -> int | None:
    # An id past any the table can hold names nothing, without asking the database.
    number = whole_number(value)
    return None if number is None else await _id_by(ctx, table, table.c.id, number)


async def named_id(
    ctx: Ctx, model: type[SQLModel], value: int | str | None, field: str, label: str
) -> int | None:
    """A row of a named list by id or by name."""
    return await _find(ctx, table_of(model), value, field, label, _name)


class NamedId(Protocol):
    async def __call__(self, ctx: Ctx, value: int | str | None, field: str = ...) -> int | None:
        """The row's id; None for none (0 or ""); Missing naming `field` when unknown."""


def _named(table: str, field: str, label: str) -> NamedId:
    """The operation finding a row of the named list `table` (see `named_id`)."""

    async def find(ctx: Ctx, value: int | str | None, field: str = field) -> int | None:
        return await named_id(ctx, model_of(table), value, field, label)

    return find


lead_status_id = _named("lead_statuses", "status", "lead status")
lead_source_id = _named("lead_sources", "source", "lead source")
payment_mode_id = _named("payment_modes", "payment_mode", "payment mode")
expense_category_id = _named("expense_categories", "category", "expense category")


async def role_id(ctx: Ctx, value: int | str | None) -> int | None:
    # v2 and tech9 say "administrator" / "admin" for the Administrator role.
    if isinstance(value, str) and value.strip().lower() == "admin":
        value = "Administrator"
    return await named_id(ctx, model_of("roles"), value, "role", "role")


async def default_id(ctx: Ctx, model: type[SQLModel]) -> int | None:
    """The list's default row (is_default), else its first by order or id."""
    table = table_of(model)
    order: list[Any] = [table.c.id]
    if "status_order" in table.c:
        order.insert(0, table.c.status_order)
    if "is_default" in table.c:
        order.insert(0, table.c.is_default.desc())
    async with ctx.db.read() as conn:
        found = await conn.scalar(
            select(table.c.id).where(table.c.deleted_at.is_(None)).order_by(*order).limit(1)
        )
    return None if found is None else int(found)
