"""The tech9 route table. Paths perfex documents too follow the join rule (rest_compat.join)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.responses import Response

from resolvers import contacts, customers
from resolvers.context import Row
from resolvers.errors import NotFound
from resolvers.pagination import Page
from rest_compat.envelopes import DEFAULT_PER_PAGE, MAX_PER_PAGE, PageRequest, reply
from rest_compat.readers import body, path_id, path_parent, query_int
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Row as R
from rest_compat.tech9 import fields


async def created(call: Call, result: Row) -> Response:
    return reply({"id": result["id"]}, 201)


async def customer_record(call: Call, result: Row | None) -> Response:
    if result is None:
        raise NotFound("Customer", call.path("id"))
    return reply(await fields.customer(call.ctx, result))


def page_of(call: Call) -> PageRequest:
    return PageRequest(
        page=query_int(call, "page", 1),
        per_page=query_int(call, "per_page", DEFAULT_PER_PAGE, high=MAX_PER_PAGE),
    )


async def customer_page(call: Call) -> Args:
    asked = page_of(call)
    query = customers.CustomerQuery(search=call.query.get("q") or None)
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


async def customer_list(call: Call, result: Page) -> Response:
    asked = page_of(call)
    data: list[Any] = await asyncio.gather(
        *(fields.customer(call.ctx, r, with_contacts=False) for r in result.rows)
    )
    return reply({"data": data, "page": asked.page, "per_page": asked.per_page,
                  "total": result.total})  # fmt: skip


PAGING = (Param("page", "Page number, from 1", "integer"),
          Param("per_page", f"Records per page, at most {MAX_PER_PAGE}", "integer"))  # fmt: skip

ROUTES = [
    R("POST", "/api/customers", customers.create_customer, body(), created, "Create Customer",
      fields=fields.CUSTOMER_IN, status=201),
    R("POST", "/api/customers/{id}/contacts",
      path_parent(contacts.create_contact, "customer_id", "Customer"), body(customer_id="id"),
      created, "Add Contact", fields=fields.CONTACT_IN, status=201, label="Customer"),
    R("GET", "/api/customers/{id}", customers.get_customer, path_id(), customer_record,
      "Get Customer", label="Customer"),
    R("GET", "/api/customers", customers.find_customers, customer_page, customer_list,
      "List Customers (paginated)", query=(*PAGING, Param("q", "Search words"))),
]  # fmt: skip
