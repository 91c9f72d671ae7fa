"""Invoices, estimates and credit notes as Perfex reads them: with their lines,
currency, client, payments and custom fields (their forms: `sales_forms`)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from resolvers import credit_notes, estimates, invoices, payments
from resolvers.context import Ctx, Row
from rest_compat.perfex import fields, neighbours
from rest_compat.perfex.formats import amount, day, php_list, ref, stamp, text, yes


def addresses(row: Row, document: str) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for kind in ("billing", "shipping"):
        for part in ("street", "city", "state", "zip"):
            shown[f"{kind}_{part}"] = row[f"{kind}_{part}"]
        shown[f"{kind}_country"] = ref(row[f"{kind}_country_id"])
    shown["include_shipping"] = yes(row["include_shipping"])
    shown[f"show_shipping_on_{document}"] = yes(row["show_shipping"])
    shown["show_quantity_as"] = "1"
    return shown


def figures(row: Row) -> dict[str, Any]:
    return {
        "currency": ref(row["currency_id"]),
        "subtotal": amount(row["subtotal"]),
        "total_tax": amount(row["total_tax"]),
        "total": amount(row["total"]),
        "adjustment": amount(row["adjustment"]),
        "discount_percent": amount(row["discount_percent"]),
        "discount_total": amount(row["discount_total"]),
        "discount_type": row["discount_type"],
    }


def numbered(row: Row) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "sent": yes(row["sent"]),
        "datesend": stamp(row["sent_at"]),
        "clientid": str(row["customer_id"]),
        "deleted_customer_name": None,
        "number": str(row["number"]),
        "prefix": row["prefix"],
        "number_format": "1",
        "datecreated": stamp(row["created_at"]),
        "date": day(row["date"]),
        **figures(row),
        "addedfrom": ref(row["added_by_id"]),
        "hash": row["hash"],
        "status": str(row["status"]),
        "clientnote": row["client_note"],
        "adminnote": row["admin_note"],
        "terms": row["terms"],
        "project_id": ref(row["project_id"]),
    }


def invoice(row: Row) -> dict[str, Any]:
    custom = row["recurring_type"] not in (None, "month")
    return {
        **numbered(row),
        "duedate": day(row["due_date"]),
        "last_overdue_reminder": None,
        "cancel_overdue_reminders": yes(row["cancel_overdue_reminders"]),
        "allowed_payment_modes": php_list(row["allowed_payment_modes"]),
        "token": None,
        "recurring": str(row["recurring"]),
        "recurring_type": row["recurring_type"] if custom else None,
        "custom_recurring": yes(custom and bool(row["recurring"])),
        "cycles": str(row["cycles"]),
        "total_cycles": str(row["total_cycles"]),
        "is_recurring_from": None,
        "last_recurring_date": None,
        "sale_agent": ref(row["sale_agent_id"]),
        **addresses(row, "invoice"),
        "subscription_id": ref(row["subscription_id"]),
        "short_link": None,
        "tags": row["tags"],
    }


def estimate(row: Row) -> dict[str, Any]:
    return {
        **numbered(row),
        "expirydate": day(row["expiry_date"]),
        "invoiceid": text(row["invoice_id"]),
        "invoiced_date": stamp(row["invoiced_at"]),
        "reference_no": row["reference_no"],
        "sale_agent": ref(row["sale_agent_id"]),
        **addresses(row, "estimate"),
        "pipeline_order": "0",
        "is_expiry_notified": "0",
        **acceptance(row),
        "short_link": None,
        "tags": row["tags"],
    }


def credit_note(row: Row) -> dict[str, Any]:
    shown = numbered(row)
    for name in ("sent", "datesend", "hash"):
        shown.pop(name)
    return {
        **shown,
        **addresses(row, "credit_note"),
        "reference_no": row["reference_no"],
        "remaining_amount": amount(row["remaining_amount"]),
    }


def acceptance(row: Row) -> dict[str, Any]:
    return {
        "acceptance_firstname": row["acceptance_firstname"],
        "acceptance_lastname": row["acceptance_lastname"],
        "acceptance_email": row["acceptance_email"],
        "acceptance_date": stamp(row["accepted_at"]),
        "acceptance_ip": row["acceptance_ip"],
        "signature": row["signature"],
    }


def currency(row: Row | None) -> dict[str, Any]:
    if row is None:
        return {}
    return {
        "symbol": row["symbol"],
        "name": row["name"],
        "decimal_separator": row["decimal_separator"],
        "thousand_separator": row["thousand_separator"],
        "placement": row["placement"],
        "isdefault": yes(row["is_default"]),
        "currencyid": str(row["id"]),
        "currency_name": row["name"],
    }


def line(row: Row, rel_type: str, parent: str) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "rel_id": str(row[parent]),
        "rel_type": rel_type,
        "description": row["description"],
        "long_description": row["long_description"],
        "qty": amount(row["qty"]),
        "rate": amount(row["rate"]),
        "unit": row["unit"],
        "item_order": str(row["item_order"]),
    }


def payment(row: Row, mode: Row | None) -> dict[str, Any]:
    """A payment as Perfex lists it: the record joined with its payment mode."""
    return {
        "id": str(row["id"]),
        "invoiceid": str(row["invoice_id"]),
        "amount": amount(row["amount"]),
        "paymentmode": ref(row["payment_mode_id"]),
        "paymentmethod": row["payment_method"],
        "date": day(row["date"]),
        "daterecorded": stamp(row["created_at"]),
        "note": row["note"],
        "transactionid": row["transaction_id"],
        "name": None if mode is None else mode["name"],
        "description": None if mode is None else mode["description"],
        **{k: yes(mode[k] if mode else False) for k in
           ("show_on_pdf", "invoices_only", "expenses_only", "selected_by_default", "active")},
        "paymentid": str(row["id"]),
    }  # fmt: skip


def flat(customer: Row | None, shown: dict[str, Any]) -> dict[str, Any]:
    """The record with its customer's fields beside it (Perfex's searches join them);
    the record's own values win where both name a field."""
    return shown if customer is None else {**fields.customer(customer), **shown}


class Kind:
    """How one document type reads: its shape, its lines, its field_to."""

    def __init__(self, shape: Any, rel_type: str, lines: Any, field_to: str, key: str) -> None:
        self.shape, self.rel_type, self.lines = shape, rel_type, lines
        self.field_to, self.key = field_to, key


INVOICE = Kind(invoice, "invoice", invoices.items_by_invoice_id, "invoices", "invoiceid")
ESTIMATE = Kind(estimate, "estimate", estimates.items_by_estimate_id, "estimates", "estimateid")
CREDIT_NOTE = Kind(credit_note, "credit_note", credit_notes.items_by_credit_note_id,
                   "credit_notes", "credit_note_id")  # fmt: skip


def searched(kind: Kind) -> Any:
    """Search results: each record with its customer's fields and its custom fields."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
        ids = [r["id"] for r in rows]
        clients, custom = await asyncio.gather(
            neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
            neighbours.custom_values(ctx, kind.field_to, ids),
        )
        return [
            {**flat(clients.get(r["customer_id"]), kind.shape(r)), kind.key: str(r["id"]),
             "customfields": custom.get(r["id"], [])}
            for r in rows
        ]  # fmt: skip

    return shape


def detailed(kind: Kind) -> Any:
    """A record read: currency, lines, attachments, client, payments, custom fields."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
        ids = [r["id"] for r in rows]
        paying = _invoice_payments if kind is INVOICE else _no_payments
        clients, currencies, items, custom, paid = await asyncio.gather(
            neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
            neighbours.lookups_by_id(ctx, "currencies", [r["currency_id"] for r in rows]),
            neighbours.children(ctx, kind.lines, ids),
            neighbours.custom_values(ctx, kind.field_to, ids),
            neighbours.children(ctx, paying, ids),
        )
        every_payment = [p for r in rows for p in paid.get(r["id"], [])]
        modes = await neighbours.lookups_by_id(
            ctx, "payment_modes", [p["payment_mode_id"] for p in every_payment]
        )
        # Files are listed for a single record only; lists and searches show none.
        files = await neighbours.attachments(ctx, kind.rel_type, ids[0]) if len(ids) == 1 else []
        return [
            _detail(kind, r, clients.get(r["customer_id"]), currencies.get(r["currency_id"]),
                    items.get(r["id"], []), custom.get(r["id"], []),
                    [payment(p, modes.get(p["payment_mode_id"])) for p in paid.get(r["id"], [])],
                    files)
            for r in rows
        ]  # fmt: skip

    return shape


def _detail(
    kind: Kind,
    row: Row,
    client: Row | None,
    money: Row | None,
    items: Sequence[Row],
    custom: list[Any],
    paid: list[dict[str, Any]],
    files: list[dict[str, Any]],
) -> dict[str, Any]:
    one = {**kind.shape(row), **currency(money)}
    if kind is INVOICE:
        one["total_left_to_pay"] = amount(row["amount_due"])
    one["items"] = [line(i, kind.rel_type, f"{kind.rel_type}_id") for i in items]
    one["attachments"] = files
    one["visible_attachments_to_customer_found"] = any(
        f["visible_to_customer"] == "1" for f in files
    )
    if kind is CREDIT_NOTE:
        # The credit note's read joins its customer's fields, as its search does.
        one = {**flat(client, one), kind.key: str(row["id"])}
    else:
        one["client"] = None if client is None else fields.customer(client)
    if kind is INVOICE:
        one["payments"] = paid
    one["scheduled_email"] = None
    one["customfields"] = custom
    return one


async def _invoice_payments(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    return await payments.payments_by_invoice_id(ctx, list(ids))


async def _no_payments(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    return [[] for _ in ids]
