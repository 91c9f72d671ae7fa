"""A proposal's own rules around the ordinary verbs: whom it is for (a customer or a lead,
whose details it copies), its lines and figures, and its dates."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import exclusive
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.exclusive import NotBoth
from resolvers.core.records import insert_row, live, must_fetch, update_row
from resolvers.core.resources import Hooks
from resolvers.line_items import (
    Kind,
    PricedFields,
    Tags,
    apply_items,
    discount_of,
    figures,
    stored_items,
)
from resolvers.line_items.documents import (
    check_references,
    columns,
    default_currency,
    document_verbs,
    today,
)
from resolvers.models import Contact, Customer, Lead, Proposal, ProposalItem, Staff, table_of

KIND = Kind("Proposal", Proposal, ProposalItem, until="open_till")
RESOURCE = KIND.resource
customers, leads, contacts = table_of(Customer), table_of(Lead), table_of(Contact)
CONTACT_FIELDS = ("proposal_to", "email", "phone", "address", "city", "state", "zip",
                  "country_id")  # fmt: skip
REL_COLUMN = {"customer": "customer_id", "lead": "lead_id"}

# Perfex's codes.
OPEN, DECLINED, ACCEPTED, SENT, REVISED, DRAFT = 1, 2, 3, 4, 5, 6


class ProposalFields(PricedFields):
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    content: str | None = Field(default=None, max_length=1_000_000)
    # Whom it is for: a customer (customer_id) or a lead (lead_id), exactly one.
    rel_type: Literal["customer", "lead"] | None = None
    customer_id: int | None = None
    lead_id: int | None = None
    # Perfex's rel_id: the id of whichever record rel_type (given or stored) names.
    rel_id: int | None = None
    # Left out: taken from the customer or lead.
    proposal_to: str | None = Field(default=None, max_length=191)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=191)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=100)
    zip: str | None = Field(default=None, max_length=20)
    # A country id or ISO code.
    country: int | str | None = None
    date: dt.date | None = None
    open_till: dt.date | None = None
    status: int | None = Field(default=None, ge=OPEN, le=DRAFT)
    assigned_id: int | None = None
    allow_comments: bool | None = None
    tags: Tags = None


# rel_id is the party's id under rel_type's name: a body naming it under its own name too
# says it twice (tech9's rel_id beside customer_id), so not both.
PARTY_NAMED_ONCE = exclusive.declare(
    ProposalFields,
    *(NotBoth("rel_id", column, f"give rel_id or {column}, not both", named=column)
      for column in REL_COLUMN.values()),
)  # fmt: skip


class ProposalCreate(ProposalFields):
    subject: str = Field(min_length=1, max_length=191)
    rel_type: Literal["customer", "lead"]


def _rel(values: dict[str, Any], before: Row | None) -> None:
    """Exactly one of customer_id and lead_id, the one rel_type names. Naming a new
    rel_type without the other id clears it."""
    rel_type = values.get("rel_type", before["rel_type"] if before else None)
    if rel_type not in REL_COLUMN:
        raise Invalid.field("rel_type", "is required: customer or lead")
    column = REL_COLUMN[rel_type]
    if "rel_id" in values:
        rel_id = values.pop("rel_id")
        if values.get(column, rel_id) != rel_id:
            raise Invalid.field("rel_id", f"disagrees with {column}")
        values[column] = rel_id
    other = REL_COLUMN["lead" if rel_type == "customer" else "customer"]
    if "rel_type" in values and other not in values:
        values[other] = None
    merged = {**(before or {}), **values}
    if merged.get(column) is None:
        raise Invalid.field(column, f"is required for a proposal to a {rel_type}")
    if merged.get(other) is not None:
        raise Invalid.field(other, f"a proposal to a {rel_type} names no {other[:-3]}")


async def _party(conn: AsyncConnection, values: Mapping[str, Any]) -> Row | None:
    """The customer or lead the values newly name, checked to exist."""
    if values.get("customer_id") is not None:
        return await must_fetch(
            conn, customers, int(values["customer_id"]), "customer", "customer_id"
        )
    if values.get("lead_id") is not None:
        return await must_fetch(conn, leads, int(values["lead_id"]), "lead", "lead_id")
    return None


def parent_of(row: Row) -> tuple[str, int]:
    if row["rel_type"] == "customer":
        return ("customer", int(row["customer_id"]))
    return ("lead", int(row["lead_id"]))


async def _contact_details(conn: AsyncConnection, party: Row, is_customer: bool) -> dict[str, Any]:
    if not is_customer:
        return {"proposal_to": party["name"], **{f: party[f] for f in CONTACT_FIELDS[1:]}}
    email = await conn.scalar(
        select(contacts.c.email)
        .where(contacts.c.customer_id == party["id"], live(contacts))
        .order_by(contacts.c.is_primary.desc(), contacts.c.id)
        .limit(1)
    )
    return {"proposal_to": party["company"], "email": email or "", "phone": party["phone"],
            **{f: party[f] for f in ("address", "city", "state", "zip", "country_id")}}  # fmt: skip


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ProposalFields)
    values = await columns(ctx, KIND.table, fields, skip={"rel_id"})
    if "rel_id" in fields.model_fields_set:
        values["rel_id"] = fields.rel_id
    for rule in PARTY_NAMED_ONCE:
        rule.check(values)
    _rel(values, before)
    party = await _party(conn, values)
    await check_references(conn, values, {"assigned_id": (Staff, "staff")})
    if before is not None:
        return values
    if party is None:
        raise Invalid.field("rel_type", "names no customer or lead")
    is_customer = values["rel_type"] == "customer"
    for name, value in (await _contact_details(conn, party, is_customer)).items():
        values.setdefault(name, value)
    if values.get("currency_id") is None:
        values["currency_id"] = await default_currency(conn, party if is_customer else None)
    values["date"] = values.get("date") or today()
    values["hash"] = secrets.token_hex(16)
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    """The row with its lines (optional on a proposal) and the figures they make."""
    assert isinstance(fields, ProposalFields)
    if before is None:
        row = await insert_row(conn, KIND.table, values)
        KIND.check_dates(row)
        lines, _ = await apply_items(conn, KIND, int(row["id"]), fields, required=False)
        return await update_row(
            conn, KIND.table, row["id"], figures(lines, discount_of(fields))
        ), {}
    noted: dict[str, Any] = {}
    given = list(values)
    doc_id = int(before["id"])
    if fields.changes_items():
        lines, item_changes = await apply_items(conn, KIND, doc_id, fields, required=False)
        noted["items"] = item_changes.summary()
    else:
        lines = await stored_items(conn, KIND, doc_id)
    values.update(figures(lines, discount_of(fields, before)))
    row = await update_row(conn, KIND.table, doc_id, values)
    KIND.check_dates(row, given)
    return row, noted


VERBS = document_verbs(
    KIND,
    ProposalCreate,
    ProposalFields,
    Hooks(
        values=_values,
        store=_store,
        parent=parent_of,
        created=lambda row: {"subject": row["subject"], "total": row["total"]},
    ),
    initial=DRAFT,
)
