"""The v1 route table."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.responses import Response

from resolvers import contacts, contracts, customers, estimates, invoices, projects, tickets
from resolvers.context import Ctx, Row
from resolvers.errors import NotFound
from resolvers.pagination import Page
from rest_compat.envelopes import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    PageInfo,
    PageRequest,
    reply,
)
from rest_compat.paging import CursorList, numbered
from rest_compat.readers import body, id_and_body, path_id, query_bool, query_int
from rest_compat.routing import Args, Call, Param, Shaper
from rest_compat.routing import Row as R
from rest_compat.v1 import fields

Shape = Callable[[Ctx, Row], Awaitable[dict[str, Any]]]


async def customer_shape(ctx: Ctx, row: Row) -> dict[str, Any]:
    return await fields.customer(ctx, row)


async def contact_shape(ctx: Ctx, row: Row) -> dict[str, Any]:
    return fields.contact(row)


async def plain_shape(ctx: Ctx, row: Row) -> dict[str, Any]:
    return fields.plain(row)


def record(shape: Shape, status: int = 200) -> Shaper:
    async def reply_with(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound(call.row.label, call.path("id"))
        return reply(await shape(call.ctx, result), status)

    return reply_with


def page_of(call: Call) -> PageRequest:
    per_page = query_int(call, "per_page", 0, low=1, high=MAX_PER_PAGE) or query_int(
        call, "limit", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE
    )
    return PageRequest(page=query_int(call, "page", 1), per_page=per_page)


def listing(shape: Shape) -> Shaper:
    async def reply_with(call: Call, result: Page) -> Response:
        info = PageInfo.of(result, page_of(call))
        data = await asyncio.gather(*(shape(call.ctx, r) for r in result.rows))
        meta = {"page": info.page, "per_page": info.per_page, "total": info.total,
                "total_pages": info.total_pages}  # fmt: skip
        return reply({"data": list(data), "meta": meta})

    return reply_with


async def deleted(call: Call, result: Row) -> Response:
    return reply({"id": result["id"], "deleted": True})


async def customer_page(call: Call) -> Args:
    asked = page_of(call)
    query = customers.CustomerQuery(search=call.query.get("search") or None)
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


async def contact_page(call: Call) -> Args:
    asked = page_of(call)
    customer = call.query.get("customer_id")
    query = contacts.ContactQuery(
        customer_id=query_int(call, "customer_id", 0) if customer else None,
        active=query_bool(call, "active"),
        is_primary=query_bool(call, "is_primary"),
        search=call.query.get("search") or None,
    )
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


async def customer_and_page(call: Call) -> Args:
    return (call.id("id"), page_of(call)), {}


async def contacts_of_customer(ctx: Ctx, customer_id: int, asked: PageRequest) -> Page:
    if await customers.get_customer(ctx, customer_id) is None:
        raise NotFound("Customer", customer_id)
    query = contacts.ContactQuery(customer_id=customer_id)
    return await contacts.find_contacts(ctx, query, offset=asked.offset, limit=asked.per_page)


def of_customer(list_fn: CursorList) -> Callable[[Ctx, int, PageRequest], Awaitable[Page]]:
    async def operation(ctx: Ctx, customer_id: int, asked: PageRequest) -> Page:
        if await customers.get_customer(ctx, customer_id) is None:
            raise NotFound("Customer", customer_id)
        return await numbered(list_fn, ctx, asked, customer_id=customer_id)

    return operation


PER_PAGE = f"Records per page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}); or limit"
PAGING = (Param("page", "Page number, from 1", "integer"), Param("per_page", PER_PAGE, "integer"))

ROUTES = [
    R("GET", "/api/v1/customers", customers.find_customers, customer_page,
      listing(customer_shape), "Get all customers with pagination",
      query=(*PAGING, Param("search", "Words to find"))),
    R("GET", "/api/v1/customers/{id}", customers.get_customer, path_id(),
      record(customer_shape), "Get specific customer by ID", label="Customer"),
    R("POST", "/api/v1/customers", customers.create_customer_with_contacts, body(),
      record(customer_shape, 201), "Create new customer", fields=fields.CUSTOMER_IN,
      status=201),
    R("PUT", "/api/v1/customers/{id}", customers.update_customer_with_contacts, id_and_body(),
      record(customer_shape), "Update existing customer", fields=fields.CUSTOMER_IN,
      label="Customer"),
    R("DELETE", "/api/v1/customers/{id}", customers.delete_customer, path_id(), deleted,
      "Delete customer", label="Customer"),
    R("GET", "/api/v1/customers/{id}/contacts", contacts_of_customer, customer_and_page,
      listing(contact_shape), "List contacts for a customer", query=PAGING, label="Customer"),
    R("GET", "/api/v1/contacts", contacts.find_contacts, contact_page, listing(contact_shape),
      "List all contacts with pagination. Filterable by customer_id, active, search, is_primary",
      query=(*PAGING, Param("customer_id", type="integer"), Param("active", type="boolean"),
             Param("search"), Param("is_primary", type="boolean"))),
    R("GET", "/api/v1/contacts/{id}", contacts.get_contact, path_id(), record(contact_shape),
      "Get contact details by ID", label="Contact"),
    R("POST", "/api/v1/contacts", contacts.create_contact, body(), record(contact_shape, 201),
      "Create a new contact. Required: userid (customer_id), firstname, lastname, email. "
      "Email must be unique per customer", fields=fields.CONTACT_IN, status=201),
    R("PUT", "/api/v1/contacts/{id}", contacts.update_contact, id_and_body(),
      record(contact_shape), "Update an existing contact", fields=fields.CONTACT_IN,
      label="Contact"),
    R("DELETE", "/api/v1/contacts/{id}", contacts.delete_contact, path_id(), deleted,
      "Delete a contact. Primary contacts cannot be deleted", label="Contact"),
]  # fmt: skip

# A customer's records in the other domains.
SUB_LISTS: tuple[tuple[str, CursorList], ...] = (
    ("projects", projects.list_projects),
    ("invoices", invoices.list_invoices),
    ("estimates", estimates.list_estimates),
    ("tickets", tickets.list_tickets),
    ("contracts", contracts.list_contracts),
)

ROUTES += [
    R("GET", f"/api/v1/customers/{{id}}/{name}", of_customer(list_fn), customer_and_page,
      listing(plain_shape), f"List {name} for a customer", query=PAGING, label="Customer")
    for name, list_fn in SUB_LISTS
]  # fmt: skip
