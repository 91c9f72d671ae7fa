"""What invoices, estimates and credit notes share: a customer, a number, addresses,
a currency, lines and figures. Each writer runs these inside its own transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import replace
from functools import partial
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import ColumnElement, Table, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers import lookups, numbering
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.records import insert_row, live, must_fetch, update_row
from resolvers.core.resources import Hooks, Verbs
from resolvers.core.searching import search_words, word_in
from resolvers.line_items.figures import discount_of, figures
from resolvers.line_items.inputs import (
    EDITS,
    MAX_ITEMS,
    AddressFields,
    LineItemInput,
    NewLineInput,
    PricedFields,
)
from resolvers.line_items.store import ItemChanges, Kind, apply_items, stored_items
from resolvers.models import Currency, Customer, Project, table_of

customers = table_of(Customer)
projects = table_of(Project)

# The records a document's columns may name: column -> (model, label).
References = Mapping[str, tuple[type[SQLModel], str]]
LINE_FIELDS = {"items", *EDITS}
FIGURE_FIELDS = {"discount_type", "discount_percent", "discount_total", "adjustment",
                 "subtotal", "total_tax", "total"}  # fmt: skip
BILLING = ("billing_street", "billing_city", "billing_state", "billing_zip", "billing_country_id")
SHIPPING = ("shipping_street", "shipping_city", "shipping_state", "shipping_zip",
            "shipping_country_id")  # fmt: skip
# The customer's main address stands in for a billing address it never filled in.
MAIN_ADDRESS = dict(zip(BILLING, ("address", "city", "state", "zip", "country_id"), strict=True))


class NumberedFields(PricedFields, AddressFields):
    # An invoice, estimate or credit note always has a line (apply_items): a list of
    # them is never empty.
    items: list[LineItemInput] | None = Field(default=None, min_length=1, max_length=MAX_ITEMS)
    new_items: list[NewLineInput] | None = Field(default=None, min_length=1, max_length=MAX_ITEMS)

    @field_validator("items", "new_items")
    @classmethod
    def _given(cls, value: list[Any] | None) -> list[Any] | None:
        # A null is no list of lines: the lines are sent, or left out (stated in
        # gateway.body_rules.NULL_REFUSED).
        if value is None:
            raise ValueError("send the lines, or leave the field out")
        return value

    customer_id: int | None = None
    project_id: int | None = None
    # 42, "42" or "INV-000042"; the next free number when left out.
    number: int | str | None = None
    prefix: str | None = Field(default=None, max_length=20)
    date: dt.date | None = None
    client_note: str | None = Field(default=None, max_length=65_000)
    admin_note: str | None = Field(default=None, max_length=65_000)
    terms: str | None = Field(default=None, max_length=65_000)


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


async def columns(
    ctx: Ctx, table: Table, fields: BaseModel, *, skip: Iterable[str] = ()
) -> dict[str, Any]:
    """The plain column values a client gave, codes resolved to ids; lines, figures and
    anything in `skip` are left to the caller."""
    given = fields.model_dump(exclude_unset=True)
    left_out = LINE_FIELDS | FIGURE_FIELDS | {"custom_fields"} | set(skip)
    values: dict[str, Any] = {}
    for name, value in given.items():
        # No number or date means the next number and today on create, no change on update.
        if name in left_out or (name in ("number", "date") and value is None):
            continue
        if name == "currency":
            values["currency_id"] = await lookups.currency_id(ctx, value, name)
        elif name in ("country", "billing_country", "shipping_country"):
            values[f"{name}_id"] = await lookups.country_id(ctx, value, name)
        else:
            # A null clears the field (resolvers.core.nulls decides what that stores).
            values[name] = value
    if "number" in values:
        prefix, values["number"] = numbering.parse_number(values["number"])
        if prefix is not None and "prefix" not in values:
            values["prefix"] = prefix
    return values


async def default_currency(conn: AsyncConnection, customer: Row | None) -> int | None:
    if customer is not None and customer["default_currency_id"] is not None:
        return int(customer["default_currency_id"])
    currencies = table_of(Currency)
    found = await conn.scalar(
        select(currencies.c.id)
        .where(live(currencies))
        .order_by(currencies.c.is_default.desc(), currencies.c.id)
        .limit(1)
    )
    return None if found is None else int(found)


def customer_addresses(customer: Row, values: Mapping[str, Any]) -> dict[str, Any]:
    """The customer's billing and shipping addresses for each group the client left out."""
    copied: dict[str, Any] = {}
    if not any(name in values for name in BILLING):
        own = bool(customer["billing_street"])
        copied.update({n: customer[n if own else MAIN_ADDRESS[n]] for n in BILLING})
    if not any(name in values for name in SHIPPING):
        copied.update({n: customer[n] for n in SHIPPING})
        copied.setdefault("include_shipping", bool(customer["shipping_street"]))
    return {k: v for k, v in copied.items() if k not in values}


async def check_project(conn: AsyncConnection, project_id: int | None, customer_id: int) -> None:
    if project_id is None:
        return
    project = await must_fetch(conn, projects, project_id, "project", "project_id")
    if project["customer_id"] != customer_id:
        # Both ids name live records; the project's stored customer refuses the pair.
        raise Conflict(f"project {project_id} belongs to another customer", field="project_id")


async def create_document(
    conn: AsyncConnection, kind: Kind, fields: NumberedFields, values: dict[str, Any]
) -> tuple[Row, list[Row]]:
    """Insert the document with its number, customer defaults, lines and figures."""
    customer_id = values.get("customer_id")
    if customer_id is None:
        raise Invalid.field("customer_id", "is required")
    customer = await must_fetch(conn, customers, customer_id, "customer", "customer_id")
    await check_project(conn, values.get("project_id"), customer_id)
    if values.get("currency_id") is None:
        values["currency_id"] = await default_currency(conn, customer)
    values.update(customer_addresses(customer, values))
    values["number"] = await numbering.assign_number(
        conn, kind.table, kind.label, values.get("number")
    )
    values.setdefault("prefix", numbering.PREFIXES[kind.resource])
    values["date"] = values.get("date") or today()
    values["hash"] = secrets.token_hex(16)
    row = await insert_row(conn, kind.table, values)
    lines, _ = await apply_items(conn, kind, int(row["id"]), fields)
    row = await update_row(conn, kind.table, int(row["id"]), figures(lines, discount_of(fields)))
    return row, lines


async def update_document(
    conn: AsyncConnection, kind: Kind, doc_id: int, fields: NumberedFields, values: dict[str, Any]
) -> tuple[Row, Row, ItemChanges | None]:
    """Apply an update; returns the row before, the row after and what the lines did."""
    before = await must_fetch(conn, kind.table, doc_id, kind.label)
    # The id given is the one checked: 0 names no customer (it is not "keep the old one").
    given = values.get("customer_id")
    customer_id = int(before["customer_id"] if given is None else given)
    if given is not None and given != before["customer_id"]:
        await must_fetch(conn, customers, customer_id, "customer", "customer_id")
    if "customer_id" in values or values.get("project_id") is not None:
        await check_project(conn, values.get("project_id", before["project_id"]), customer_id)
    if "number" in values:
        values["number"] = await numbering.assign_number(
            conn, kind.table, kind.label, values["number"], record_id=doc_id
        )
    changes = None
    if fields.changes_items():
        lines, changes = await apply_items(conn, kind, doc_id, fields)
    else:
        lines = await stored_items(conn, kind, doc_id)
    values.update(figures(lines, discount_of(fields, before)))
    return before, await update_row(conn, kind.table, doc_id, values), changes


async def store_document(
    kind: Kind,
    conn: AsyncConnection,
    ctx: Ctx,
    fields: BaseModel,
    values: dict[str, Any],
    before: Row | None,
) -> tuple[Row, dict[str, Any]]:
    """The generic verbs' `store` for a numbered document of `kind`: the row with its
    number, lines and figures; on update the event adds what the lines did."""
    assert isinstance(fields, NumberedFields)
    if before is None:
        row, _ = await create_document(conn, kind, fields, values)
        kind.check_dates(row)
        return row, {}
    given = list(values)
    _, row, lines = await update_document(conn, kind, int(before["id"]), fields, values)
    kind.check_dates(row, given)
    return row, ({} if lines is None else {"items": lines.summary()})


def document_verbs(
    kind: Kind, create: type[BaseModel], update: type[BaseModel], hooks: Hooks, *, initial: int
) -> Verbs:
    """A priced document's ordinary verbs: soft delete and restore; a new one names its
    author and has the `initial` status unless the client gives one; events named for it
    (invoice.created) and filed under its customer, the created one carrying its number,
    total and status; its row written by `store_document`; unless `hooks` say otherwise."""
    domain_values = hooks.values

    async def values(
        conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
    ) -> dict[str, Any]:
        if domain_values is None:
            own = await columns(ctx, kind.table, fields)
        else:
            own = await domain_values(conn, ctx, fields, before)
        if before is not None:
            return own
        return {"added_by_id": added_by(ctx), "status": initial, **own}

    own = replace(
        hooks,
        values=values,
        store=hooks.store or partial(store_document, kind),
        parent=hooks.parent or customer_parent,
        created=hooks.created or summary,
    )
    return Verbs(create=create, update=update, delete=True, restore=True, event=kind.singular,
                 hooks=own)  # fmt: skip


async def check_references(
    conn: AsyncConnection, values: Mapping[str, Any], references: References
) -> None:
    """Each record the values name exists, or the write is refused on its column."""
    for column, (model, label) in references.items():
        if values.get(column) is not None:
            await must_fetch(conn, table_of(model), values[column], label, column)


def added_by(ctx: Ctx) -> int | None:
    """The staff member writing, whom a new document names as its author."""
    return None if ctx.principal is None else ctx.principal.staff_id


def customer_parent(row: Row) -> tuple[str, int]:
    """Where a customer's document files its events."""
    return ("customer", int(row["customer_id"]))


def summary(row: Row) -> dict[str, Any]:
    """What a document's created event carries."""
    return {"number": row["number"], "total": row["total"], "status": row["status"]}


def search_scope(table: Table, term: str, text_columns: Sequence[str]) -> list[ColumnElement[bool]]:
    """Each word must match a text column, the customer's company, or the number
    ("42", "INV-000042")."""
    clauses: list[ColumnElement[bool]] = []
    for word in search_words(term):
        options: list[ColumnElement[bool]] = [word_in(table.c[c], word) for c in text_columns]
        companies = select(customers.c.id).where(word_in(customers.c.company, word))
        options.append(table.c.customer_id.in_(companies))
        # A word that is not a document number simply matches no number.
        with suppress(Invalid):
            options.append(table.c.number == numbering.parse_number(word)[1])
        clauses.append(or_(*options))
    return clauses
