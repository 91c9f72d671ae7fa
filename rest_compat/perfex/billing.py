"""Payments, catalogue items, expenses, subscriptions and the common lists (expense
categories, payment modes, taxes) in Perfex's names."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from resolvers import expenses, items, payments, subscriptions
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import optional, reference
from rest_compat.perfex.documents import CustomerJoined, Payment, customer_joined, payment
from rest_compat.perfex.formats import amount, day, ref, stamp, text, yes
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.renames import FieldMap, flag

PAYMENT_IN = FieldMap(
    fields={
        "invoiceid": "invoice_id",
        "paymentmode": "payment_mode",
        "paymentmethod": "payment_method",
        "transactionid": "transaction_id",
        "date": optional("date"),
    },
    # Perfex has no custom fields on payments; the form may still carry the key.
    ignore=frozenset({"id", "paymentid", "daterecorded", "custom_fields"}),
    model=payments.PaymentFields,
    required=("invoiceid", "amount", "paymentmode"),
)


async def payments_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Payment]:
    modes = await neighbours.lookups_by_id(
        ctx, "payment_modes", [r["payment_mode_id"] for r in rows]
    )
    return [payment(r, modes.get(r["payment_mode_id"])) for r in rows]


ITEM_IN = FieldMap(
    fields={
        "tax": reference("tax_id"),
        "tax2": reference("tax2_id"),
        "group_id": reference("group_id"),
    },
    ignore=frozenset({"id", "itemid"}),
    model=items.ItemFields,
    required=("description", "rate"),
)


def _number(value: int | None) -> int:
    return 0 if value is None else int(value)


class Item(TypedDict):
    """An item as Perfex reads it: tax and group references as numbers."""

    id: str
    description: str
    long_description: str
    rate: str | None
    tax: int
    tax2: int
    unit: str
    group_id: int


async def items_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Item]:
    # The document shows the tax and group references as numbers (0 for none).
    return [
        {
            "id": str(r["id"]),
            "description": r["description"],
            "long_description": r["long_description"],
            "rate": amount(r["rate"]),
            "tax": _number(r["tax_id"]),
            "tax2": _number(r["tax2_id"]),
            "unit": r["unit"],
            "group_id": _number(r["group_id"]),
        }
        for r in rows
    ]


def expense_repeats(value: Any) -> Mapping[str, Any]:
    """The "N-type" `recurring` (see bodies.recurring) -> the expense's repeat fields."""
    number, _, unit = str(value).partition("-")
    if number in ("", "0"):
        return {"recurring": False}
    return {"recurring": True, "repeat_every": number, "recurring_type": unit or None}


EXPENSE_IN = FieldMap(
    fields={
        "expense_name": "name",
        "clientid": reference("customer_id"),
        "tax": reference("tax_id"),
        "tax2": reference("tax2_id"),
        "paymentmode": "payment_mode",
        "project_id": reference("project_id"),
        "billable": flag("billable"),
        "recurring": expense_repeats,
    },
    ignore=frozenset(
        {
            "expenseid",
            "dateadded",
            "addedfrom",
            "invoiceid",
            "customfields",
            "create_invoice_billable",
            "send_invoice_to_customer",
            "custom_recurring",
        }
    ),  # fmt: skip
    model=expenses.ExpenseFields,
    required=("category", "amount", "date", "currency"),
)


class Expense(TypedDict):
    """An expense as Perfex reads it."""

    id: str
    category: str
    currency: str
    amount: str | None
    tax: str
    tax2: str
    reference_no: str
    note: str
    expense_name: str
    clientid: str
    project_id: str
    billable: str
    invoiceid: str | None
    paymentmode: str
    date: str | None
    recurring_type: str | None
    repeat_every: str
    recurring: str
    cycles: str
    total_cycles: str
    custom_recurring: str
    last_recurring_date: None
    create_invoice_billable: str
    send_invoice_to_customer: str
    recurring_from: None
    dateadded: str
    addedfrom: str
    is_expense_created_in_xero: str


class ExpenseShown(Expense, CustomerJoined):
    """An expense with its customer's fields beside it, its category, payment mode and
    taxes (Perfex joins them)."""

    name: str | None
    description: str | None
    show_on_pdf: str
    invoices_only: str
    expenses_only: str
    selected_by_default: str
    taxrate: str | None
    category_name: str | None
    payment_mode_name: str | None
    tax_name: str | None
    tax_name2: str | None
    taxrate2: str | None
    expenseid: str
    customfields: list[CustomValue]


def expense(row: Row) -> Expense:
    return {
        "id": str(row["id"]),
        "category": str(row["category_id"]),
        "currency": ref(row["currency_id"]),
        "amount": amount(row["amount"]),
        "tax": ref(row["tax_id"]),
        "tax2": ref(row["tax2_id"]),
        "reference_no": row["reference_no"],
        "note": row["note"],
        "expense_name": row["name"],
        "clientid": ref(row["customer_id"]),
        "project_id": ref(row["project_id"]),
        "billable": yes(row["billable"]),
        "invoiceid": text(row["invoice_id"]),
        "paymentmode": ref(row["payment_mode_id"]),
        "date": day(row["date"]),
        "recurring_type": row["recurring_type"],
        "repeat_every": str(row["repeat_every"]),
        "recurring": yes(row["recurring"]),
        "cycles": str(row["cycles"]),
        "total_cycles": str(row["total_cycles"]),
        "custom_recurring": yes(row["recurring_type"] not in (None, "month")),
        "last_recurring_date": None,
        "create_invoice_billable": "0",
        "send_invoice_to_customer": "0",
        "recurring_from": None,
        "dateadded": stamp(row["created_at"]),
        "addedfrom": ref(row["added_by_id"]),
        "is_expense_created_in_xero": "0",
    }


async def expenses_shown(ctx: Ctx, rows: Sequence[Row]) -> list[ExpenseShown]:
    """Expenses as Perfex joins them: customer, category, payment mode and taxes."""
    ids = [r["id"] for r in rows]
    tax_ids = [t for r in rows for t in (r["tax_id"], r["tax2_id"])]
    clients, categories, modes, taxes, custom = await asyncio.gather(
        neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
        neighbours.lookups_by_id(ctx, "expense_categories", [r["category_id"] for r in rows]),
        neighbours.lookups_by_id(ctx, "payment_modes", [r["payment_mode_id"] for r in rows]),
        neighbours.lookups_by_id(ctx, "taxes", tax_ids),
        neighbours.custom_values(ctx, "expenses", ids),
    )  # fmt: skip
    shaped: list[ExpenseShown] = []
    for r in rows:
        category, mode = categories.get(r["category_id"]), modes.get(r["payment_mode_id"])
        tax, tax2 = taxes.get(r["tax_id"]), taxes.get(r["tax2_id"])
        shaped.append({
            **customer_joined(clients.get(r["customer_id"])),
            **expense(r),
            "name": None if category is None else category["name"],
            "description": None if category is None else category["description"],
            "show_on_pdf": yes(mode["show_on_pdf"] if mode else False),
            "invoices_only": yes(mode["invoices_only"] if mode else False),
            "expenses_only": yes(mode["expenses_only"] if mode else False),
            "selected_by_default": yes(mode["selected_by_default"] if mode else False),
            "taxrate": None if tax is None else amount(tax["rate"]),
            "category_name": None if category is None else category["name"],
            "payment_mode_name": None if mode is None else mode["name"],
            "tax_name": None if tax is None else tax["name"],
            "tax_name2": None if tax2 is None else tax2["name"],
            "taxrate2": None if tax2 is None else amount(tax2["rate"]),
            "expenseid": str(r["id"]),
            "customfields": custom.get(r["id"], []),
        })  # fmt: skip
    return shaped


SUBSCRIPTION_IN = FieldMap(
    fields={
        "clientid": "customer_id",
        "tax_id": reference("tax_id"),
        "tax_id_2": reference("tax2_id"),
        "project_id": reference("project_id"),
        "description_in_item": flag("description_in_item"),
        "in_test_environment": flag("in_test_environment"),
        **{
            name: optional(name)
            for name in ("date", "next_billing_cycle", "ends_at", "date_subscribed", "last_sent_at")
        },
    },  # fmt: skip
    ignore=frozenset({"id", "created", "created_from"}),
    model=subscriptions.SubscriptionFields,
    required=("name", "clientid"),
)


def _unix(value: Any) -> str | None:
    return None if value is None else str(int(value.timestamp()))


class Subscription(TypedDict):
    """A subscription as Perfex reads it (billing times as unix seconds)."""

    id: str
    name: str
    description: str
    description_in_item: str
    clientid: str
    date: str | None
    terms: str
    currency: str
    tax_id: str
    stripe_tax_id_2: str
    stripe_plan_id: str
    stripe_subscription_id: str
    tax_id_2: str
    next_billing_cycle: str | None
    ends_at: str | None
    status: str
    quantity: str
    unit_price: str | None
    project_id: str
    hash: str
    created: str
    created_from: str
    date_subscribed: str | None
    in_test_environment: str
    last_sent_at: str | None


async def subscriptions_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Subscription]:
    return [
        {
            "id": str(r["id"]),
            "name": r["name"],
            "description": r["description"],
            "description_in_item": yes(r["description_in_item"]),
            "clientid": str(r["customer_id"]),
            "date": day(r["date"]),
            "terms": r["terms"],
            "currency": ref(r["currency_id"]),
            "tax_id": ref(r["tax_id"]),
            "stripe_tax_id_2": r["stripe_tax_id_2"],
            "stripe_plan_id": r["stripe_plan_id"],
            "stripe_subscription_id": r["stripe_subscription_id"],
            "tax_id_2": ref(r["tax2_id"]),
            "next_billing_cycle": _unix(r["next_billing_cycle"]),
            "ends_at": _unix(r["ends_at"]),
            "status": r["status"],
            "quantity": str(r["quantity"]),
            "unit_price": amount(r["unit_price"]),
            "project_id": ref(r["project_id"]),
            "hash": r["hash"],
            "created": stamp(r["created_at"]),
            "created_from": ref(r["created_by_id"]),
            "date_subscribed": stamp(r["date_subscribed"]),
            "in_test_environment": yes(r["in_test_environment"]),
            "last_sent_at": stamp(r["last_sent_at"]),
        }
        for r in rows
    ]


# GET /api/common/{type}: each list in the shape its own example shows.
class ExpenseCategory(TypedDict):
    id: str
    name: str
    description: str | None


class PaymentMode(TypedDict):
    id: str
    name: str
    description: str | None
    show_on_pdf: str
    invoices_only: str
    expenses_only: str
    selected_by_default: str
    active: str


class TaxRate(TypedDict):
    id: str
    name: str
    taxrate: str | None


def expense_category(row: Row) -> ExpenseCategory:
    return {"id": str(row["id"]), "name": row["name"], "description": row["description"]}


def payment_mode(row: Row) -> PaymentMode:
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "description": row["description"],
        "show_on_pdf": yes(row["show_on_pdf"]),
        "invoices_only": yes(row["invoices_only"]),
        "expenses_only": yes(row["expenses_only"]),
        "selected_by_default": yes(row["selected_by_default"]),
        "active": yes(row["active"]),
    }


def tax(row: Row) -> TaxRate:
    return {"id": str(row["id"]), "name": row["name"], "taxrate": amount(row["rate"])}


COMMON_SHAPES = {"expense_category": expense_category, "payment_mode": payment_mode,
                 "tax_data": tax}  # fmt: skip
