"""v2's customers, one at a time and in batches."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from starlette.responses import Response

from resolvers import customers
from resolvers.core.context import Row
from resolvers.core.errors import Invalid, NotFound
from rest_compat import plans
from rest_compat.envelopes import reply
from rest_compat.errors import BadRequest
from rest_compat.readers import body, body_data, id_and_body, path_id
from rest_compat.reply_schemas import BOOLEAN, INTEGER, STRING, describe, obj, replies, shape_schema
from rest_compat.routing import Args, Call, Param, Shaper
from rest_compat.routing import Endpoint as R
from rest_compat.v2 import fields
from rest_compat.v2.routes.common import (
    PAGE_PARAMS,
    PAGING,
    listed,
    listing,
    one,
    one_body,
    page_body,
    page_of,
)

CUSTOMER = shape_schema(fields.customer)


def record(status: int = 200) -> Shaper:
    async def reply_with(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound("Customer", call.path("id"))
        return reply({"success": True, "data": await fields.customer(call.ctx, result)}, status)

    return describe(reply_with, one(CUSTOMER))


async def customer_page(call: Call) -> Args:
    asked = page_of(call)
    query = customers.CustomerQuery(search=call.query.get("search") or None)
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


customer_list = listing(fields.customer)


@replies(obj(success=BOOLEAN, data=obj(id=INTEGER), message=STRING))
async def deleted(call: Call, result: Row) -> Response:
    return reply({"success": True, "data": {"id": result["id"]}, "message": "Customer deleted"})


async def batch_items(call: Call) -> Args:
    data = body_data(call)
    if unknown := sorted(set(data) - {"customers"}):
        raise Invalid.field(unknown[0], "is not a field: send only customers")
    items = data.get("customers")
    if not isinstance(items, list):
        raise BadRequest('Send {"customers": [...]}: a list of customers', field="customers")
    return (items,), {}


@replies(listed(CUSTOMER))
async def batch_created(call: Call, result: Sequence[Row]) -> Response:
    data: list[Any] = list(await asyncio.gather(*(fields.customer(call.ctx, r) for r in result)))
    meta = {"current_page": 1, "total_pages": 1, "total_records": len(data)}
    return reply({"success": True, "data": data, "meta": meta}, 201)


ROUTES = [
    R("GET", "/api/v2/customers", customers.find_customers, customer_page, customer_list,
      "List All Customers",
      query=(*PAGING,
             Param("search", "Search term for filtering")),
      plan=plans.page(fields.CUSTOMER_JSON, page_of, page_body, PAGE_PARAMS)),
    R("POST", "/api/v2/customers", customers.create_customer_with_contacts, body(),
      record(201), "Create Customer", fields=fields.CUSTOMER_IN, status=201),
    R("GET", "/api/v2/customers/{id}", customers.get_customer, path_id(), record(),
      "Get Customer", label="Customer", plan=plans.record(fields.CUSTOMER_JSON, one_body)),
    R("PUT", "/api/v2/customers/{id}", customers.update_customer_with_contacts,
      id_and_body(replace_contacts=False),
      record(), "Update Customer", fields=fields.CUSTOMER_IN, label="Customer"),
    R("DELETE", "/api/v2/customers/{id}", customers.delete_customer, path_id(), deleted,
      "Delete Customer", label="Customer"),
    R("POST", "/api/v2/batch/customers", customers.create_customers, batch_items,
      batch_created, "Batch Create Customers", fields=fields.BATCH_IN, status=201),
]  # fmt: skip
