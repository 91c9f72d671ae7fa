"""An estimate's life after it is written: sent, accepted or declined, expired, and
converted (once) into an invoice carrying copies of its lines and figures."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from resolvers import numbering
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.permissions import require
from resolvers.core.records import insert_row, live, must_fetch, update_row
from resolvers.core.validation import Fields, parse
from resolvers.estimates.resource import (
    ACCEPTED,
    DECLINED,
    DRAFT,
    ESTIMATES,
    EXPIRED,
    KIND,
    RESOURCE,
    SENT,
)
from resolvers.invoices import KIND as INVOICE
from resolvers.invoices import settle_invoice
from resolvers.line_items import copy_items
from resolvers.line_items.documents import BILLING, SHIPPING, today
from resolvers.line_items.inputs import status_among
from resolvers.line_items.transitions import accept, transition
from resolvers.models.types import utcnow
from resolvers.totals import DRAFT as INVOICE_DRAFT
from resolvers.totals import UNPAID

estimates = ESTIMATES.table
# What an invoice made from an estimate copies from it, as it stands.
COPIED = (
    "customer_id", "project_id", "currency_id", "subtotal", "discount_type",
    "discount_percent", "discount_total", "total_tax", "adjustment", "total", "client_note",
    "admin_note", "terms", "sale_agent_id", "tags", "include_shipping", "show_shipping",
    *BILLING, *SHIPPING,
)  # fmt: skip


class ConvertFields(Fields):
    # The invoice's date (today by default), due date, number, and 6 for a draft.
    date: dt.date | None = None
    due_date: dt.date | None = None
    number: int | str | None = None
    # Checked by `_status` in its own words (its codes are the document's).
    status: int | None = None

    _status = status_among(UNPAID, INVOICE_DRAFT, reason="only 1 (Unpaid) or 6 (Draft)")


def _not_invoiced(row: Row, doing: str) -> None:
    if row["invoice_id"] is not None:
        raise Conflict(
            f"The estimate was converted to invoice {row['invoice_id']}; it cannot be {doing}",
            field="invoice_id",
        )


async def send_estimate(ctx: Ctx, estimate_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Email the estimate as a PDF (options: resolvers.documents.SendFields), then mark it
    sent; a draft becomes Sent. When the email fails nothing is marked."""
    # Imported here: the documents package reads estimates through this package.
    from resolvers.documents import email_document

    require(ctx.principal, RESOURCE, "update")
    # Mailed before the write, so no transaction is held open while the server answers.
    emailed = await email_document(ctx, RESOURCE, estimate_id, data)

    def decide(row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {"sent": True, "sent_at": utcnow()}
        if row["status"] == DRAFT:
            values["status"] = SENT
        return values

    return await transition(ctx, KIND, estimate_id, "sent", decide, note=emailed)


async def accept_estimate(ctx: Ctx, estimate_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Accepted, with who accepted when given; an expired estimate can no longer be."""
    require(ctx.principal, RESOURCE, "update")

    def refuse(row: Row) -> None:
        _not_invoiced(row, "accepted again")
        expiry = row["expiry_date"]
        if row["status"] == EXPIRED or (expiry is not None and expiry < today()):
            raise Conflict(f"The estimate expired on {expiry}", field="expiry_date")

    return await accept(ctx, KIND, estimate_id, data, accepted=ACCEPTED, refuse=refuse)


async def decline_estimate(ctx: Ctx, estimate_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")

    def decide(row: Row) -> dict[str, Any] | None:
        if row["status"] == DECLINED:
            return None
        _not_invoiced(row, "declined")
        return {"status": DECLINED}

    return await transition(ctx, KIND, estimate_id, "declined", decide)


async def expire_estimates(ctx: Ctx, *, on: dt.date | None = None) -> list[int]:
    """Mark Draft and Sent estimates whose expiry date has passed as Expired; their ids."""
    require(ctx.principal, RESOURCE, "update")
    day = on or today()
    async with ctx.db.write() as conn:
        rows = await conn.execute(
            select(estimates.c.id, estimates.c.customer_id, estimates.c.status).where(
                live(estimates),
                estimates.c.status.in_((DRAFT, SENT)),
                estimates.c.expiry_date < day,
                estimates.c.invoice_id.is_(None),
            )
        )
        expired = [(int(r.id), int(r.customer_id), int(r.status)) for r in rows]
        for estimate_id, customer_id, status in expired:
            await update_row(conn, estimates, estimate_id, {"status": EXPIRED})
            await events.record(conn, ctx, "estimate.expired", estimate_id,
                                {"status": [status, EXPIRED]},
                                parent=("customer", customer_id))  # fmt: skip
    return [e[0] for e in expired]


async def convert_estimate_to_invoice(
    ctx: Ctx, estimate_id: int, data: Mapping[str, Any] | None = None
) -> Row:
    """The invoice made from the estimate (once); the estimate is linked and accepted."""
    principal = require(ctx.principal, RESOURCE, "update")
    require(principal, INVOICE.resource, "create")
    fields = parse(ConvertFields, data or {})
    requested = numbering.parse_number(fields.number)[1] if fields.number is not None else None
    async with ctx.db.write() as conn:
        estimate = await must_fetch(conn, estimates, estimate_id, "Estimate")
        _not_invoiced(estimate, "converted again")
        date = fields.date or today()
        if fields.due_date is not None and fields.due_date < date:
            raise Invalid.field("due_date", "is before the invoice date")
        invoice = await insert_row(conn, INVOICE.table, {
            **{c: estimate[c] for c in COPIED},
            "number": await numbering.assign_number(conn, INVOICE.table, "Invoice", requested),
            "prefix": numbering.PREFIXES[INVOICE.resource],
            "date": date,
            "due_date": fields.due_date,
            "status": fields.status or UNPAID,
            "hash": secrets.token_hex(16),
            "added_by_id": principal.staff_id,
        })  # fmt: skip
        invoice_id = int(invoice["id"])
        await copy_items(conn, KIND, estimate_id, INVOICE, invoice_id)
        invoice = await settle_invoice(conn, ctx, invoice_id)
        link = {"invoice_id": invoice_id, "invoiced_at": utcnow(), "status": ACCEPTED}
        await update_row(conn, estimates, estimate_id, link)
        await events.record(conn, ctx, "invoice.created", invoice_id,
                            {"number": invoice["number"], "total": invoice["total"],
                             "estimate_id": estimate_id},
                            parent=("customer", invoice["customer_id"]))  # fmt: skip
        await events.record(conn, ctx, "estimate.converted", estimate_id,
                            {"invoice_id": invoice_id},
                            parent=("customer", estimate["customer_id"]))  # fmt: skip
    return invoice
