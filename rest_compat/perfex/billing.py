"""Payments, catalogue items, expenses, subscriptions and the common lists (expense
categories, payment modes, taxes) in Perfex's names."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from pydantic import ConfigDict

from resolvers import expenses, items, payments, subscriptions
from resolvers.core.context import Ctx, Row
from resolvers.core.patterns import BLANK, FALSE_WORDS, PY_SPACE, any_word
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import CUSTOM_EVERY, CUSTOM_TYPE, Repeats, optional, reference
from rest_compat.perfex.documents import (
    CUSTOMER_JOINED,
    MODE_FLAGS,
    NO_MODE,
    PAYMENT,
    custom_recurring,
    payment,
)
from rest_compat.perfex.formats import PERFEX, amount, yes
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.readers import any_case_of
from rest_compat.records import Field, batch_of, const, given, rows_of
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


async def _payments_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    modes = await neighbours.lookups_by_id(
        ctx, "payment_modes", [r["payment_mode_id"] for r in rows]
    )
    return [payment(r, modes.get(r["payment_mode_id"])) for r in rows]


payments_shown = batch_of(PAYMENT, _payments_shown)


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


# The tax and group references as numbers (0 for none).
ITEM = PERFEX.record(
    "Item",
    "id:str description long_description rate:amount tax=tax_id:number tax2=tax2_id:number"
    " unit group_id:number",
)
items_shown = rows_of(ITEM)


# Perfex's `recurring` reads a count of months itself (filling the kind), and "custom" with
# its kind: the model's rule (expenses.REPEATS_BY: a recurring expense names its
# recurring_type) holds as the reader fills it. Not recurring or a count, a custom repeat
# naming its kind or repeating never, or a recurring_type given.
_COUNT_OR_NONE: dict[str, Any] = {
    "anyOf": [{"type": "null"}, {"const": False}, {"type": "integer"},
              {"type": "string", "pattern": rf"^{PY_SPACE}*[0-9]+{PY_SPACE}*$"},
              {"type": "string", "pattern": BLANK},
              {"type": "string", "pattern": f"^(?:{any_word(FALSE_WORDS)})$"}]
}  # fmt: skip
_CUSTOM: dict[str, Any] = {"type": "string", "pattern": any_case_of(("custom",))}
_NEVER: dict[str, Any] = {
    "anyOf": [{"type": "null"}, {"const": 0}, {"type": "string", "pattern": BLANK},
              {"type": "string", "pattern": rf"^{PY_SPACE}*0+{PY_SPACE}*$"}]
}  # fmt: skip
_KIND: dict[str, Any] = {"enum": list(expenses.RECURRING_TYPES)}
PERFEX_REPEATS_BY: dict[str, Any] = {
    "anyOf": [
        {"properties": {"recurring": _COUNT_OR_NONE}},
        {"required": ["recurring_type"], "properties": {"recurring_type": _KIND}},
        {"required": ["recurring", CUSTOM_TYPE],
         "properties": {"recurring": _CUSTOM, CUSTOM_TYPE: _KIND}},
        {"required": ["recurring"], "properties": {"recurring": _CUSTOM, CUSTOM_EVERY: _NEVER}},
    ]
}  # fmt: skip


class PerfexExpenseFields(expenses.ExpenseFields):
    """An expense as Perfex's reader fills it: the model's fields, its repeat rule as
    above."""

    model_config = ConfigDict(json_schema_extra=PERFEX_REPEATS_BY)


EXPENSE_IN = FieldMap(
    fields={
        "expense_name": "name",
        "clientid": reference("customer_id"),
        "tax": reference("tax_id"),
        "tax2": reference("tax2_id"),
        "paymentmode": "payment_mode",
        "project_id": reference("project_id"),
        "billable": flag("billable"),
        "recurring": Repeats("repeat_every", "recurring_type", flag="recurring"),
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
    model=PerfexExpenseFields,
    required=("category", "amount", "date", "currency"),
)


EXPENSE = PERFEX.record(
    "Expense",
    "id:str category=category_id:str currency=currency_id:ref amount:amount tax=tax_id:ref"
    " tax2=tax2_id:ref reference_no note expense_name=name clientid=customer_id:ref"
    " project_id:ref billable:yes invoiceid=invoice_id:text paymentmode=payment_mode_id:ref"
    " date:day recurring_type? repeat_every:str recurring:yes cycles:str total_cycles:str",
    Field("custom_recurring", str, lambda row: yes(custom_recurring(row))),
    "last_recurring_date:null", const("create_invoice_billable", "0"),
    const("send_invoice_to_customer", "0"),
    "recurring_from:null dateadded=created_at:stamp addedfrom=added_by_id:ref",
    const("is_expense_created_in_xero", "0"),
)  # fmt: skip
_FLAGS = PERFEX.record("ModeFlags", MODE_FLAGS)
_NAMED = ("name", "description", "taxrate", "category_name", "payment_mode_name", "tax_name",
          "tax_name2", "taxrate2")  # fmt: skip
# An expense with its customer's fields beside it, its category, payment mode and taxes
# (Perfex joins them).
EXPENSE_SHOWN = PERFEX.record(
    "ExpenseShown", EXPENSE, CUSTOMER_JOINED, *(given(k, str | None) for k in _NAMED[:2]),
    _FLAGS, *(given(k, str | None) for k in _NAMED[2:]), given("expenseid", str),
    given("customfields", list[CustomValue]),
)  # fmt: skip


def _named(category: Row | None, mode: Row | None, tax: Row | None, tax2: Row | None) -> Row:
    def pick(row: Row | None, key: str) -> Any:
        return None if row is None else row[key]

    return {
        "name": pick(category, "name"), "description": pick(category, "description"),
        "taxrate": None if tax is None else amount(tax["rate"]),
        "category_name": pick(category, "name"), "payment_mode_name": pick(mode, "name"),
        "tax_name": pick(tax, "name"), "tax_name2": pick(tax2, "name"),
        "taxrate2": None if tax2 is None else amount(tax2["rate"]),
    }  # fmt: skip


async def _expenses_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
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
    shaped: list[dict[str, Any]] = []
    for r in rows:
        mode = modes.get(r["payment_mode_id"])
        named = _named(categories.get(r["category_id"]), mode, taxes.get(r["tax_id"]),
                       taxes.get(r["tax2_id"]))  # fmt: skip
        shaped.append({
            **CUSTOMER_JOINED(clients.get(r["customer_id"])), **EXPENSE(r),
            **{k: named[k] for k in _NAMED[:2]}, **_FLAGS(mode or NO_MODE),
            **{k: named[k] for k in _NAMED[2:]},
            "expenseid": str(r["id"]), "customfields": custom.get(r["id"], []),
        })  # fmt: skip
    return shaped


expenses_shown = batch_of(EXPENSE_SHOWN, _expenses_shown)


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


# A subscription as Perfex reads it (billing times as unix seconds).
SUBSCRIPTION = PERFEX.record(
    "Subscription",
    "id:str name description description_in_item:yes clientid=customer_id:str date:day terms"
    " currency=currency_id:ref tax_id:ref stripe_tax_id_2 stripe_plan_id stripe_subscription_id"
    " tax_id_2=tax2_id:ref",
    Field("next_billing_cycle", str | None, lambda row: _unix(row["next_billing_cycle"])),
    Field("ends_at", str | None, lambda row: _unix(row["ends_at"])),
    "status quantity:str unit_price:amount project_id:ref hash created=created_at:stamp"
    " created_from=created_by_id:ref date_subscribed:stamp? in_test_environment:yes"
    " last_sent_at:stamp?",
)
subscriptions_shown = rows_of(SUBSCRIPTION)

# GET /api/common/{type}: each list in the shape its own example shows.
COMMON_SHAPES = {
    "expense_category": PERFEX.record("ExpenseCategory", "id:str name description?"),
    "payment_mode": PERFEX.record(
        "PaymentMode", "id:str name description?", MODE_FLAGS, "active:yes"
    ),
    "tax_data": PERFEX.record("TaxRate", "id:str name taxrate=rate:amount"),
}
