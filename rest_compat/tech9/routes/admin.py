"""tech9's expenses, staff, notes and the caller itself (`/api/me`)."""

from __future__ import annotations

import datetime as dt

from starlette.responses import Response

from resolvers import expenses, notes, staff
from rest_compat.envelopes import reply
from rest_compat.readers import body, body_data, nothing, path_id
from rest_compat.reply_schemas import replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.fields import work
from rest_compat.tech9.routes.common import PAGING, created, deleted, listed, page_of


async def expense_data(call: Call) -> Args:
    # One of the document's examples sends no date: the expense is today's (UTC).
    data = body_data(call)
    if data.get("date") in (None, ""):
        data["date"] = dt.datetime.now(dt.UTC).date()
    return (data,), {}


async def staff_page(call: Call) -> Args:
    filters = {"search": call.query.get("q") or None, "role": call.query.get("role") or None}
    return (page_of(call).args,), {k: v for k, v in filters.items() if v is not None}


staff_list = listed(work.staff_member)


@replies(shape_schema(work.caller))
async def me(call: Call, result: staff.Caller) -> Response:
    return reply(await work.caller(call.ctx, result))


ROUTES = [
    R("POST", "/api/expenses", expenses.create_expense, expense_data, created, "Create Expense",
      fields=work.EXPENSE_IN, status=201),
    R("GET", "/api/staff", staff.list_staff, staff_page, staff_list, "List Staff",
      query=(*PAGING, Param("q", "Search words"), Param("role", "A role's name"))),
    R("POST", "/api/notes", notes.create_note, body(), created, "Create & Delete",
      fields=work.NOTE_IN, status=201),
    R("DELETE", "/api/notes/{id}", notes.delete_note, path_id(), deleted, "Create & Delete",
      status=204, label="Note"),
    R("GET", "/api/me", staff.current_caller, nothing, me,
      "Authentication (the current token and its owner)"),
]  # fmt: skip
