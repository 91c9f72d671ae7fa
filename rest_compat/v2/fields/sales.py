"""v2's invoices, quotes, products and transactions: a line's `amount` is its unit price,
`valid_until` a quote's expiry, a product's `name`/`price`/`tax_rate`, statuses by name."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from resolvers import estimates, invoices
from resolvers.core.context import Ctx, Row
from resolvers.estimates import EstimateFields
from resolvers.invoices import InvoiceFields
from resolvers.items import ItemFields
from resolvers.line_items.inputs import LineItemInput
from resolvers.numbering import formatted_number
from resolvers.reference import lookups_by_id
from resolvers.transactions import TYPES, TransactionCreate
from rest_compat.readers import any_case_of
from rest_compat.records import Field, Record, coded, list_of, loaded, loads
from rest_compat.renames import FieldMap
from rest_compat.tech9.fields.common import LINES_SCHEMA
from rest_compat.v2.fields.customers import V2

# A line as v2 writes it: `amount` is the unit price, `qty` how many.
ITEM_IN = FieldMap(fields={"amount": "rate"}, model=LineItemInput)
INVOICE_IN = FieldMap(
    fields={"notes": "client_note"},
    nested={"items": ITEM_IN},
    model=InvoiceFields,
    required=("customer_id", "items"),
    schema={**LINES_SCHEMA, "notes": {"type": "string"}},
)

QUOTE_IN = FieldMap(
    fields={"valid_until": "expiry_date", "notes": "client_note"},
    nested={"items": ITEM_IN},
    model=EstimateFields,
    required=("customer_id", "items"),
    schema={**LINES_SCHEMA, "notes": {"type": "string"},
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


LINE = V2.record("Line", "id:int description amount=rate:money qty:money")


def _document(
    name: str, table: str, lines: Any, statuses: Mapping[int, str], due: str, figures: str
) -> Record:
    """An invoice or a quote: its number, due date, figures, status by name and lines."""

    async def items(ctx: Ctx, row: Row) -> list[dict[str, Any]]:
        return [LINE(r) for r in await ctx.loader(lines).load(row["id"])]

    number = f"{name.lower()}_number"
    return V2.record(
        name, "id:int", Field(number, str, lambda row: formatted_number(table, row)),
        "customer_id:int date:iso_date", due, "currency=currency_id:currencies", figures,
        coded("status", statuses),
        "notes=client_note", loads("items", list_of(LINE), items),
        "created_at:iso_time updated_at:iso_time",
    )  # fmt: skip


INVOICE = _document("Invoice", "invoices", invoices.items_by_invoice_id, invoices.STATUS_NAMES,
                    "due_date:iso_date?", "amount=total:money amount_due:money")  # fmt: skip
QUOTE = _document("Quote", "estimates", estimates.items_by_estimate_id, estimates.STATUS_NAMES,
                  "valid_until=expiry_date:iso_date?", "amount=total:money")  # fmt: skip
invoice, quote = loaded(INVOICE), loaded(QUOTE)


async def _tax_rate(ctx: Ctx, row: Row) -> Decimal:
    if row["tax_id"] is None:
        return Decimal("0.00")
    tax: Row | None = await ctx.loader(lookups_by_id, "taxes").load(row["tax_id"])
    return Decimal("0.00") if tax is None else Decimal(tax["rate"])


PRODUCT = V2.record(
    "Product", "id:int name=description price=rate:money description=long_description type",
    loads("tax_rate", Decimal, _tax_rate), "unit created_at:iso_time updated_at:iso_time",
)  # fmt: skip
TRANSACTION = V2.record(
    "Transaction", "id:int",
    Field("type", str, lambda row: str(row["type"]).capitalize()),
    "account_id:int amount:money category_id:int? description date:iso_date created_at:iso_time",
)  # fmt: skip
product, transaction = loaded(PRODUCT), loaded(TRANSACTION)
