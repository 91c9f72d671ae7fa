"""What a staff member may do: activation, passwords, grants, and department lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import reference
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Unauthenticated
from resolvers.core.identity import hash_password
from resolvers.core.permissions import ALL, parse_grants, require, validate_grant
from resolvers.core.records import fetch, must_fetch, update_row
from resolvers.core.validation import parse
from resolvers.models.types import utcnow
from resolvers.staff.resource import (
    DEPARTMENTS,
    MIN_PASSWORD,
    RESOURCE,
    STAFF,
    departments,
    not_yourself,
    own_grants,
    roles,
    staff,
)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=MIN_PASSWORD, max_length=200)


async def _set_active(ctx: Ctx, staff_id: int, active: bool) -> Row:
    require(ctx.principal, RESOURCE, "update")
    if not active:
        not_yourself(ctx, staff_id, "deactivate")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, staff, staff_id, "Staff member")
        row = await update_row(conn, staff, staff_id, {"active": active})
        if before["active"] != active:
            kind = "staff.activated" if active else "staff.deactivated"
            await events.record(conn, ctx, kind, staff_id, {"active": [before["active"], active]})
    return row


async def activate_staff(ctx: Ctx, staff_id: int) -> Row:
    return await _set_active(ctx, staff_id, True)


async def deactivate_staff(ctx: Ctx, staff_id: int) -> Row:
    """A deactivated member can no longer sign in, and their JWTs stop working."""
    return await _set_active(ctx, staff_id, False)


async def change_password(ctx: Ctx, staff_id: int, password: str) -> Row:
    """Staff change their own password; changing another's takes staff:update."""
    principal = ctx.principal
    if principal is None:
        raise Unauthenticated()
    if not (principal.kind == "staff" and principal.staff_id == staff_id):
        require(principal, RESOURCE, "update")
    new = parse(PasswordChange, {"password": password})
    values = {"password_hash": hash_password(new.password), "password_changed_at": utcnow()}
    async with ctx.db.write() as conn:
        await must_fetch(conn, staff, staff_id, "Staff member")
        row = await update_row(conn, staff, staff_id, values)
        await events.record(conn, ctx, "staff.password_changed", staff_id)
    return row


async def _grants(conn: AsyncConnection, staff_id: int) -> list[str]:
    row = await must_fetch(conn, staff, staff_id, "Staff member")
    if row["is_admin"]:
        return [ALL]
    grants: set[str] = set()
    if row["role_id"] is not None:
        granted = await conn.scalar(select(roles.c.permissions).where(roles.c.id == row["role_id"]))
        grants.update(parse_grants(granted or ""))
    own = await conn.execute(
        select(own_grants.c.resource, own_grants.c.action).where(own_grants.c.staff_id == staff_id)
    )
    grants.update(f"{r.resource}:{r.action}" for r in own)
    return sorted(grants)


async def staff_permissions(ctx: Ctx, staff_id: int) -> list[str]:
    """The member's grants, from their role and their own: ["*"] for administrators."""
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await _grants(conn, staff_id)


async def set_staff_permissions(ctx: Ctx, staff_id: int, grants: Sequence[str]) -> list[str]:
    """Replace the member's own grants (beyond their role's); returns all of them."""
    require(ctx.principal, RESOURCE, "update")
    wanted = sorted(set(grants))
    for grant in wanted:
        if grant == ALL:
            raise Invalid.field("permissions", "make the member an administrator instead of *")
        try:
            validate_grant(grant)
        except ValueError as exc:
            raise Invalid.field("permissions", str(exc)) from None
    async with ctx.db.write() as conn:
        before = await _grants(conn, staff_id)
        await conn.execute(delete(own_grants).where(own_grants.c.staff_id == staff_id))
        if wanted:
            now = utcnow()
            await conn.execute(
                insert(own_grants),
                [{"staff_id": staff_id, "resource": g.partition(":")[0],
                  "action": g.partition(":")[2], "created_at": now} for g in wanted],
            )  # fmt: skip
        after = await _grants(conn, staff_id)
        await events.record(
            conn, ctx, "staff.permissions_changed", staff_id, {"permissions": [before, after]}
        )
    return after


async def departments_by_staff_id(ctx: Ctx, staff_ids: Sequence[int]) -> list[list[Row]]:
    """Batch function: each member's live departments by name, in key order."""
    return await DEPARTMENTS.targets(ctx, RESOURCE, departments, staff_ids, departments.c.name)


async def list_staff_roles(ctx: Ctx) -> list[Row]:
    require(ctx.principal, RESOURCE, "get")
    return await reference.list_roles(ctx)


async def list_staff_departments(ctx: Ctx) -> list[Row]:
    require(ctx.principal, RESOURCE, "get")
    return await reference.list_departments(ctx)


@dataclass(frozen=True)
class Caller:
    """Who is calling: the credential, its grants, and the staff member behind it."""

    kind: str  # "token" or "staff"
    id: int
    name: str
    permissions: list[str]
    # The owning staff member's row without its hidden columns; None for a bare token.
    staff: Row | None


async def current_caller(ctx: Ctx) -> Caller:
    """Any authenticated caller may see itself: no grant is needed to read one's own record."""
    principal = ctx.principal
    if principal is None:
        raise Unauthenticated()
    member = None
    if principal.staff_id is not None:
        async with ctx.db.read() as conn:
            row = await fetch(conn, staff, principal.staff_id)
        if row is not None:
            member = {k: v for k, v in row.items() if k not in STAFF.hidden}
    grants = sorted(principal.grants)
    return Caller(principal.kind, principal.id, principal.name, grants, member)
