"""The ninja route table."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from starlette.responses import Response

from resolvers import customers
from resolvers.core.context import Row
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.pagination import Page
from resolvers.core.validation import AMOUNT_DIGITS
from resolvers.customers.reads import COMPARISONS
from rest_compat.envelopes import MAX_PER_PAGE, PageInfo, reply
from rest_compat.ninja import documents, fields
from rest_compat.readers import QUERY_INT_MAX, body_data, numbered_page, path_id, query_bool
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import INTEGER, STRING, Schema, array, obj, replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R

SORTS = {"name": "company", "balance": "balance", "number": "number", "id_number": "id_number",
         "created_at": "created_at", "updated_at": "updated_at", "id": "id"}  # fmt: skip
# `sort` as client_query reads it: a column as written, then |ASC or |DESC in any case;
# empty is no sort.
ORDERS = ("asc", "desc")
SORT_PATTERN = (
    f"^$|^({'|'.join(re.escape(c) for c in SORTS)})"
    rf"(\|({'|'.join(''.join(f'[{c}{c.upper()}]' for c in o) for o in ORDERS)})?)?$"
)


# An amount a balance filter compares with: ASCII digits, a sign and a fraction at most
# (no exponent, NaN or Infinity, which Decimal() would also read), of the size an amount
# column holds (NUMERIC(15, 2): PostgreSQL refuses a larger parameter); its filters' text.
AMOUNT_TEXT = rf"-?\d{{1,{AMOUNT_DIGITS}}}(?:\.\d{{1,2}})?"
BALANCE_TEXT = rf"^(?:(?:{'|'.join(COMPARISONS)}):{AMOUNT_TEXT})?$"
BETWEEN_TEXT = rf"^(?:{AMOUNT_TEXT}:{AMOUNT_TEXT})?$"


def _amount(text: str, field: str) -> Decimal:
    if not re.fullmatch(AMOUNT_TEXT, text, re.ASCII):
        raise Invalid.field(field, f"{text!r} is not an amount")
    return Decimal(text)


# The last second a datetime holds (9999-12-31T23:59:59Z): a time filter's bound.
LATEST_UNIX = 253402300799
TIMESTAMP = f"must be a unix timestamp from 0 to {LATEST_UNIX}"


def _moment(call: Call, name: str) -> datetime | None:
    raw = call.query.get(name)
    if not raw:
        return None
    text = raw.strip()
    # The length first: int() of thousands of digits is refused by Python itself.
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(LATEST_UNIX))
    if not digits or int(text) > LATEST_UNIX:
        raise Invalid.field(name, TIMESTAMP)
    return datetime.fromtimestamp(int(text), UTC)


def _client_ids(call: Call) -> list[int] | None:
    raw = call.query.get("client_id")
    if not raw:
        return None
    try:
        return [call.dialect.ids.decode(raw)]
    except NotFound:
        return []  # a filter on an id we never issued matches nothing


def client_query(call: Call) -> customers.CustomerQuery:
    q = call.query
    balance = None
    if q.get("balance"):
        op, _, amount = q["balance"].partition(":")
        balance = (op, _amount(amount, "balance"))
    between = None
    if q.get("between_balance"):
        low, sep, high = q["between_balance"].partition(":")
        if not sep:
            raise Invalid.field("between_balance", "use low:high, e.g. 10:20")
        between = (_amount(low, "between_balance"), _amount(high, "between_balance"))
    sort, direction = "id", "asc"
    if q.get("sort"):
        column, _, order = q["sort"].partition("|")
        if column not in SORTS or order.lower() not in ("", *ORDERS):
            raise Invalid.field("sort", f"use column|ASC or column|DESC with {', '.join(SORTS)}")
        sort, direction = SORTS[column], order.lower() or "asc"
    deleted = query_bool(call, "is_deleted") is True
    return customers.CustomerQuery(
        search=q.get("filter") or None, company=q.get("name") or None,
        contact_email=q.get("email") or None, number=q.get("number") or None,
        id_number=q.get("id_number") or None, ids=_client_ids(call), deleted=deleted,
        created_at=_moment(call, "created_at"), updated_at=_moment(call, "updated_at"),
        balance=balance, balance_between=between, sort=sort,
        direction="desc" if direction == "desc" else "asc",
    )  # fmt: skip


async def client_page(call: Call) -> Args:
    asked = numbered_page(call)
    return (client_query(call),), {"offset": asked.offset, "limit": asked.per_page}


CLIENT = shape_schema(fields.client)
LINKS: Schema = {
    "anyOf": [
        {"type": "object", "properties": {"next": STRING, "previous": STRING},
         "additionalProperties": False},
        {"type": "array", "items": STRING, "maxItems": 0},  # PHP's empty array: no page
    ]
}  # fmt: skip
PAGINATION = obj(total=INTEGER, count=INTEGER, per_page=INTEGER, current_page=INTEGER,
                 total_pages=INTEGER, links=LINKS)  # fmt: skip
CLIENTS = obj(data=array(CLIENT), meta=obj(pagination=PAGINATION))
ONE_CLIENT = obj(data=CLIENT)


def pagination(info: PageInfo, call: Call) -> dict[str, Any]:
    links: dict[str, str] = {}
    query = str(call.request.url.remove_query_params("page").query)
    base = call.link(call.request.url.path) + (f"?{query}" if query else "")
    joiner = "&" if query else "?"
    if info.page < info.total_pages:
        links["next"] = f"{base}{joiner}page={info.page + 1}"
    if info.page > 1:
        links["previous"] = f"{base}{joiner}page={info.page - 1}"
    return {"total": info.total, "count": info.count, "per_page": info.per_page,
            "current_page": info.page, "total_pages": info.total_pages,
            "links": links or []}  # fmt: skip


@replies(CLIENTS)
async def client_list(call: Call, result: Page) -> Response:
    info = PageInfo.of(result, numbered_page(call))
    documents = fields.wants_documents(call)
    data = await asyncio.gather(
        *(fields.client(call, r, with_documents=documents) for r in result.rows)
    )
    return reply({"data": list(data), "meta": {"pagination": pagination(info, call)}})


@replies(ONE_CLIENT)
async def one_client(call: Call, result: Row | None) -> Response:
    if result is None:
        raise NotFound("Client", call.path("id"))
    documents = fields.wants_documents(call)
    return reply({"data": await fields.client(call, result, with_documents=documents)})


def _contact_ids(call: Call, data: dict[str, Any]) -> dict[str, Any]:
    """Contacts name themselves by hashed id: turn those into the service's integers."""
    people = data.get("contacts")
    if not isinstance(people, list):
        return data
    decoded = []
    for index, person in enumerate(people):
        if isinstance(person, dict) and person.get("id") not in (None, ""):
            try:
                if not isinstance(person["id"], str):
                    raise NotFound("Contact", str(person["id"]))
                person = {**person, "id": call.dialect.ids.decode(person["id"])}
            except NotFound:
                raise Invalid.field(f"contacts.{index}.id", "is not a contact id") from None
        elif isinstance(person, dict):
            person = {k: v for k, v in person.items() if k != "id"}
        decoded.append(person)
    return {**data, "contacts": decoded}


async def new_client(call: Call) -> Args:
    return (_contact_ids(call, body_data(call)),), {}


async def changed_client(call: Call) -> Args:
    return (call.id(), _contact_ids(call, body_data(call))), {"replace_contacts": True}


# What a bulk request names: one of the service's actions, and the clients' ids (any id
# that names no client is that item's failure, `_client_id`).
BULK_IN = FieldMap(
    fields={},
    required=("action", "ids"),
    whole=True,
    schema={"action": {"enum": list(customers.BULK_ACTIONS)},
            "ids": {"type": "array", "minItems": 1, "items": {"type": "string"},
                    "description": "The clients' ids; one that names no client is left out"}},
)  # fmt: skip


async def bulk_action(call: Call) -> Args:
    data = call.body
    for name in data:
        if name not in BULK_IN.schema:
            raise Invalid.field(name, "Unknown field")
    action, ids = data.get("action"), data.get("ids")
    # The action and how many ids are the service's rules (resolvers.customers).
    if not isinstance(ids, list):
        raise Invalid.field("ids", "give a list of client ids")
    for index, given in enumerate(ids):
        # A hashed id is text: anything else is a malformed request, not a missing client.
        if not isinstance(given, str):
            raise Invalid.field(f"ids.{index}", "is not a client id")
    return (action, [_client_id(call, i) for i in ids]), {}


def _client_id(call: Call, given: object) -> int:
    """A bulk id that names no client is that item's failure, not the request's: 0, which
    no record has, so the service answers it not found and acts on the others."""
    try:
        return call.dialect.ids.decode(str(given), "Client")
    except NotFound:
        return 0


@replies(CLIENTS)
async def bulk_done(call: Call, items: list[customers.ItemResult]) -> Response:
    # The document answers the clients acted on; an id that named none is left out.
    result = [item.row for item in items if item.row is not None]
    documents = fields.wants_documents(call)
    data = await asyncio.gather(*(fields.client(call, r, with_documents=documents) for r in result))
    info = PageInfo(page=1, per_page=max(len(result), 1), total=len(result), count=len(result))
    return reply({"data": list(data), "meta": {"pagination": pagination(info, call)}})


def _password(call: Call) -> str | None:
    return call.request.headers.get("x-api-password")


async def purge_args(call: Call) -> Args:
    return (call.id(),), {"password": _password(call)}


@replies(obj(data=obj(message=STRING)))
async def purged(call: Call, result: None) -> Response:
    return reply({"data": {"message": "Success"}})


async def merge_args(call: Call) -> Args:
    return (call.id(), call.id("mergeable_id")), {"password": _password(call)}


@replies(ONE_CLIENT)
async def merged(call: Call, result: Row) -> Response:
    fresh = await customers.get_customer(call.ctx, result["id"])
    return await one_client(call, fresh)


INCLUDE = Param("include", "contacts,documents: documents are read only when named")
PASSWORD = Param("X-API-PASSWORD", "The password of the staff member who owns the token "
                 "(header)")  # fmt: skip
LIST_QUERY = (
    Param("balance", "Comparison with the balance: lt:10, lte, gt, gte, eq",
          pattern=BALANCE_TEXT),
    Param("between_balance", "low:high, e.g. 10:20", pattern=BETWEEN_TEXT),
    Param("client_id", "A client's hashed id"),
    Param("created_at", "On or after, unix seconds", "integer", 0, LATEST_UNIX),
    Param("updated_at", "On or after, unix seconds", "integer", 0, LATEST_UNIX),
    Param("email", "A contact's email"),
    Param("filter", "Words across name, id number, contact names and emails"),
    Param("id_number"), Param("is_deleted", type="boolean"), Param("name"), Param("number"),
    INCLUDE,
    Param("sort", "column|ASC or column|DESC: name, balance, number, id_number, created_at, "
                  "updated_at, id", pattern=SORT_PATTERN),
    Param("per_page", type="integer", minimum=1, maximum=MAX_PER_PAGE),
    Param("page", type="integer", minimum=1, maximum=QUERY_INT_MAX),
)  # fmt: skip

ROUTES = [
    R("GET", "/api/v1/clients", customers.find_customers, client_page, client_list, "clients",
      query=LIST_QUERY),
    R("POST", "/api/v1/clients", customers.create_customer_with_contacts, new_client,
      one_client, "clients", fields=fields.CLIENT_IN),
    R("GET", "/api/v1/clients/{id}", customers.get_customer, path_id(), one_client,
      "clients (show one)", query=(INCLUDE,), label="Client"),
    R("PUT", "/api/v1/clients/{id}", customers.update_customer_with_contacts, changed_client,
      one_client, "clients", fields=fields.CLIENT_IN, label="Client"),
    R("DELETE", "/api/v1/clients/{id}", customers.delete_customer, path_id(), one_client,
      "clients", label="Client"),
    R("POST", "/api/v1/clients/bulk", customers.bulk_customers, bulk_action, bulk_done,
      "clients", fields=BULK_IN, label="Client"),
    R("POST", "/api/v1/clients/{id}/purge", customers.purge_customer, purge_args, purged,
      "clients", query=(PASSWORD,), label="Client"),
    R("POST", "/api/v1/clients/{id}/{mergeable_id}/merge", customers.merge_customers,
      merge_args, merged, "clients", query=(PASSWORD,), label="Client"),
    *documents.ROUTES,
]  # fmt: skip
