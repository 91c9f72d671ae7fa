"""Invoices, estimates and credit notes as Perfex reads them: with their lines,
currency, client, payments and custom fields (their forms: `sales_forms`).

Each record is declared field by field (rest_compat.records), so /openapi.json describes
it from the same declaration; a read adds its neighbours to it (`...Detail`), a search
its customer's fields (`...Found`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from resolvers import credit_notes, estimates, invoices, payments
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import fields, neighbours
from rest_compat.perfex.formats import PERFEX, amount, yes
from rest_compat.perfex.neighbours import ATTACHMENT, CustomValue
from rest_compat.records import Field, Record, address_lines, const, given, list_of
from rest_compat.reply_schemas import array, describe

# The billing and shipping address as a document shows them (a customer names them in
# another order: fields.CUSTOMER).
ADDRESSES = (
    address_lines("billing"), "billing_country=billing_country_id:ref",
    address_lines("shipping"), "shipping_country=shipping_country_id:ref",
    "include_shipping:yes", const("show_quantity_as", "1"),
)  # fmt: skip
FIGURES = (
    "currency=currency_id:ref subtotal:amount total_tax:amount total:amount adjustment:amount"
    " discount_percent:amount discount_total:amount discount_type"
)
# The fields every sales document shares (credit notes have no sending).
NUMBERED = (
    "id:str clientid=customer_id:str deleted_customer_name:null number:str prefix",
    const("number_format", "1"),
    "datecreated=created_at:stamp date:day", FIGURES,
    "addedfrom=added_by_id:ref status:str clientnote=client_note adminnote=admin_note terms"
    " project_id:ref",
)  # fmt: skip
SENT = (*NUMBERED, "sent:yes datesend=sent_at:stamp? hash")


def custom_recurring(row: Row) -> bool:
    return row["recurring_type"] not in (None, "month")


INVOICE = PERFEX.record(
    "Invoice", *SENT,
    "duedate=due_date:day last_overdue_reminder:null cancel_overdue_reminders:yes"
    " allowed_payment_modes:php_list token:null recurring:str",
    Field("recurring_type", str | None,
          lambda row: row["recurring_type"] if custom_recurring(row) else None),
    Field("custom_recurring", str,
          lambda row: yes(custom_recurring(row) and bool(row["recurring"]))),
    "cycles:str total_cycles:str is_recurring_from:null last_recurring_date:null"
    " sale_agent=sale_agent_id:ref", *ADDRESSES,
    "show_shipping_on_invoice=show_shipping:yes subscription_id:ref short_link:null tags",
)  # fmt: skip
# Who accepted an offer (a contract shows its signature elsewhere).
ACCEPTED = (
    "acceptance_firstname? acceptance_lastname? acceptance_email?"
    " acceptance_date=accepted_at:stamp? acceptance_ip?"
)
ESTIMATE = PERFEX.record(
    "Estimate", *SENT,
    "expirydate=expiry_date:day invoiceid=invoice_id:text invoiced_date=invoiced_at:stamp?"
    " reference_no sale_agent=sale_agent_id:ref", *ADDRESSES,
    "show_shipping_on_estimate=show_shipping:yes",
    const("pipeline_order", "0"), const("is_expiry_notified", "0"),
    ACCEPTED, "signature? short_link:null tags",
)  # fmt: skip
CREDIT_NOTE = PERFEX.record(
    "CreditNote", *NUMBERED, *ADDRESSES,
    "show_shipping_on_credit_note=show_shipping:yes reference_no remaining_amount:amount",
)  # fmt: skip
invoice, estimate, credit_note = INVOICE, ESTIMATE, CREDIT_NOTE

# A document's currency; absent when the document has none.
CURRENCY = PERFEX.part(
    "Currency",
    "symbol name decimal_separator thousand_separator placement isdefault=is_default:yes"
    " currencyid=id:str currency_name=name",
)
LINE = PERFEX.record(
    "Line", "id:str", given("rel_id", str), given("rel_type", str),
    "description long_description qty:amount rate:amount unit item_order:str",
)  # fmt: skip
# A payment mode's flags, as a payment or an expense shows its mode's.
MODE_FLAGS = "show_on_pdf:yes invoices_only:yes expenses_only:yes selected_by_default:yes"
_MODE = PERFEX.record("PaymentModeShown", "name? description?", MODE_FLAGS, "active:yes")
NO_MODE: Row = dict.fromkeys(("name", "description", "show_on_pdf", "invoices_only",
                               "expenses_only", "selected_by_default", "active"))  # fmt: skip
_PAID = PERFEX.record(
    "PaymentOwn",
    "id:str invoiceid=invoice_id:str amount:amount paymentmode=payment_mode_id:ref"
    " paymentmethod=payment_method date:day daterecorded=created_at:stamp note"
    " transactionid=transaction_id",
)
PAYMENT = PERFEX.record("Payment", _PAID, _MODE, "paymentid=id:str")


def payment(row: Row, mode: Row | None) -> dict[str, Any]:
    """A payment as Perfex lists it: the record joined with its payment mode."""
    return {**_PAID(row), **_MODE(mode or NO_MODE), "paymentid": str(row["id"])}


# The customer's fields a search joins beside a record (absent for a record whose
# customer is gone); the record's own fields of the same name win.
_AFTER_SIDE = (
    "datecreated", *address_lines("billing").split(), *address_lines("shipping").split(),
    "billing_country", "shipping_country",
)  # fmt: skip
CUSTOMER_SIDE = PERFEX.part("CustomerSide", fields.CUSTOMER.without(*_AFTER_SIDE, "addedfrom"))
# Every field of the customer but `addedfrom`: what a join beside a record with no
# addresses of its own (expenses, contracts) shows.
CUSTOMER_JOINED = PERFEX.part("CustomerJoined", CUSTOMER_SIDE, fields.CUSTOMER.only(*_AFTER_SIDE))
# What a record read adds to every document.
READ = (
    given("items", list_of(LINE)), given("attachments", list_of(ATTACHMENT)),
    given("visible_attachments_to_customer_found", bool), given("scheduled_email", None),
    given("customfields", list[CustomValue]),
)  # fmt: skip
_CLIENT = given("client", fields.CUSTOMER.typed | None)
INVOICE_DETAIL = PERFEX.record(
    "InvoiceDetail", INVOICE, CURRENCY, given("total_left_to_pay", str | None), *READ,
    _CLIENT, given("payments", list_of(PAYMENT)),
)  # fmt: skip
ESTIMATE_DETAIL = PERFEX.record("EstimateDetail", ESTIMATE, CURRENCY, *READ, _CLIENT)
CREDIT_NOTE_DETAIL = PERFEX.record(
    "CreditNoteDetail", CUSTOMER_SIDE, CREDIT_NOTE, CURRENCY, *READ, given("credit_note_id", str)
)
_CUSTOM = given("customfields", list[CustomValue])
INVOICE_FOUND = PERFEX.record(
    "InvoiceFound", CUSTOMER_SIDE, INVOICE, given("invoiceid", str), _CUSTOM
)
ESTIMATE_FOUND = PERFEX.record(
    "EstimateFound", CUSTOMER_SIDE, ESTIMATE, given("estimateid", str), _CUSTOM
)
CREDIT_NOTE_FOUND = PERFEX.record(
    "CreditNoteFound", CUSTOMER_SIDE, CREDIT_NOTE, given("credit_note_id", str), _CUSTOM
)


def _client(client: Row | None) -> dict[str, Any] | None:
    return None if client is None else fields.CUSTOMER(client)


def _invoice_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Any]
) -> dict[str, Any]:
    return {**INVOICE(row), **CURRENCY(money), "total_left_to_pay": amount(row["amount_due"]),
            **read, "client": _client(client), "payments": paid}  # fmt: skip


def _estimate_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Any]
) -> dict[str, Any]:
    return {**ESTIMATE(row), **CURRENCY(money), **read, "client": _client(client)}


def _credit_note_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Any]
) -> dict[str, Any]:
    # The credit note's read joins its customer's fields, as its search does.
    return {**CUSTOMER_SIDE(client), **CREDIT_NOTE(row), **CURRENCY(money), **read,
            "credit_note_id": str(row["id"])}  # fmt: skip


Read = dict[str, Any]


Detail = Callable[[Row, Row | None, Row | None, Read, list[Any]], Mapping[str, object]]


@dataclass(frozen=True)
class Kind:
    """How one document type reads: its lines, its field_to, its read and search shapes
    (a search shows the record, its customer's fields, its id again and custom fields)."""

    rel_type: str
    lines: Any
    field_to: str
    record: Record
    detail: Detail
    detail_shape: Record
    found_shape: Record
    found_id: str

    def found(self, row: Row, client: Row | None, custom: list[Any]) -> dict[str, Any]:
        return {**CUSTOMER_SIDE(client), **self.record(row), self.found_id: str(row["id"]),
                "customfields": custom}  # fmt: skip


INVOICES = Kind("invoice", invoices.items_by_invoice_id, "invoices", INVOICE,
                _invoice_detail, INVOICE_DETAIL, INVOICE_FOUND, "invoiceid")  # fmt: skip
ESTIMATES = Kind("estimate", estimates.items_by_estimate_id, "estimates", ESTIMATE,
                 _estimate_detail, ESTIMATE_DETAIL, ESTIMATE_FOUND, "estimateid")  # fmt: skip
CREDIT_NOTES = Kind("credit_note", credit_notes.items_by_credit_note_id, "credit_notes",
                    CREDIT_NOTE, _credit_note_detail, CREDIT_NOTE_DETAIL, CREDIT_NOTE_FOUND,
                    "credit_note_id")  # fmt: skip


def searched(kind: Kind) -> Any:
    """Search results: each record with its customer's fields and its custom fields."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[Any]:
        ids = [r["id"] for r in rows]
        clients, custom = await asyncio.gather(
            neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
            neighbours.custom_values(ctx, kind.field_to, ids),
        )
        return [kind.found(r, clients.get(r["customer_id"]), custom.get(r["id"], []))
                for r in rows]  # fmt: skip

    return describe(shape, array(kind.found_shape.reply_schema()))


def detailed(kind: Kind) -> Any:
    """A record read: currency, lines, attachments, client, payments, custom fields."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[Any]:
        ids = [r["id"] for r in rows]
        paying = _invoice_payments if kind is INVOICES else _no_payments
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
            kind.detail(r, clients.get(r["customer_id"]), currencies.get(r["currency_id"]),
                        _read(kind, items.get(r["id"], []), custom.get(r["id"], []), files),
                        [payment(p, modes.get(p["payment_mode_id"]))
                         for p in paid.get(r["id"], [])])
            for r in rows
        ]  # fmt: skip

    return describe(shape, array(kind.detail_shape.reply_schema()))


def _read(
    kind: Kind, items: Sequence[Row], custom: list[CustomValue], files: list[dict[str, Any]]
) -> Read:
    parent = f"{kind.rel_type}_id"
    return {
        "items": [LINE(i, rel_id=str(i[parent]), rel_type=kind.rel_type) for i in items],
        "attachments": files,
        "visible_attachments_to_customer_found": any(
            f["visible_to_customer"] == "1" for f in files
        ),
        "scheduled_email": None,
        "customfields": custom,
    }


async def _invoice_payments(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    return await payments.payments_by_invoice_id(ctx, list(ids))


async def _no_payments(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    return [[] for _ in ids]
