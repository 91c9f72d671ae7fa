"""Invoices, estimates and credit notes as Perfex reads them: with their lines,
currency, client, payments and custom fields (their forms: `sales_forms`).

Each record is a TypedDict built key by key, so /openapi.json describes it field by
field (rest_compat.reply_schemas); a read adds its neighbours to it (`...Detail`), a
search its customer's fields (`...Found`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict

from resolvers import credit_notes, estimates, invoices, payments
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import fields, neighbours
from rest_compat.perfex.formats import amount, day, php_list, ref, stamp, text, yes
from rest_compat.perfex.neighbours import Attachment, CustomValue
from rest_compat.reply_schemas import array, describe, shape_schema


class Addresses(TypedDict):
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    billing_country: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    shipping_country: str
    include_shipping: str
    show_quantity_as: str


class Figures(TypedDict):
    currency: str
    subtotal: str | None
    total_tax: str | None
    total: str | None
    adjustment: str | None
    discount_percent: str | None
    discount_total: str | None
    discount_type: str


class Numbered(Figures):
    """The fields every sales document shares (credit notes have no sending)."""

    id: str
    clientid: str
    deleted_customer_name: None
    number: str
    prefix: str
    number_format: str
    datecreated: str
    date: str | None
    addedfrom: str
    status: str
    clientnote: str
    adminnote: str
    terms: str
    project_id: str


class Sent(Numbered):
    sent: str
    datesend: str | None
    hash: str


class Invoice(Sent, Addresses):
    duedate: str | None
    last_overdue_reminder: None
    cancel_overdue_reminders: str
    allowed_payment_modes: str
    token: None
    recurring: str
    recurring_type: str | None
    custom_recurring: str
    cycles: str
    total_cycles: str
    is_recurring_from: None
    last_recurring_date: None
    sale_agent: str
    show_shipping_on_invoice: str
    subscription_id: str
    short_link: None
    tags: str


class Acceptance(TypedDict):
    acceptance_firstname: str | None
    acceptance_lastname: str | None
    acceptance_email: str | None
    acceptance_date: str | None
    acceptance_ip: str | None
    signature: str | None


class Estimate(Sent, Addresses, Acceptance):
    expirydate: str | None
    invoiceid: str | None
    invoiced_date: str | None
    reference_no: str
    sale_agent: str
    show_shipping_on_estimate: str
    pipeline_order: str
    is_expiry_notified: str
    short_link: None
    tags: str


class CreditNote(Numbered, Addresses):
    show_shipping_on_credit_note: str
    reference_no: str
    remaining_amount: str | None


class Currency(TypedDict, total=False):
    """A document's currency; absent when the document has none."""

    symbol: str
    name: str
    decimal_separator: str
    thousand_separator: str
    placement: str
    isdefault: str
    currencyid: str
    currency_name: str


class Line(TypedDict):
    id: str
    rel_id: str
    rel_type: str
    description: str
    long_description: str
    qty: str | None
    rate: str | None
    unit: str
    item_order: str


class Payment(TypedDict):
    id: str
    invoiceid: str
    amount: str | None
    paymentmode: str
    paymentmethod: str
    date: str | None
    daterecorded: str
    note: str
    transactionid: str
    name: str | None
    description: str | None
    show_on_pdf: str
    invoices_only: str
    expenses_only: str
    selected_by_default: str
    active: str
    paymentid: str


class CustomerSide(TypedDict, total=False):
    """The customer's fields a search joins beside a record (absent for a record whose
    customer is gone); the record's own fields of the same name win."""

    userid: str
    company: str
    vat: str
    phonenumber: str
    country: str
    city: str
    zip: str
    state: str
    address: str
    website: str
    active: str
    leadid: None
    longitude: str | None
    latitude: str | None
    default_language: str
    default_currency: str
    show_primary_contact: str
    stripe_id: None
    registration_confirmed: str


class CustomerJoined(CustomerSide, total=False):
    """Every field of the customer but `addedfrom`: what a join beside a record with no
    addresses of its own (expenses, contracts) shows."""

    datecreated: str
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    billing_country: str
    shipping_country: str


class Read(TypedDict):
    """What a record read adds to every document."""

    items: list[Line]
    attachments: list[Attachment]
    visible_attachments_to_customer_found: bool
    scheduled_email: None
    customfields: list[CustomValue]


class InvoiceDetail(Invoice, Currency, Read):
    total_left_to_pay: str | None
    client: fields.Customer | None
    payments: list[Payment]


class EstimateDetail(Estimate, Currency, Read):
    client: fields.Customer | None


class CreditNoteDetail(CreditNote, CustomerSide, Currency, Read):
    credit_note_id: str


class InvoiceFound(Invoice, CustomerSide):
    invoiceid: str
    customfields: list[CustomValue]


class EstimateFound(Estimate, CustomerSide):
    estimateid: str
    customfields: list[CustomValue]


class CreditNoteFound(CreditNote, CustomerSide):
    credit_note_id: str
    customfields: list[CustomValue]


def addresses(row: Row) -> Addresses:
    return {
        "billing_street": row["billing_street"],
        "billing_city": row["billing_city"],
        "billing_state": row["billing_state"],
        "billing_zip": row["billing_zip"],
        "billing_country": ref(row["billing_country_id"]),
        "shipping_street": row["shipping_street"],
        "shipping_city": row["shipping_city"],
        "shipping_state": row["shipping_state"],
        "shipping_zip": row["shipping_zip"],
        "shipping_country": ref(row["shipping_country_id"]),
        "include_shipping": yes(row["include_shipping"]),
        "show_quantity_as": "1",
    }


def figures(row: Row) -> Figures:
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


def numbered(row: Row) -> Numbered:
    return {
        "id": str(row["id"]),
        "clientid": str(row["customer_id"]),
        "deleted_customer_name": None,
        "number": str(row["number"]),
        "prefix": row["prefix"],
        "number_format": "1",
        "datecreated": stamp(row["created_at"]),
        "date": day(row["date"]),
        **figures(row),
        "addedfrom": ref(row["added_by_id"]),
        "status": str(row["status"]),
        "clientnote": row["client_note"],
        "adminnote": row["admin_note"],
        "terms": row["terms"],
        "project_id": ref(row["project_id"]),
    }


def sent(row: Row) -> Sent:
    return {
        **numbered(row),
        "sent": yes(row["sent"]),
        "datesend": stamp(row["sent_at"]),
        "hash": row["hash"],
    }


def invoice(row: Row) -> Invoice:
    custom = row["recurring_type"] not in (None, "month")
    return {
        **sent(row),
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
        **addresses(row),
        "show_shipping_on_invoice": yes(row["show_shipping"]),
        "subscription_id": ref(row["subscription_id"]),
        "short_link": None,
        "tags": row["tags"],
    }


def estimate(row: Row) -> Estimate:
    return {
        **sent(row),
        "expirydate": day(row["expiry_date"]),
        "invoiceid": text(row["invoice_id"]),
        "invoiced_date": stamp(row["invoiced_at"]),
        "reference_no": row["reference_no"],
        "sale_agent": ref(row["sale_agent_id"]),
        **addresses(row),
        "show_shipping_on_estimate": yes(row["show_shipping"]),
        "pipeline_order": "0",
        "is_expiry_notified": "0",
        **acceptance(row),
        "short_link": None,
        "tags": row["tags"],
    }


def credit_note(row: Row) -> CreditNote:
    return {
        **numbered(row),
        **addresses(row),
        "show_shipping_on_credit_note": yes(row["show_shipping"]),
        "reference_no": row["reference_no"],
        "remaining_amount": amount(row["remaining_amount"]),
    }


def acceptance(row: Row) -> Acceptance:
    return {
        "acceptance_firstname": row["acceptance_firstname"],
        "acceptance_lastname": row["acceptance_lastname"],
        "acceptance_email": row["acceptance_email"],
        "acceptance_date": stamp(row["accepted_at"]),
        "acceptance_ip": row["acceptance_ip"],
        "signature": row["signature"],
    }


def currency(row: Row | None) -> Currency:
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


def line(row: Row, rel_type: str, parent: str) -> Line:
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


def payment(row: Row, mode: Row | None) -> Payment:
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
        "show_on_pdf": yes(mode["show_on_pdf"] if mode else False),
        "invoices_only": yes(mode["invoices_only"] if mode else False),
        "expenses_only": yes(mode["expenses_only"] if mode else False),
        "selected_by_default": yes(mode["selected_by_default"] if mode else False),
        "active": yes(mode["active"] if mode else False),
        "paymentid": str(row["id"]),
    }


def customer_side(customer: Row | None) -> CustomerSide:
    """A customer's fields as a search joins them beside a record: those the record
    does not name itself."""
    if customer is None:
        return {}
    shown = fields.customer(customer)
    return {
        "userid": shown["userid"],
        "company": shown["company"],
        "vat": shown["vat"],
        "phonenumber": shown["phonenumber"],
        "country": shown["country"],
        "city": shown["city"],
        "zip": shown["zip"],
        "state": shown["state"],
        "address": shown["address"],
        "website": shown["website"],
        "active": shown["active"],
        "leadid": shown["leadid"],
        "longitude": shown["longitude"],
        "latitude": shown["latitude"],
        "default_language": shown["default_language"],
        "default_currency": shown["default_currency"],
        "show_primary_contact": shown["show_primary_contact"],
        "stripe_id": shown["stripe_id"],
        "registration_confirmed": shown["registration_confirmed"],
    }


def customer_joined(customer: Row | None) -> CustomerJoined:
    """A customer's fields as a join beside an expense or a contract shows them."""
    if customer is None:
        return {}
    shown = fields.customer(customer)
    return {
        **customer_side(customer),
        "datecreated": shown["datecreated"],
        "billing_street": shown["billing_street"],
        "billing_city": shown["billing_city"],
        "billing_state": shown["billing_state"],
        "billing_zip": shown["billing_zip"],
        "shipping_street": shown["shipping_street"],
        "shipping_city": shown["shipping_city"],
        "shipping_state": shown["shipping_state"],
        "shipping_zip": shown["shipping_zip"],
        "billing_country": shown["billing_country"],
        "shipping_country": shown["shipping_country"],
    }


def _invoice_found(row: Row, client: Row | None, custom: list[CustomValue]) -> InvoiceFound:
    return {
        **customer_side(client),
        **invoice(row),
        "invoiceid": str(row["id"]),
        "customfields": custom,
    }


def _estimate_found(row: Row, client: Row | None, custom: list[CustomValue]) -> EstimateFound:
    return {
        **customer_side(client),
        **estimate(row),
        "estimateid": str(row["id"]),
        "customfields": custom,
    }


def _credit_note_found(row: Row, client: Row | None, custom: list[CustomValue]) -> CreditNoteFound:
    return {
        **customer_side(client),
        **credit_note(row),
        "credit_note_id": str(row["id"]),
        "customfields": custom,
    }


def _invoice_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Payment]
) -> InvoiceDetail:
    return {
        **invoice(row),
        **currency(money),
        "total_left_to_pay": amount(row["amount_due"]),
        **read,
        "client": None if client is None else fields.customer(client),
        "payments": paid,
    }


def _estimate_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Payment]
) -> EstimateDetail:
    return {
        **estimate(row),
        **currency(money),
        **read,
        "client": None if client is None else fields.customer(client),
    }


def _credit_note_detail(
    row: Row, client: Row | None, money: Row | None, read: Read, paid: list[Payment]
) -> CreditNoteDetail:
    # The credit note's read joins its customer's fields, as its search does.
    return {
        **customer_side(client),
        **credit_note(row),
        **currency(money),
        **read,
        "credit_note_id": str(row["id"]),
    }


Found = Callable[[Row, Row | None, list[CustomValue]], Mapping[str, object]]
Detail = Callable[[Row, Row | None, Row | None, Read, list[Payment]], Mapping[str, object]]


class Kind:
    """How one document type reads: its lines, its field_to, its read and search shapes."""

    def __init__(
        self, rel_type: str, lines: Any, field_to: str, detail: Detail, found: Found
    ) -> None:
        self.rel_type, self.lines, self.field_to = rel_type, lines, field_to
        self.detail, self.found = detail, found


INVOICE = Kind("invoice", invoices.items_by_invoice_id, "invoices",
               _invoice_detail, _invoice_found)  # fmt: skip
ESTIMATE = Kind("estimate", estimates.items_by_estimate_id, "estimates",
                _estimate_detail, _estimate_found)  # fmt: skip
CREDIT_NOTE = Kind("credit_note", credit_notes.items_by_credit_note_id, "credit_notes",
                   _credit_note_detail, _credit_note_found)  # fmt: skip


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

    return describe(shape, array(shape_schema(kind.found)))


def detailed(kind: Kind) -> Any:
    """A record read: currency, lines, attachments, client, payments, custom fields."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[Any]:
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
            kind.detail(r, clients.get(r["customer_id"]), currencies.get(r["currency_id"]),
                        _read(kind, items.get(r["id"], []), custom.get(r["id"], []), files),
                        [payment(p, modes.get(p["payment_mode_id"]))
                         for p in paid.get(r["id"], [])])
            for r in rows
        ]  # fmt: skip

    return describe(shape, array(shape_schema(kind.detail)))


def _read(
    kind: Kind, items: Sequence[Row], custom: list[CustomValue], files: list[Attachment]
) -> Read:
    return {
        "items": [line(i, kind.rel_type, f"{kind.rel_type}_id") for i in items],
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
