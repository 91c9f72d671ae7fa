"""Contacts of a customer: one of them is the primary contact."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events, nulls, reading
from resolvers.context import Ctx, Row
from resolvers.errors import Conflict, Invalid, NotFound
from resolvers.identity import hash_password
from resolvers.models import Contact, Customer, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import may_read, require
from resolvers.records import changes, fetch, insert_row, live, must_fetch, set_deleted, update_row
from resolvers.resources import Relation, Resource, register, relate
from resolvers.validation import parse

RESOURCE = "contacts"
CONTACTS = register(
    Resource(
        name=RESOURCE,
        model=Contact,
        label="Contact",
        search=("firstname", "lastname", "email", "phone", "title"),
    )
)
relate(RESOURCE, "customer", Relation("customers", "one", "customer_id"))
relate("customers", "contacts", Relation(RESOURCE, "many", "customer_id"))
contacts = CONTACTS.table
customers = table_of(Customer)

# Perfex's customer-area permissions, by the numbers its API uses.
PERMISSIONS = {
    1: "invoices",
    2: "estimates",
    3: "contracts",
    4: "proposals",
    5: "support",
    6: "projects",
}
EMAIL_FLAGS = ("invoice_emails", "estimate_emails", "credit_note_emails", "contract_emails",
               "task_emails", "project_emails", "ticket_emails")  # fmt: skip


class ContactFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    customer_id: int | None = None
    firstname: str | None = Field(default=None, min_length=1, max_length=100)
    lastname: str | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=50)
    title: str | None = Field(default=None, max_length=100)
    is_primary: bool | None = None
    active: bool | None = None
    direction: str | None = Field(default=None, pattern="^(|ltr|rtl)$")
    password: str | None = Field(default=None, min_length=6, max_length=200)
    permissions: list[int] | None = Field(default=None, max_length=6)
    invoice_emails: bool | None = None
    estimate_emails: bool | None = None
    credit_note_emails: bool | None = None
    contract_emails: bool | None = None
    task_emails: bool | None = None
    project_emails: bool | None = None
    ticket_emails: bool | None = None


class ContactCreate(ContactFields):
    customer_id: int
    firstname: str = Field(min_length=1, max_length=100)
    email: EmailStr


def _columns(data: ContactFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True, exclude={"password", "permissions"})
    if values.get("email"):
        values["email"] = values["email"].lower()
    for name in ("lastname", "phone", "title", "direction"):
        if name in values and values[name] is None:
            values[name] = ""
    if data.permissions is not None:
        unknown = [p for p in data.permissions if p not in PERMISSIONS]
        if unknown:
            raise Invalid.field("permissions", f"unknown permission(s) {unknown}: use 1-6")
        values["permissions"] = ",".join(str(p) for p in sorted(set(data.permissions)))
    if data.password:
        values["password_hash"] = hash_password(data.password)
    return values


async def _check_email(
    conn: AsyncConnection, customer_id: int, email: str, contact_id: int | None
) -> None:
    query = select(contacts.c.id).where(
        contacts.c.customer_id == customer_id,
        func.lower(contacts.c.email) == email.lower(),
        live(contacts),
    )
    if contact_id is not None:
        query = query.where(contacts.c.id != contact_id)
    if (await conn.execute(query)).first() is not None:
        raise Conflict("This Email is already exists", field="email")


async def _make_primary(conn: AsyncConnection, customer_id: int, contact_id: int) -> None:
    await conn.execute(
        update(contacts)
        .where(contacts.c.customer_id == customer_id, contacts.c.id != contact_id)
        .values(is_primary=False)
    )


async def get_contact(ctx: Ctx, contact_id: int) -> Row | None:
    return await reading.get_record(ctx, CONTACTS, contact_id)


async def list_contacts(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
    return await reading.list_records(ctx, CONTACTS, page, **query)


# Built once: every customer read (REST's email and phone fields) asks for these.
_OF_CUSTOMERS = (
    select(contacts)
    .where(contacts.c.customer_id.in_(bindparam("ids", expanding=True)), live(contacts))
    .order_by(contacts.c.is_primary.desc(), contacts.c.id)
)


async def contacts_by_customer_id(ctx: Ctx, customer_ids: Sequence[int]) -> list[list[Row]]:
    """Batch function: the live contacts of each customer the caller may see, primary
    first, in key order. Every reply that shows contacts beside a customer (REST's
    contacts, email, phone, login links) reads them here: without `contacts:get` there
    are none, as the contacts paths themselves refuse."""
    if not may_read(ctx.principal, RESOURCE):
        return [[] for _ in customer_ids]
    async with ctx.db.read() as conn:
        rows = await conn.execute(_OF_CUSTOMERS, {"ids": list(set(customer_ids))})
        grouped: dict[int, list[Row]] = {i: [] for i in customer_ids}
        for row in rows:
            grouped[row.customer_id].append(row._mapping)
    return [grouped[i] for i in customer_ids]


async def create_contact(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "create")
    fields = parse(ContactCreate, data)
    async with ctx.db.write() as conn:
        return await insert_contact(conn, ctx, fields)


async def insert_contact(conn: AsyncConnection, ctx: Ctx, fields: ContactCreate) -> Row:
    """Add a contact inside the caller's transaction (customer writes add them too)."""
    values = _columns(fields)
    if await fetch(conn, customers, fields.customer_id) is None:
        raise Invalid.field("customer_id", f"no customer {fields.customer_id}")
    await _check_email(conn, fields.customer_id, values["email"], None)
    has_primary = await conn.scalar(
        select(func.count()).where(
            contacts.c.customer_id == fields.customer_id, contacts.c.is_primary, live(contacts)
        )
    )
    # A customer always has a primary contact: the first one becomes it.
    values["is_primary"] = bool(fields.is_primary) or not has_primary
    row = await insert_row(conn, contacts, values)
    if row["is_primary"]:
        await _make_primary(conn, row["customer_id"], row["id"])
    await events.record(
        conn, ctx, "contact.created", row["id"], parent=("customer", row["customer_id"])
    )
    return row


async def update_contact(ctx: Ctx, contact_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(ContactFields, data)
    async with ctx.db.write() as conn:
        return await change_contact(conn, ctx, contact_id, fields)


async def change_contact(
    conn: AsyncConnection, ctx: Ctx, contact_id: int, fields: ContactFields
) -> Row:
    """Apply an update inside the caller's transaction."""
    values = _columns(fields)
    before = await must_fetch(conn, contacts, contact_id, "Contact")
    if "customer_id" in values and values["customer_id"] is None:
        raise Invalid.field("customer_id", nulls.NOT_NULL)
    customer_id = int(values["customer_id"] if "customer_id" in values else before["customer_id"])
    if customer_id != before["customer_id"] and await fetch(conn, customers, customer_id) is None:
        raise Invalid.field("customer_id", f"no customer {customer_id}")
    if "email" in values or customer_id != before["customer_id"]:
        email = str(values["email"] if "email" in values else before["email"])
        await _check_email(conn, customer_id, email, contact_id)
    if values.get("is_primary") is False and before["is_primary"]:
        raise Invalid.field("is_primary", "make another contact primary instead")
    row = await update_row(conn, contacts, contact_id, values) if values else before
    if values.get("is_primary"):
        await _make_primary(conn, row["customer_id"], contact_id)
    await events.record(conn, ctx, "contact.updated", contact_id, changes(before, values),
                        parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def delete_contact(ctx: Ctx, contact_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, contacts, contact_id, "Contact")
        if before["is_primary"]:
            raise Conflict("Primary contacts cannot be deleted", field="is_primary")
        row = await set_deleted(conn, contacts, contact_id, deleted=True)
        await events.record(
            conn, ctx, "contact.deleted", contact_id, parent=("customer", row["customer_id"])
        )
    return row


async def restore_contact(ctx: Ctx, contact_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, contacts, contact_id, deleted=True) is None:
            raise NotFound("Contact", contact_id)
        row = await set_deleted(conn, contacts, contact_id, deleted=False)
        await events.record(
            conn, ctx, "contact.restored", contact_id, parent=("customer", row["customer_id"])
        )
    return row


@dataclass(frozen=True)
class ContactQuery:
    """The filters the REST lists offer; None means "any"."""

    customer_id: int | None = None
    active: bool | None = None
    is_primary: bool | None = None
    search: str | None = None


async def find_contacts(
    ctx: Ctx, query: ContactQuery, *, offset: int = 0, limit: int | None = None
) -> Page:
    """Live contacts matching every given filter, in id order, `limit` from `offset`."""
    filtered = any(v is not None for v in vars(query).values())
    require(ctx.principal, RESOURCE, "search" if filtered else "get")
    clauses = [live(contacts)]
    if query.customer_id is not None:
        clauses.append(contacts.c.customer_id == query.customer_id)
    if query.active is not None:
        clauses.append(contacts.c.active == query.active)
    if query.is_primary is not None:
        clauses.append(contacts.c.is_primary == query.is_primary)
    clauses.extend(reading.search_clause(ctx, CONTACTS, query.search))
    async with ctx.db.read() as conn:
        return await offset_page(
            conn, select(contacts).where(*clauses), [contacts.c.id], offset, limit
        )


async def offset_page(
    conn: AsyncConnection,
    query: Select[Any],
    order: Sequence[Any],
    offset: int,
    limit: int | None,
) -> Page:
    """A numbered page: the legacy REST lists ask for page N of size M, not for cursors."""
    if offset < 0:
        raise Invalid.field("page", "must be 1 or more")
    if limit is not None and limit < 0:
        raise Invalid.field("per_page", "must not be negative")
    total = int(
        await conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )
    query = query.order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = [r._mapping for r in await conn.execute(query)]
    return Page(rows, has_next=offset + len(rows) < total, has_previous=offset > 0, total=total)
