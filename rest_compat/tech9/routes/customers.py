"""tech9's customers and contacts. Paths perfex documents too follow the join rule."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.responses import Response

from resolvers import contacts, customers
from resolvers.core.context import Row
from resolvers.core.errors import NotFound
from resolvers.core.pagination import Page
from rest_compat import plans
from rest_compat.envelopes import reply
from rest_compat.readers import body, path_id, path_parent
from rest_compat.reply_schemas import replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.tech9 import fields
from rest_compat.tech9.routes.common import (
    PAGE_PARAMS,
    PAGING,
    created,
    page,
    page_body,
    page_of,
    paginated,
)


@replies(shape_schema(fields.customer))
async def customer_record(call: Call, result: Row | None) -> Response:
    if result is None:
        raise NotFound("Customer", call.path("id"))
    return reply(await fields.customer(call.ctx, result))


async def customer_page(call: Call) -> Args:
    asked = page_of(call)
    query = customers.CustomerQuery(search=call.query.get("q") or None)
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


@replies(page(shape_schema(fields.customer)))
async def customer_list(call: Call, result: Page) -> Response:
    data: list[Any] = await asyncio.gather(
        *(fields.customer(call.ctx, r, with_contacts=False) for r in result.rows)
    )
    return paginated(call, data, result.total)


ROUTES = [
    R("POST", "/api/customers", customers.create_customer, body(), created, "Create Customer",
      fields=fields.CUSTOMER_IN, status=201),
    R("POST", "/api/customers/{id}/contacts",
      path_parent(contacts.create_contact, "customer_id", "Customer"), body(customer_id="id"),
      created, "Add Contact", fields=fields.CONTACT_IN, status=201, label="Customer"),
    R("GET", "/api/customers/{id}", customers.get_customer, path_id(), customer_record,
      "Get Customer", label="Customer"),
    R("GET", "/api/customers", customers.find_customers, customer_page, customer_list,
      "List Customers (paginated)", query=(*PAGING, Param("q", "Search words")),
      plan=plans.page(fields.LISTED_JSON, page_of, page_body, PAGE_PARAMS)),
]  # fmt: skip
