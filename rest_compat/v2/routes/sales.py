"""v2's invoices, quotes, products and transactions."""

from __future__ import annotations

from resolvers import estimates, invoices, items, transactions
from rest_compat.readers import BLANK, any_case_of, body, either, named_codes
from rest_compat.routing import Endpoint as R
from rest_compat.v2.fields import sales
from rest_compat.v2.routes.common import (
    day,
    filter_params,
    filtered_pages,
    listing,
    number,
    record,
    text,
)

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
    R("GET", "/api/v2/invoices", invoices.list_invoices, filtered_pages(*INVOICE_FILTERS),
      listing(sales.invoice), "List All Invoices", query=filter_params(*INVOICE_FILTERS)),
    R("POST", "/api/v2/invoices", invoices.create_invoice, body(), record(sales.invoice, 201),
      "Create Invoice", fields=sales.INVOICE_IN, status=201),
    R("GET", "/api/v2/transactions", transactions.list_transactions,
      filtered_pages(*TRANSACTION_FILTERS), listing(sales.transaction), "List Transactions",
      query=filter_params(*TRANSACTION_FILTERS)),
    R("POST", "/api/v2/transactions", transactions.record_transaction, body(),
      record(sales.transaction, 201), "Record Transaction", fields=sales.TRANSACTION_IN,
      status=201),
    R("GET", "/api/v2/products", items.list_items, filtered_pages(*PRODUCT_FILTERS),
      listing(sales.product), "List Products", query=filter_params(*PRODUCT_FILTERS)),
    R("POST", "/api/v2/products", items.create_item, body(), record(sales.product, 201),
      "Create Product", fields=sales.PRODUCT_IN, status=201),
    R("GET", "/api/v2/quotes", estimates.list_estimates, filtered_pages(*QUOTE_FILTERS),
      listing(sales.quote), "List Quotes", query=filter_params(*QUOTE_FILTERS)),
    R("POST", "/api/v2/quotes", estimates.create_estimate, body(), record(sales.quote, 201),
      "Create Quote", fields=sales.QUOTE_IN, status=201),
]  # fmt: skip
