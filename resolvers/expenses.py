"""Expenses: what the business spent, optionally billable to a customer or project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups, reference
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Conflict, Invalid, Missing, partly_stored, refusal
from resolvers.core.filtering import naming
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.patterns import FALSE_WORDS, any_word
from resolvers.core.records import fetch
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import Currency, Customer, Expense, PaymentMode, Project, Tax, table_of
from resolvers.projects.common import lister, settle

RESOURCE = "expenses"
belongs_to(RESOURCE, "expense_categories", "category_id")
relate(RESOURCE, "currency", Relation("currencies", "one", "currency_id"))
relate(RESOURCE, "tax", Relation("taxes", "one", "tax_id"))
relate(RESOURCE, "tax2", Relation("taxes", "one", "tax2_id"))
relate(RESOURCE, "payment_mode", Relation("payment_modes", "one", "payment_mode_id"))
belongs_to(RESOURCE, "customers", "customer_id")
belongs_to(RESOURCE, "projects", "project_id")
relate(RESOURCE, "invoice", Relation("invoices", "one", "invoice_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
expenses = table_of(Expense)
projects = table_of(Project)
payment_modes = table_of(PaymentMode)

CATEGORY_NOT_FOUND = "The Expense Category is not found."
RECURRING_TYPES = ("day", "week", "month", "year")


# Not recurring: left out, null, or false as pydantic's lax bool reads it.
_ONCE: JsonDict = {
    "anyOf": [{"type": "null"}, {"const": False}, {"const": 0},
              {"type": "string", "pattern": f"^(?:{any_word(FALSE_WORDS)})$"}]
}  # fmt: skip
# A recurring expense names how it repeats (`_columns` refuses one without).
REPEATS_BY: JsonDict = {
    "anyOf": [
        {"properties": {"recurring": _ONCE}},
        {"required": ["recurring_type"],
         "properties": {"recurring_type": {"enum": list(RECURRING_TYPES)}}},
    ]
}  # fmt: skip


class ExpenseFields(Fields):
    """Every writable expense field; updates send any subset."""

    model_config = ConfigDict(json_schema_extra=REPEATS_BY)

    name: str | None = Field(default=None, max_length=191)
    # A category id or its name.
    category: int | str | None = None
    # Above zero, checked by `_positive` with its own message; stated for the document.
    amount: Decimal | None = Field(
        default=None, max_digits=15, decimal_places=2, json_schema_extra={"exclusiveMinimum": 0}
    )
    date: dt.date | None = None
    # A currency id or its code ("USD"); the default currency when not given.
    currency: int | str | None = None
    tax_id: int | None = None
    tax2_id: int | None = None
    # A payment mode id or its name ("Bank").
    payment_mode: int | str | None = None
    reference_no: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=65_000)
    customer_id: int | None = None
    project_id: int | None = None
    billable: bool | None = None
    recurring: bool | None = None
    recurring_type: str | None = Field(default=None, pattern="^(day|week|month|year)$")
    repeat_every: int | None = Field(default=None, ge=0, le=1000)
    cycles: int | None = Field(default=None, ge=0)
    custom_fields: dict[int | str, Any] | None = None

    @field_validator("amount")
    @classmethod
    def _positive(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and value <= 0:
            raise PydanticCustomError("greater_than", "Amount must be greater than 0")
        return value


class ExpenseCreate(ExpenseFields):
    category: int | str
    amount: Decimal = Field(max_digits=15, decimal_places=2)
    date: dt.date


async def _category(ctx: Ctx, value: int | str | None) -> int:
    try:
        found = await lookups.expense_category_id(ctx, value)
    except Invalid:
        found = None
    if found is None:
        raise Invalid.field("category", CATEGORY_NOT_FOUND)
    return found


async def _payment_mode(ctx: Ctx, value: int | str | None) -> int | None:
    mode_id = await lookups.payment_mode_id(ctx, value)
    if mode_id is not None:
        async with ctx.db.read() as conn:
            mode = await fetch(conn, payment_modes, mode_id)
        if mode is None:
            raise Missing.field("payment_mode", f"no payment mode {mode_id}")
        if not mode["active"] or mode["invoices_only"]:
            # The mode exists; its stored state (off, or for invoices only) refuses it.
            raise Conflict("this payment mode is not for expenses", field="payment_mode")
    return mode_id


async def _columns(ctx: Ctx, data: ExpenseFields, before: Row | None) -> dict[str, Any]:
    given = data.model_dump(exclude_unset=True)
    skip = {"category", "currency", "payment_mode", "custom_fields"}
    values: dict[str, Any] = {k: v for k, v in given.items() if k not in skip}
    if "category" in given:
        values["category_id"] = await _category(ctx, given["category"])
    if "currency" in given:
        values["currency_id"] = await lookups.currency_id(ctx, given["currency"])
    elif before is None:
        values["currency_id"] = await lookups.default_id(ctx, Currency)
    if "payment_mode" in given:
        values["payment_mode_id"] = await _payment_mode(ctx, given["payment_mode"])
    for name in ("tax_id", "tax2_id"):
        # `is not None`: an id of 0 (or `false`, read as 0) names no tax and is refused.
        if values.get(name) is not None:
            await lookups.require_ids(ctx, Tax, [values[name]], name)
    if values.get("customer_id") is not None:
        await lookups.require_ids(ctx, Customer, [values["customer_id"]], "customer_id")
    required = ("amount", "date", "billable", "recurring", "repeat_every", "cycles")
    settle(values, required, ("name", "reference_no", "note"), "may not be empty")
    merged = {**(before or {}), **values}
    if merged.get("recurring") and not merged.get("recurring_type"):
        raise refusal(
            "recurring_type",
            "a recurring expense repeats by " + "/".join(RECURRING_TYPES),
            stored=partly_stored(before, values, "recurring", "recurring_type"),
        )
    if merged.get("recurring") and not merged.get("repeat_every"):
        values["repeat_every"] = 1
    await _check_project(ctx, values, before)
    return values


async def _check_project(ctx: Ctx, values: dict[str, Any], before: Row | None) -> None:
    """An expense on a project is the project customer's; a project alone names it."""
    project_id = values.get("project_id", before["project_id"] if before else None)
    if project_id is None:
        return
    async with ctx.db.read() as conn:
        project = await fetch(conn, projects, project_id)
    if project is None:
        raise Missing.field("project_id", f"unknown id(s): {project_id}")
    customer_id = values.get("customer_id", before["customer_id"] if before else None)
    if customer_id is None:
        values["customer_id"] = project["customer_id"]
    elif customer_id != project["customer_id"]:
        # Both ids name live records; the project's stored customer refuses the pair.
        raise Conflict("the project belongs to another customer", field="project_id")


def _parent(row: Row) -> tuple[str, int] | None:
    return ("customer", row["customer_id"]) if row["customer_id"] else None


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ExpenseFields)
    values = await _columns(ctx, fields, before)
    return values if before is not None else {"added_by_id": added_by(ctx), **values}


EXPENSES = register(
    Resource(
        name=RESOURCE,
        model=Expense,
        label="Expense",
        search=("name", "note", "reference_no"),
        verbs=soft_verbs(
            ExpenseCreate,
            ExpenseFields,
            "expense",
            values=_values,
            parent=_parent,
            created=lambda row: {"amount": row["amount"], "category_id": row["category_id"]},
        ),
    )
)


get_expense = getter(EXPENSES, __name__, "get_expense")
list_expenses = lister(
    EXPENSES, __name__, "customer_id", "project_id",
    category=lambda ctx, category: naming(
        expenses.c.category_id, lookups.expense_category_id(ctx, category)
    ),
    billable=lambda _, billable: expenses.c.billable.is_(billable),
    date_from=lambda _, day: expenses.c.date >= day,
    date_to=lambda _, day: expenses.c.date <= day,
)  # fmt: skip


list_expense_categories = reference.list_expense_categories


create_expense, update_expense, delete_expense, restore_expense = operations(EXPENSES)
