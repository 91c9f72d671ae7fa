"""v2's invoices, quotes, products and transactions."""

from __future__ import annotations

from resolvers import estimates, invoices, items, transactions
from resolvers.core.patterns import BLANK
from rest_compat.readers import any_case_of, either, named_codes
from rest_compat.v2.fields import sales
from rest_compat.v2.routes.common import create_row, day, list_row, number, text

DATES = (day("date_from", "Start date (on or after)"), day("date_to", "End date (on or before)"))
INVOICE_FILTERS = (
    text(
        "status",
        "Paid, Unpaid, Partially Paid (or Overdue, Draft...)",
        named_codes(invoices.STATUS_NAMES),
    ),
    number("customer_id", "Filter by customer"),
    *DATES,
)
TRANSACTION_FILTERS = (
    text("type", "Income or Expense", either(any_case_of(transactions.TYPES), BLANK)),
    number("account_id", "Filter by account"),
    *DATES,
)
PRODUCT_FILTERS = (text("search", "Search term for filtering"),)
QUOTE_FILTERS = (number("customer_id", "Filter by customer"),)

ROUTES = [
    list_row("/api/v2/invoices", invoices.list_invoices, sales.invoice, "List All Invoices",
             *INVOICE_FILTERS),
    create_row("/api/v2/invoices", invoices.create_invoice, sales.invoice, "Create Invoice",
               sales.INVOICE_IN),
    list_row("/api/v2/transactions", transactions.list_transactions, sales.transaction,
             "List Transactions", *TRANSACTION_FILTERS),
    create_row("/api/v2/transactions", transactions.record_transaction, sales.transaction,
               "Record Transaction", sales.TRANSACTION_IN),
    list_row("/api/v2/products", items.list_items, sales.product, "List Products",
             *PRODUCT_FILTERS),
    create_row("/api/v2/products", items.create_item, sales.product, "Create Product",
               sales.PRODUCT_IN),
    list_row("/api/v2/quotes", estimates.list_estimates, sales.quote, "List Quotes",
             *QUOTE_FILTERS),
    create_row("/api/v2/quotes", estimates.create_estimate, sales.quote, "Create Quote",
               sales.QUOTE_IN),
]  # fmt: skip
