"""perfex rows for payments, items, expenses, subscriptions, the common lists and
custom field values."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from starlette.responses import Response

from resolvers import custom_fields, expenses, items, payments, reference, subscriptions
from resolvers.core.context import Ctx, Row
from resolvers.core.numbers import whole_number
from rest_compat.envelopes import reply
from rest_compat.perfex import billing
from rest_compat.perfex.bodies import change, change_by_body_id, create, recurring
from rest_compat.perfex.listing import PAGING, every, everything, keywords, numbered_search, paged
from rest_compat.perfex.replies import (
    NO_DATA,
    Refused,
    many,
    needs_data,
    not_added,
    not_updated,
    one,
    refusal,
    refusing,
    wrote,
)
from rest_compat.readers import path_id, path_text
from rest_compat.reply_schemas import array, replies, shape_schema
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R

KEY = "paymentmode"  # the payment rows answer with this key where others say "status"


def _payment_not_added(call: Call, refused: Refused) -> Response:
    # The document shows one failed add (404, "Payment add fail."): a refusal by the
    # invoice's state (its balance, a draft) is answered so too, the field named.
    return refusal(call, refused, key=KEY, statuses={"CONFLICT": 404}, message=call.row.fail)


async def payment_by_text(ctx: Ctx, text: str) -> list[Row]:
    """GET /api/payments/{id} answers an array; an id naming nothing is an empty one."""
    payment_id = whole_number(text)
    if payment_id is None:
        return []
    found = await payments.get_payment(ctx, payment_id)
    return [] if found is None else [found]


async def raw_id(call: Call) -> Args:
    return (call.path("id"),), {}


def common(kind: str) -> Any:
    async def read(call: Call) -> Args:
        return (kind,), {}

    return read


# Each common list in its own shape (the path names it).
@replies({"anyOf": [array(shape_schema(shape)) for shape in billing.COMMON_SHAPES.values()]})
async def common_shown(call: Call, result: list[Row]) -> Response:
    shape = billing.COMMON_SHAPES[call.path("type") if "type" in call.request.path_params
                                  else call.row.path.rsplit("/", 1)[1]]  # fmt: skip
    if not result:
        return reply({"status": False, "message": NO_DATA}, 404)
    return reply([shape(r) for r in result])


async def custom_values_query(call: Call) -> Args:
    belongs = call.path("FieldBelongsto")
    record_id = call.id("id") if "id" in call.request.path_params else 0
    return (belongs, [record_id]), {}


class CustomFieldValue(TypedDict):
    field_name: str
    custom_field_id: str
    label: str
    required: str
    type: str
    value: str
    options: NotRequired[str]  # choice fields only: their options, JSON-encoded


def custom_field_value(v: dict[str, Any]) -> CustomFieldValue:
    shown: CustomFieldValue = {
        "field_name": v["field_name"],
        "custom_field_id": str(v["custom_field_id"]),
        "label": v["label"],
        "required": "1" if v["required"] else "0",
        "type": v["type"],
        "value": v["value"],
    }
    if "options" in v:
        shown["options"] = v["options"]
    return shown


@replies(array(shape_schema(custom_field_value)))
async def custom_values_shown(call: Call, result: list[list[dict[str, Any]]]) -> Response:
    values = result[0] if result else []
    if not values:
        return reply({"status": False, "message": NO_DATA}, 404)
    return reply([custom_field_value(v) for v in values])


ROUTES = [
    # Payments: their replies say "paymentmode" where the others say "status".
    R("POST", "/api/payments", refusing(payments.create_payment), create(),
      wrote("Payment add successful.", key=KEY, refused=_payment_not_added),
      "Payments – Add New Payment",
      fields=billing.PAYMENT_IN, fail="Payment add fail."),
    R("GET", "/api/payments/{id}", refusing(payment_by_text), raw_id,
      many(billing.payments_shown, key=KEY), "Payments – List all Payments", fail=NO_DATA,
      label="Payment"),
    R("GET", "/api/payments", refusing(every(payments.list_payments)), everything,
      many(billing.payments_shown, key=KEY), "Payments – List all Payments (no payment id)",
      fail=NO_DATA),
    R("GET", "/api/payments/search/{keysearch}", refusing(every(payments.list_payments)),
      keywords, many(billing.payments_shown, key=KEY), "Payments – Search Payments Information",
      fail=NO_DATA),
    # Items
    R("POST", "/api/items", items.create_item, create(),
      wrote("Item created successfully", id_key="item_id"), "Items – Create New Item",
      fields=billing.ITEM_IN, fail="Item creation failed"),
    R("DELETE", "/api/delete/items/{id}", items.delete_item, path_id(),
      wrote("Item deleted successfully"), "Items – Delete an Item",
      fail="Item deletion failed", label="Item"),
    R("GET", "/api/items/{id}", items.get_item, path_id(), one(billing.items_shown),
      "Items – Request Item information", fail=NO_DATA, label="Item"),
    R("GET", "/api/items", every(items.list_items), everything, many(billing.items_shown),
      "Items – Request Item information (every item)", fail=NO_DATA),
    R("GET", "/api/items/search/{keysearch}", items.list_items, numbered_search,
      paged(billing.items_shown, empty_is_missing=True), "Items – Search Items", fail=NO_DATA,
      query=PAGING),
    R("PUT", "/api/items/{id}", items.update_item, change(), wrote("Item updated successfully"),
      "Items – Update an Item", fields=billing.ITEM_IN, fail="Item update failed", label="Item"),
    # Expenses
    R("POST", "/api/expenses", expenses.create_expense, create(recurring),
      wrote("Expense Added Successfully"), "Expenses – Add Expense",
      fields=billing.EXPENSE_IN, fail="Expense Add Fail"),
    R("DELETE", "/api/expenses/{id}", expenses.delete_expense, path_id(),
      wrote("Expense Deleted Successfully"), "Expenses – Delete Expense",
      fail="Expense Delete Fail", label="Expense"),
    R("GET", "/api/expenses/{id}", expenses.get_expense, path_id(),
      one(billing.expenses_shown, listed=True), "Expenses – Request Expense information",
      fail=NO_DATA, label="Expense"),
    R("GET", "/api/expenses/search/{keysearch}", every(expenses.list_expenses), keywords,
      many(billing.expenses_shown), "Expenses – Search Expenses information", fail=NO_DATA),
    R("PUT", "/api/expenses", expenses.update_expense, change_by_body_id(recurring),
      wrote("Expense Updated Successfully"), "Expenses – Update a Expense",
      fields=billing.EXPENSE_IN, fail="Expense Update Fail", label="Expense"),
    # Subscriptions
    R("POST", "/api/subscriptions", refusing(subscriptions.create_subscription), create(),
      wrote("Data Added Successfully", refused=not_added(400)),
      "Subscriptions – Add New Subscription", fields=billing.SUBSCRIPTION_IN,
      fail="Data not Added"),
    R("DELETE", "/api/subscriptions/{id}", subscriptions.delete_subscription, path_id(),
      wrote("Delete Successful."), "Subscriptions – Delete a Subscription",
      fail="Delete Fail.", label="Subscription"),
    R("GET", "/api/subscriptions/{id}", subscriptions.get_subscription, path_id(),
      one(billing.subscriptions_shown, listed=True),
      "Subscriptions – Request Subscription Information", fail=NO_DATA, label="Subscription"),
    R("GET", "/api/subscriptions", every(subscriptions.list_subscriptions), everything,
      many(billing.subscriptions_shown), "Subscriptions – Request all Subscriptions",
      fail=NO_DATA),
    R("PUT", "/api/subscriptions/{id}",
      refusing(needs_data(subscriptions.update_subscription)), change(),
      wrote("Data Update Successful.", refused=not_updated),
      "Subscriptions – Update a Subscription", fields=billing.SUBSCRIPTION_IN,
      fail="Data Update Fail.", label="Subscription"),
    # The common lists
    R("GET", "/api/common/{type}", reference.common_data, path_text("type"), common_shown,
      "Common – Get Common Data", fail="Not valid data"),
    R("GET", "/api/common/expense_category", reference.common_data, common("expense_category"),
      common_shown, "Expense_Categories – Request Expense category", fail=NO_DATA),
    R("GET", "/api/common/payment_mode", reference.common_data, common("payment_mode"),
      common_shown, "Payment_Modes – Request Payment Modes", fail=NO_DATA),
    R("GET", "/api/common/tax_data", reference.common_data, common("tax_data"),
      common_shown, "Taxes – Request Taxes", fail=NO_DATA),
    # Custom field values of one record
    R("GET", "/api/custom_fields/{FieldBelongsto}/{id}", custom_fields.custom_values_for,
      custom_values_query, custom_values_shown,
      "Custom_Fields – Request Values of Custom Fields", fail=NO_DATA),
    R("GET", "/api/custom_fields/{FieldBelongsto}", custom_fields.custom_values_for,
      custom_values_query, custom_values_shown,
      "Custom_Fields – Request Custom Fields (no record id)", fail=NO_DATA),
]  # fmt: skip
