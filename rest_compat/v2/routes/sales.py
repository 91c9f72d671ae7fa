"""v2's invoices, quotes, products and transactions."""

from __future__ import annotations

from resolvers import estimates, invoices, items, transactions
from rest_compat.readers import body
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.v2.fields import sales
from rest_compat.v2.routes.common import (
    PAGING,
    filters,
    listing,
    page_args,
    query_date,
    query_id,
    query_text,
    record,
)


async def invoice_page(call: Call) -> Args:
    return (page_args(call),), filters(
        status=query_text(call, "status"), customer_id=query_id(call, "customer_id"),
        date_from=query_date(call, "date_from"), date_to=query_date(call, "date_to"),
    )  # fmt: skip


async def quote_page(call: Call) -> Args:
    return (page_args(call),), filters(customer_id=query_id(call, "customer_id"))


async def product_page(call: Call) -> Args:
    return (page_args(call),), filters(search=query_text(call, "search"))


async def transaction_page(call: Call) -> Args:
    return (page_args(call),), filters(
        type=query_text(call, "type"), account_id=query_id(call, "account_id"),
        date_from=query_date(call, "date_from"), date_to=query_date(call, "date_to"),
    )  # fmt: skip


DATES = (
    Param("date_from", "Start date (on or after)"),
    Param("date_to", "End date (on or before)"),
)

ROUTES = [
    R("GET", "/api/v2/invoices", invoices.list_invoices, invoice_page, listing(sales.invoice),
      "List All Invoices",
      query=(*PAGING, Param("status", "Paid, Unpaid, Partially Paid (or Overdue, Draft...)"),
             Param("customer_id", "Filter by customer", "integer"), *DATES)),
    R("POST", "/api/v2/invoices", invoices.create_invoice, body(), record(sales.invoice, 201),
      "Create Invoice", fields=sales.INVOICE_IN, status=201),
    R("GET", "/api/v2/transactions", transactions.list_transactions, transaction_page,
      listing(sales.transaction), "List Transactions",
      query=(*PAGING, Param("type", "Income or Expense"),
             Param("account_id", "Filter by account", "integer"), *DATES)),
    R("POST", "/api/v2/transactions", transactions.record_transaction, body(),
      record(sales.transaction, 201), "Record Transaction", fields=sales.TRANSACTION_IN,
      status=201),
    R("GET", "/api/v2/products", items.list_items, product_page, listing(sales.product),
      "List Products", query=(*PAGING, Param("search", "Search term for filtering"))),
    R("POST", "/api/v2/products", items.create_item, body(), record(sales.product, 201),
      "Create Product", fields=sales.PRODUCT_IN, status=201),
    R("GET", "/api/v2/quotes", estimates.list_estimates, quote_page, listing(sales.quote),
      "List Quotes", query=(*PAGING, Param("customer_id", "Filter by customer", "integer"))),
    R("POST", "/api/v2/quotes", estimates.create_estimate, body(), record(sales.quote, 201),
      "Create Quote", fields=sales.QUOTE_IN, status=201),
]  # fmt: skip
