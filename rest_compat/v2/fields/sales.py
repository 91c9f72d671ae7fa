"""v2's invoices, quotes, products and transactions: a line's `amount` is its unit price,
`valid_until` a quote's expiry, a product's `name`/`price`/`tax_rate`, statuses by name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict

from resolvers import estimates, invoices
from resolvers.core.context import Ctx, Row
from resolvers.estimates import EstimateFields
from resolvers.invoices import InvoiceFields
from resolvers.items import ItemFields
from resolvers.line_items.inputs import LineItemInput
from resolvers.numbering import formatted_number
from resolvers.reference import lookups_by_id
from resolvers.transactions import TYPES, TransactionCreate
from rest_compat.envelopes import iso_date, iso_time
from rest_compat.readers import any_case_of
from rest_compat.renames import FieldMap
from rest_compat.tech9.fields.common import lookup_name

# A line as v2 writes it: `amount` is the unit price, `qty` how many.
ITEM_IN = FieldMap(fields={"amount": "rate"}, model=LineItemInput)
ITEMS_SCHEMA: dict[str, dict[str, Any]] = {
    "items": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "amount"],
            "properties": {
                "description": {"type": "string"},
                "amount": {"type": "number", "description": "The unit price"},
                "qty": {"type": "number", "description": "1 when left out"},
            },
        },
    }
}

INVOICE_IN = FieldMap(
    fields={"notes": "client_note"},
    nested={"items": ITEM_IN},
    model=InvoiceFields,
    required=("customer_id", "items"),
    schema={**ITEMS_SCHEMA, "notes": {"type": "string"}},
)

QUOTE_IN = FieldMap(
    fields={"valid_until": "expiry_date", "notes": "client_note"},
    nested={"items": ITEM_IN},
    model=EstimateFields,
    required=("customer_id", "items"),
    schema={**ITEMS_SCHEMA, "notes": {"type": "string"},
            "valid_until": {"type": "string", "format": "date"}},
)  # fmt: skip

PRODUCT_IN = FieldMap(
    fields={"name": "description", "price": "rate", "description": "long_description"},
    model=ItemFields,
    required=("name", "price"),
    schema={"tax_rate": {"type": "number",
                         "description": "The rate of an existing tax (10 for 10%); 0 for none"}},
)  # fmt: skip

TRANSACTION_IN = FieldMap(
    fields={},
    model=TransactionCreate,
    required=("type", "account_id", "amount"),
    # transactions.transaction_type's rule: a type in any case, spaces around it.
    schema={"type": {"type": "string", "pattern": any_case_of(TYPES),
                     "description": "Income or Expense"}},
)  # fmt: skip


class Line(TypedDict):
    id: int
    description: str
    amount: Decimal
    qty: Decimal


class Invoice(TypedDict):
    id: int
    invoice_number: str
    customer_id: int
    date: str
    due_date: str | None
    currency: str | None
    amount: Decimal
    amount_due: Decimal
    status: str | None
    notes: str
    items: list[Line]
    created_at: str
    updated_at: str


class Quote(TypedDict):
    id: int
    quote_number: str
    customer_id: int
    date: str
    valid_until: str | None
    currency: str | None
    amount: Decimal
    status: str | None
    notes: str
    items: list[Line]
    created_at: str
    updated_at: str


class Product(TypedDict):
    id: int
    name: str
    price: Decimal
    description: str
    type: str
    tax_rate: Decimal
    unit: str
    created_at: str
    updated_at: str


class Transaction(TypedDict):
    id: int
    type: str
    account_id: int
    amount: Decimal
    category_id: int | None
    description: str
    date: str
    created_at: str


def line(row: Row) -> Line:
    return {"id": row["id"], "description": row["description"], "amount": row["rate"],
            "qty": row["qty"]}  # fmt: skip


async def invoice(ctx: Ctx, row: Row) -> Invoice:
    lines = await ctx.loader(invoices.items_by_invoice_id).load(row["id"])
    return {
        "id": row["id"],
        "invoice_number": formatted_number("invoices", row),
        "customer_id": row["customer_id"],
        "date": iso_date(row["date"]),
        "due_date": iso_date(row["due_date"]),
        "currency": await lookup_name(ctx, "currencies", row["currency_id"]),
        "amount": row["total"],
        "amount_due": row["amount_due"],
        "status": invoices.STATUS_NAMES.get(row["status"]),
        "notes": row["client_note"],
        "items": [line(r) for r in lines],
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


async def quote(ctx: Ctx, row: Row) -> Quote:
    lines = await ctx.loader(estimates.items_by_estimate_id).load(row["id"])
    return {
        "id": row["id"],
        "quote_number": formatted_number("estimates", row),
        "customer_id": row["customer_id"],
        "date": iso_date(row["date"]),
        "valid_until": iso_date(row["expiry_date"]),
        "currency": await lookup_name(ctx, "currencies", row["currency_id"]),
        "amount": row["total"],
        "status": estimates.STATUS_NAMES.get(row["status"]),
        "notes": row["client_note"],
        "items": [line(r) for r in lines],
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


async def _tax_rate(ctx: Ctx, tax_id: int | None) -> Decimal:
    if tax_id is None:
        return Decimal("0.00")
    tax: Row | None = await ctx.loader(lookups_by_id, "taxes").load(tax_id)
    return Decimal("0.00") if tax is None else Decimal(tax["rate"])


async def product(ctx: Ctx, row: Row) -> Product:
    return {
        "id": row["id"],
        "name": row["description"],
        "price": row["rate"],
        "description": row["long_description"],
        "type": row["type"],
        "tax_rate": await _tax_rate(ctx, row["tax_id"]),
        "unit": row["unit"],
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


async def transaction(ctx: Ctx, row: Row) -> Transaction:
    return {
        "id": row["id"],
        "type": str(row["type"]).capitalize(),
        "account_id": row["account_id"],
        "amount": row["amount"],
        "category_id": row["category_id"],
        "description": row["description"],
        "date": iso_date(row["date"]),
        "created_at": iso_time(row["created_at"]),
    }
