"""Customers in bulk: batch creation, archive/restore/delete of many, purge and merge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.contacts import ContactFields, contacts
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    Unauthenticated,
)
from resolvers.core.identity import verify_off_loop
from resolvers.core.permissions import require
from resolvers.core.records import fetch, must_fetch, set_deleted, update_row
from resolvers.core.validation import parse
from resolvers.customers.contact_sets import split, write_contacts
from resolvers.customers.resource import (
    RESOURCE,
    CustomerCreate,
    customer_columns,
    customers,
    group_members,
    insert_customer,
)
from resolvers.models import Staff, metadata, table_of
from resolvers.models.types import utcnow

MAX_BATCH = 100
BulkAction = Literal["archive", "restore", "delete"]
BULK_ACTIONS: tuple[str, ...] = get_args(BulkAction)


async def create_customers(ctx: Ctx, items: Sequence[Mapping[str, Any]]) -> list[Row]:
    """Create every customer (each may carry `contacts` / `primary_email`) or none:
    any failing item fails the batch, and the error names each failing item."""
    require(ctx.principal, RESOURCE, "create")
    if not items:
        raise Invalid.field("customers", "give at least one customer")
    if len(items) > MAX_BATCH:
        raise Invalid.field("customers", f"at most {MAX_BATCH} customers per batch")
    errors: dict[str, str] = {}
    prepared: list[tuple[CustomerCreate, dict[str, Any], dict[str, Any]]] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            errors[f"customers.{index}.customer"] = "must be an object"
            continue
        try:
            own, extra = split(item)
            _check_contacts(extra)
            fields = parse(CustomerCreate, own)
            prepared.append((fields, await customer_columns(ctx, fields), extra))
        except Invalid as exc:
            errors.update({f"customers.{index}.{k}": v for k, v in exc.errors.items()})
    if errors:
        raise _batch_failed(errors)
    rows: list[Row] = []
    async with ctx.db.write() as conn:
        for index, (fields, values, extra) in enumerate(prepared):
            try:
                row = await insert_customer(conn, ctx, fields, values)
                await write_contacts(conn, ctx, row, extra, replace=False)
                rows.append(row)
            except (Invalid, Conflict) as exc:
                errors.update(_item_errors(index, exc))
        if errors:
            # Raising inside the block rolls every item back.
            raise _batch_failed(errors)
    return rows


def _check_contacts(extra: Mapping[str, Any]) -> None:
    """Refuse a bad contact before anything is written, so every bad item is named."""
    if extra.get("primary_email"):
        try:
            parse(ContactFields, {"email": extra["primary_email"]})
        except Invalid as exc:
            raise Invalid({"email": exc.errors["email"]}) from None
    for index, contact in enumerate(extra.get("contacts") or []):
        if isinstance(contact, Mapping):
            try:
                parse(ContactFields, {k: v for k, v in contact.items() if k != "id"})
            except Invalid as exc:
                raise Invalid({f"contacts.{index}.{k}": v for k, v in exc.errors.items()}) from None


def _item_errors(index: int, exc: Invalid | Conflict) -> dict[str, str]:
    if isinstance(exc, Invalid):
        return {f"customers.{index}.{k}": v for k, v in exc.errors.items()}
    return {f"customers.{index}.{exc.field or 'customer'}": exc.message}


def _batch_failed(errors: Mapping[str, str]) -> Invalid:
    failed = sorted({int(k.split(".")[1]) for k in errors})
    return Invalid(errors, f"Items {', '.join(map(str, failed))} failed; nothing was created")


@dataclass(frozen=True)
class ItemResult:
    """One id of a bulk operation: the record as written, or why it was not."""

    id: int
    row: Row | None = None
    error: DomainError | None = None


async def bulk_customers(ctx: Ctx, action: BulkAction, ids: Sequence[int]) -> list[ItemResult]:
    """Archive, restore (from archive or delete) or delete several customers at once,
    item by item: each id is written or answers why not (one not found leaves the others
    written), in one transaction, one result per distinct id in the order given."""
    require(ctx.principal, RESOURCE, "delete" if action == "delete" else "update")
    if action not in BULK_ACTIONS:
        raise Invalid.field("action", f"use {', '.join(BULK_ACTIONS[:-1])} or {BULK_ACTIONS[-1]}")
    if not ids:
        raise Invalid.field("ids", "give at least one id")
    if len(ids) > MAX_BATCH:
        raise Invalid.field("ids", f"at most {MAX_BATCH} ids at once")
    results: list[ItemResult] = []
    async with ctx.db.write() as conn:
        for customer_id in dict.fromkeys(ids):
            before = await fetch(conn, customers, customer_id, deleted=True)
            if before is None:
                results.append(ItemResult(customer_id, error=NotFound("Customer", customer_id)))
                continue
            values: dict[str, Any]
            if action == "archive":
                values = {"archived_at": before["archived_at"] or utcnow()}
            elif action == "restore":
                values = {"archived_at": None, "deleted_at": None}
            else:
                values = {"deleted_at": before["deleted_at"] or utcnow()}
            row = await update_row(conn, customers, customer_id, values)
            name = {"archive": "archived", "restore": "restored", "delete": "deleted"}[action]
            await events.record(conn, ctx, f"customer.{name}", customer_id)
            results.append(ItemResult(customer_id, row=row))
    return results


def batch_item_errors(exc: Invalid) -> dict[int, dict[str, str]]:
    """A failed `create_customers` batch's errors by item index, each keyed by the
    item's own field ("customers.2.email" -> {2: {"email": ...}})."""
    found: dict[int, dict[str, str]] = {}
    for key, message in exc.errors.items():
        head, _, rest = key.partition(".")
        index, _, field = rest.partition(".")
        if head == "customers" and index.isdigit():
            found.setdefault(int(index), {})[field or "customer"] = message
    return found


async def _check_password(ctx: Ctx, conn: AsyncConnection, password: str | None) -> None:
    """Destructive operations need the password of the staff member owning the token."""
    principal = require(ctx.principal, RESOURCE, "delete")
    if principal.staff_id is None:
        raise Forbidden(RESOURCE, "purge or merge (the credential has no staff owner)")
    staff = table_of(Staff)
    stored = await conn.scalar(
        select(staff.c.password_hash).where(staff.c.id == principal.staff_id)
    )
    if not password or not await verify_off_loop(stored or "", password):
        raise Unauthenticated("Invalid Password")


def _references(target: Table) -> list[tuple[Table, Any]]:
    """Every (table, column) holding a foreign key to `target`.id."""
    found = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is target and fk.column.name == "id":
                found.append((table, fk.parent))
    return found


def _rel_tables() -> list[Table]:
    """Tables that point at a record by (rel_type, rel_id) rather than a foreign key."""
    return [t for t in metadata.sorted_tables if {"rel_type", "rel_id"} <= set(t.c.keys())]


async def _blockers(
    conn: AsyncConnection, target: Table, ids: Sequence[int], skip: set[str]
) -> list[str]:
    names = []
    for table, column in _references(target):
        if table.name in skip or not ids:
            continue
        if await conn.scalar(select(func.count()).where(column.in_(ids))):
            names.append(table.name)
    return names


async def purge_customer(ctx: Ctx, customer_id: int, *, password: str | None) -> None:
    """Delete the customer and its contacts for good (not a soft delete)."""
    async with ctx.db.read() as conn:
        await _check_password(ctx, conn, password)
    async with ctx.db.write() as conn:
        if await fetch(conn, customers, customer_id, deleted=True) is None:
            raise NotFound("Customer", customer_id)
        contact_ids = list(
            (await conn.execute(select(contacts.c.id).where(contacts.c.customer_id == customer_id)))
            .scalars()
            .all()
        )
        blocking = await _blockers(
            conn, customers, [customer_id], {"contacts", "customer_group_members"}
        )
        blocking += await _blockers(conn, contacts, contact_ids, set())
        if blocking:
            raise Conflict(
                f"Customer {customer_id} still has {', '.join(sorted(set(blocking)))}: "
                "merge it into another customer or delete those first",
                field="id",
            )
        await conn.execute(delete(contacts).where(contacts.c.customer_id == customer_id))
        await conn.execute(delete(group_members).where(group_members.c.customer_id == customer_id))
        await conn.execute(delete(customers).where(customers.c.id == customer_id))
        await events.record(conn, ctx, "customer.purged", customer_id)


async def merge_customers(
    ctx: Ctx, customer_id: int, mergeable_id: int, *, password: str | None
) -> Row:
    """Move everything of `mergeable_id` (contacts, invoices, and every other record that
    points at it) to `customer_id`, then delete the merged customer (soft)."""
    if customer_id == mergeable_id:
        raise Invalid.field("mergeable_id", "a customer cannot be merged into itself")
    async with ctx.db.read() as conn:
        await _check_password(ctx, conn, password)
    async with ctx.db.write() as conn:
        target = await must_fetch(conn, customers, customer_id, "Customer")
        await must_fetch(conn, customers, mergeable_id, "Customer")
        await _move_contacts(conn, customer_id, mergeable_id)
        for table, column in _references(customers):
            if table.name in ("contacts", "customer_group_members"):
                continue
            await conn.execute(
                update(table).where(column == mergeable_id).values({column.name: customer_id})
            )
        for table in _rel_tables():
            await conn.execute(
                update(table)
                .where(table.c.rel_type == "customer", table.c.rel_id == mergeable_id)
                .values(rel_id=customer_id)
            )
        await set_deleted(conn, customers, mergeable_id, deleted=True)
        await events.record(conn, ctx, "customer.merged", customer_id, {"merged": mergeable_id})
    return target


async def _move_contacts(conn: AsyncConnection, customer_id: int, mergeable_id: int) -> None:
    """Moved contacts are never primary; one whose email the target already has is
    deleted (soft) rather than duplicated."""
    taken = set(
        (
            await conn.execute(
                select(func.lower(contacts.c.email)).where(
                    contacts.c.customer_id == customer_id, contacts.c.deleted_at.is_(None)
                )
            )
        )
        .scalars()
        .all()
    )
    moving = await conn.execute(
        select(contacts.c.id, contacts.c.email).where(contacts.c.customer_id == mergeable_id)
    )
    for row in moving.all():
        values: dict[str, Any] = {
            "customer_id": customer_id,
            "is_primary": False,
            "updated_at": utcnow(),
        }
        if row.email.lower() in taken:
            values["deleted_at"] = utcnow()
        await conn.execute(update(contacts).where(contacts.c.id == row.id).values(values))
