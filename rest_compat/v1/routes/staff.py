"""Staff members, their roles, departments, permissions, tasks and timesheets, and
signing in: `POST /api/v1/auth/login` (our own path) exchanges email and password for
the JWT the document's `Authorization: Bearer` takes."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import staff, tasks, timesheets
from rest_compat.envelopes import reply
from rest_compat.errors import BadRequest
from rest_compat.readers import nothing, path_id
from rest_compat.reply_schemas import INTEGER, STRING, array, obj, replies
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.staff import LOGIN_IN, PASSWORD_IN, STAFF, STAFF_IN
from rest_compat.v1.fields.tasks import task
from rest_compat.v1.fields.timesheets import TIMESHEET
from rest_compat.v1.routes.common import (
    SEARCH,
    Parent,
    Q,
    id_and_value,
    listing,
    params,
    record,
    rows_of,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    Q("active", "boolean"),
    Q("role", description="A role id or name"),
    Q("department_id", "integer"),
    SEARCH,
)
TASK_FILTERS = (Q("status", "integer"), SEARCH)
TIMESHEET_FILTERS = (Q("task_id", "integer"), Q("date_from", "date"), Q("date_to", "date"))
member = shaped(STAFF)
get = staff.get_staff
MEMBER = Parent("/api/v1/staff", get, "Staff member")


async def credentials(call: Call) -> Args:
    values = []
    for name in ("email", "password"):
        value = call.body.get(name)
        if not isinstance(value, str) or not value.strip():
            raise BadRequest(f"{name} is required", field=name)
        values.append(value.strip() if name == "email" else value)
    return tuple(values), {}


@replies(obj(token=STRING, token_type=STRING, expires_in=INTEGER))
async def signed_in(call: Call, token: str) -> Response:
    ttl = call.ctx.keys.ttl_seconds if call.ctx.keys else 0
    return reply({"token": token, "token_type": "Bearer", "expires_in": ttl})


@replies(obj(staff_id=INTEGER, permissions=array(STRING)))
async def permissions(call: Call, grants: list[str]) -> Response:
    return reply({"staff_id": call.id("id"), "permissions": grants})


NOUN = Noun(
    "staff member",
    titles={"list": "List all staff members", "update": "Update a staff member"},
)

ROUTES = [
    R("POST", "/api/v1/auth/login", staff.login, credentials, signed_in,
      "Sign in: a staff member's email and password for a JWT (Authorization: Bearer)",
      fields=LOGIN_IN, public=True),
    *crud_rows("/api/v1/staff", NOUN,
               Crud(staff.list_staff, staff.create_staff, get, staff.update_staff,
                    staff.delete_staff),
               member, STAFF_IN, FILTERS),
    R("GET", "/api/v1/staff/roles", staff.list_staff_roles, nothing, listing(rows_of("roles")),
      "List all staff roles", query=params()),
    R("GET", "/api/v1/staff/departments", staff.list_staff_departments, nothing,
      listing(rows_of("departments")), "List all departments", query=params()),
    MEMBER.row("GET", "permissions", staff.staff_permissions, path_id(), permissions,
               "Get permissions for a staff member"),
    MEMBER.under("tasks", tasks.list_tasks, "assignee_id", task,
                 "List tasks assigned to a staff member", *TASK_FILTERS),
    MEMBER.under("timesheets", timesheets.list_timesheets, "staff_id", shaped(TIMESHEET),
                 "List timesheets for a staff member", *TIMESHEET_FILTERS),
    MEMBER.row("POST", "change-password", staff.change_password,
               id_and_value("password", str), record(member), "Change staff member password",
               fields=PASSWORD_IN),
    MEMBER.row("POST", "activate", staff.activate_staff, path_id(), record(member),
               "Activate a staff member"),
    MEMBER.row("POST", "deactivate", staff.deactivate_staff, path_id(), record(member),
               "Deactivate a staff member"),
]  # fmt: skip
