"""Proposals: create, read, update, delete and restore; for a customer or for a lead."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events, reading
from resolvers.context import Ctx, Row
from resolvers.custom_fields import set_custom_values
from resolvers.errors import Invalid, NotFound
from resolvers.line_items import (
    apply_items,
    discount_of,
    figures,
    lines_by_document,
    stored_items,
)
from resolvers.line_items.documents import columns, default_currency, today
from resolvers.models import Contact, Customer, Lead, Staff, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.proposals.resource import (
    DRAFT,
    KIND,
    PROPOSALS,
    RESOURCE,
    ProposalCreate,
    ProposalFields,
)
from resolvers.records import changes, fetch, insert_row, live, must_fetch, set_deleted, update_row
from resolvers.validation import parse

proposals = PROPOSALS.table
customers, leads, contacts = table_of(Customer), table_of(Lead), table_of(Contact)
CONTACT_FIELDS = ("proposal_to", "email", "phone", "address", "city", "state", "zip",
                  "country_id")  # fmt: skip
REL_COLUMN = {"customer": "customer_id", "lead": "lead_id"}


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


async def _values(ctx: Ctx, fields: ProposalFields) -> dict[str, Any]:
    values = await columns(ctx, proposals, fields, skip={"rel_id"})
    if "rel_id" in fields.model_fields_set:
        values["rel_id"] = fields.rel_id
    return values


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


async def _check_assigned(conn: AsyncConnection, values: Mapping[str, Any]) -> None:
    if values.get("assigned_id") is not None:
        await must_fetch(conn, table_of(Staff), values["assigned_id"], "staff", "assigned_id")


def _check_dates(row: Row) -> None:
    if row["open_till"] is not None and row["open_till"] < row["date"]:
        raise Invalid.field("open_till", "is before the proposal date")


async def get_proposal(ctx: Ctx, proposal_id: int) -> Row | None:
    return await reading.get_record(ctx, PROPOSALS, proposal_id)


async def list_proposals(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    lead_id: int | None = None,
    status: int | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = [
        proposals.c[c] == v
        for c, v in (("customer_id", customer_id), ("lead_id", lead_id), ("status", status))
        if v is not None
    ]
    return await reading.list_records(ctx, PROPOSALS, page, scope=scope, **query)


async def items_by_proposal_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


async def create_proposal(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """A new proposal (a Draft unless a status is given); lines are optional."""
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(ProposalCreate, data)
    values = await _values(ctx, fields)
    _rel(values, None)
    async with ctx.db.write() as conn:
        party = await _party(conn, values)
        if party is None:
            raise Invalid.field("rel_type", "names no customer or lead")
        await _check_assigned(conn, values)
        is_customer = values["rel_type"] == "customer"
        for name, value in (await _contact_details(conn, party, is_customer)).items():
            values.setdefault(name, value)
        if values.get("currency_id") is None:
            values["currency_id"] = await default_currency(conn, party if is_customer else None)
        values.setdefault("status", DRAFT)
        values["date"] = values.get("date") or today()
        values["hash"] = secrets.token_hex(16)
        row = await insert_row(conn, proposals, {"added_by_id": principal.staff_id, **values})
        _check_dates(row)
        lines, _ = await apply_items(conn, KIND, int(row["id"]), fields, required=False)
        row = await update_row(conn, proposals, row["id"], figures(lines, discount_of(fields)))
        custom = await set_custom_values(
            conn, ctx, RESOURCE, row["id"], fields.custom_fields or {}, creating=True
        )
        await events.record(conn, ctx, "proposal.created", row["id"],
                            {"subject": row["subject"], "total": row["total"], **custom},
                            parent=parent_of(row))  # fmt: skip
    return row


async def update_proposal(ctx: Ctx, proposal_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(ProposalFields, data)
    values = await _values(ctx, fields)
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, proposals, proposal_id, "Proposal")
        _rel(values, before)
        await _party(conn, values)
        await _check_assigned(conn, values)
        diff: dict[str, Any] = {}
        if fields.changes_items():
            lines, item_changes = await apply_items(conn, KIND, proposal_id, fields, required=False)
            diff["items"] = item_changes.summary()
        else:
            lines = await stored_items(conn, KIND, proposal_id)
        values.update(figures(lines, discount_of(fields, before)))
        row = await update_row(conn, proposals, proposal_id, values)
        _check_dates(row)
        diff.update(
            await set_custom_values(conn, ctx, RESOURCE, proposal_id, fields.custom_fields or {})
        )
        await events.record(conn, ctx, "proposal.updated", proposal_id,
                            {**changes(before, values), **diff}, parent=parent_of(row))  # fmt: skip
    return row


async def delete_proposal(ctx: Ctx, proposal_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, proposals, proposal_id, "Proposal")
        row = await set_deleted(conn, proposals, proposal_id, deleted=True)
        await events.record(conn, ctx, "proposal.deleted", proposal_id, parent=parent_of(row))
    return row


async def restore_proposal(ctx: Ctx, proposal_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, proposals, proposal_id, deleted=True) is None:
            raise NotFound("Proposal", proposal_id)
        row = await set_deleted(conn, proposals, proposal_id, deleted=False)
        await events.record(conn, ctx, "proposal.restored", proposal_id, parent=parent_of(row))
    return row
