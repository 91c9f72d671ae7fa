"""Staff members: sign-in, and creating, changing and retiring the accounts behind it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, EmailStr, Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import events, idempotency
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to, joined_by
from resolvers.core.errors import Conflict, Invalid, Unauthenticated
from resolvers.core.filtering import naming
from resolvers.core.getters import getter
from resolvers.core.identity import (
    check_sign_in,
    hash_password,
    record_login,
    sign_in_of,
    staff_grants,
)
from resolvers.core.links import Link
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.patterns import blank_is_none, blank_taken
from resolvers.core.permissions import ALL, parse_grants
from resolvers.core.records import insert_row, update_row
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields, parse
from resolvers.models import Department, Role, Staff, StaffDepartment, StaffPermission, table_of
from resolvers.models.types import utcnow
from resolvers.projects.common import lister

RESOURCE = "staff"
belongs_to(RESOURCE, "roles", "role_id")
joined_by(
    RESOURCE, "departments", "departments", "staff", StaffDepartment, ("staff_id", "department_id")
)
staff = table_of(Staff)
roles = table_of(Role)
departments = table_of(Department)
staff_departments = table_of(StaffDepartment)
own_grants = table_of(StaffPermission)
DEPARTMENTS = Link(staff_departments, "staff_id", "department_id")

MIN_PASSWORD = 8


async def login(ctx: Ctx, email: str, password: str) -> str:
    """A signed JWT for a staff member whose email and password match."""
    if ctx.keys is None:
        raise Unauthenticated("Sign-in is not configured")
    # Read, then check the password off the loop with no connection held (argon2 is slow
    # on purpose), then write: a burst of failed sign-ins holds neither pool nor lock.
    async with ctx.db.read() as conn:
        found = await sign_in_of(conn, email)
    staff_id = await check_sign_in(found, password)
    async with ctx.db.write() as conn:
        if await staff_grants(conn, staff_id) is None:
            raise Unauthenticated("Wrong email or password")
        await record_login(conn, staff_id)
    # A retried sign-in with an Idempotency-Key gets no stored copy of the token.
    return idempotency.shown_once(ctx.keys.issue(staff_id))


class StaffFields(Fields):
    """Every writable staff field; updates send any subset, never the password."""

    firstname: str | None = Field(default=None, min_length=1, max_length=100)
    lastname: str | None = Field(default=None, max_length=100)
    # v2 sends one "name" ("Admin User"): the first word is the first name.
    name: str | None = Field(default=None, min_length=1, max_length=201)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=50)
    facebook: str | None = Field(default=None, max_length=191)
    linkedin: str | None = Field(default=None, max_length=191)
    skype: str | None = Field(default=None, max_length=100)
    # A role id or name ("administrator", "admin" and "Employee" all work).
    role: int | str | None = None
    is_admin: bool | None = None
    active: bool | None = None
    hourly_rate: Decimal | None = Field(default=None, ge=0, max_digits=15, decimal_places=2)
    default_language: str | None = Field(default=None, max_length=40)
    direction: str | None = Field(default=None, pattern="^(|ltr|rtl)$")
    email_signature: str | None = Field(default=None, max_length=10_000)
    departments: list[int] | None = Field(default=None, max_length=100)
    custom_fields: dict[int | str, Any] | None = None


class StaffCreate(StaffFields):
    email: EmailStr
    password: str = Field(min_length=MIN_PASSWORD, max_length=200)


class StaffUpdate(StaffFields):
    # Named so a password sent here is refused with where to change it.
    password: Any = None


class StaffUpdateWithPassword(StaffUpdate):
    """The update of a dialect whose form carries the password (Perfex: its route asks
    for this model); a blank one (Perfex's empty box) or null leaves it as it is."""

    password: str | None = Field(
        default=None, min_length=MIN_PASSWORD, max_length=200, json_schema_extra=blank_taken
    )

    _blank_password = field_validator("password", mode="before")(blank_is_none)


async def _columns(conn: AsyncConnection, ctx: Ctx, data: StaffFields) -> dict[str, Any]:
    given = data.model_dump(exclude_unset=True, exclude={"departments", "custom_fields", "role"})
    values: dict[str, Any] = {k: v for k, v in given.items() if k not in ("name", "password")}
    if data.name and data.firstname is None:
        first, _, last = data.name.partition(" ")
        values.update(firstname=first, lastname=values.get("lastname") or last.strip())
    if data.email:
        values["email"] = data.email.lower()
    if "role" in data.model_fields_set:
        values["role_id"] = await lookups.role_id(ctx, data.role)
        if data.is_admin is None and values["role_id"] is not None:
            # The role that grants everything makes an administrator (v2 "administrator").
            granted = await conn.scalar(
                select(roles.c.permissions).where(roles.c.id == values["role_id"])
            )
            values["is_admin"] = ALL in parse_grants(granted or "")
    if data.departments:
        await lookups.require_ids(ctx, Department, data.departments, "departments")
    for key, value in list(values.items()):
        if value is None and not staff.c[key].nullable:
            if key in ("firstname", "email", "is_admin", "active", "hourly_rate"):
                raise Invalid.field(key, "may not be empty")
            values[key] = ""
    return values


def _new_password(password: str) -> dict[str, Any]:
    new = parse(_NewPassword, {"password": password}).password
    return {"password_hash": hash_password(new), "password_changed_at": utcnow()}


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, StaffFields)
    values = await _columns(conn, ctx, fields)
    if before is None:
        assert isinstance(fields, StaffCreate)
        if not values.get("firstname"):
            raise Invalid.field("firstname", "Field required")
        values.update(_new_password(fields.password))
        await _check_email(conn, values["email"], None)
        return values
    password = getattr(fields, "password", None)
    if password is not None and not isinstance(fields, StaffUpdateWithPassword):
        raise Invalid.field("password", "change a password with change_password")
    if password not in (None, ""):
        values.update(_new_password(password))
    if values.get("active") is False:
        not_yourself(ctx, before["id"], "deactivate")
    if "email" in values:
        await _check_email(conn, values["email"], before["id"])
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    if before is None:
        row = await insert_row(conn, staff, values)
    else:
        row = await update_row(conn, staff, before["id"], values) if values else before
    wanted = getattr(fields, "departments", None)
    if wanted is not None:
        await DEPARTMENTS.replace(conn, row["id"], wanted)
    return row, {}


async def _after_update(
    conn: AsyncConnection, ctx: Ctx, before: Row, values: Mapping[str, Any]
) -> None:
    if "password_hash" in values:
        await events.record(conn, ctx, "staff.password_changed", before["id"])


async def _before_delete(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    not_yourself(ctx, row["id"], "delete")


class _NewPassword(BaseModel):
    password: str = Field(min_length=MIN_PASSWORD, max_length=200)


STAFF = register(
    Resource(
        name=RESOURCE,
        model=Staff,
        label="Staff member",
        search=("firstname", "lastname", "email", "phone"),
        verbs=soft_verbs(
            StaffCreate,
            StaffUpdate,
            "staff",
            values=_values,
            store=_store,
            after_update=_after_update,
            before_delete=_before_delete,
            created=lambda row: {"email": row["email"]},
        ),
    )
)


async def _check_email(conn: AsyncConnection, email: str, staff_id: int | None) -> None:
    # Deleted staff keep their address, so a restore never collides.
    query = select(staff.c.id).where(func.lower(staff.c.email) == email.lower())
    if staff_id is not None:
        query = query.where(staff.c.id != staff_id)
    if (await conn.execute(query.limit(1))).first() is not None:
        raise Conflict("This email is already in use by another staff member", field="email")


def not_yourself(ctx: Ctx, staff_id: int, what: str) -> None:
    if ctx.principal is not None and ctx.principal.staff_id == staff_id:
        raise Conflict(f"You cannot {what} your own account", field="id")


get_staff = getter(STAFF, __name__, "get_staff")


list_staff = lister(
    STAFF, __name__,
    active=lambda _, active: staff.c.active.is_(active),
    role=lambda ctx, role: naming(staff.c.role_id, lookups.role_id(ctx, role)),
    department_id=lambda _, department_id: staff.c.id.in_(
        select(staff_departments.c.staff_id).where(
            staff_departments.c.department_id == department_id
        )
    ),
)  # fmt: skip
create_staff, update_staff, delete_staff, restore_staff = operations(STAFF)
