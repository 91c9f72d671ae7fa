"""Contacts of a customer: one of them is the primary contact."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.getters import getter
from resolvers.core.identity import hash_password
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.ordinary import operations
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import may_read, require
from resolvers.core.records import live
from resolvers.core.resources import Hooks, Parent, Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields
from resolvers.models import Contact, Customer, table_of

RESOURCE = "contacts"
contacts = table_of(Contact)
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
# One of them, by its number (the numbers run 1-6 with no gap: a range states them).
Permission = Annotated[int, Field(ge=min(PERMISSIONS), le=max(PERMISSIONS))]
EMAIL_FLAGS = ("invoice_emails", "estimate_emails", "credit_note_emails", "contract_emails",
               "task_emails", "project_emails", "ticket_emails")  # fmt: skip


class ContactFields(Fields):
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
    permissions: list[Permission] | None = Field(default=None, max_length=len(PERMISSIONS))
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


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ContactFields)
    values = _columns(fields)
    if before is None:
        customer_id = int(values["customer_id"])
        await _check_email(conn, customer_id, values["email"], None)
        has_primary = await conn.scalar(
            select(func.count()).where(
                contacts.c.customer_id == customer_id, contacts.c.is_primary, live(contacts)
            )
        )
        # A customer always has a primary contact: the first one becomes it.
        values["is_primary"] = bool(fields.is_primary) or not has_primary
        return values
    # The generic verb refused a null customer_id before this hook.
    customer_id = int(values["customer_id"] if "customer_id" in values else before["customer_id"])
    if "email" in values or customer_id != before["customer_id"]:
        email = str(values["email"] if "email" in values else before["email"])
        await _check_email(conn, customer_id, email, before["id"])
    if values.get("is_primary") is False and before["is_primary"]:
        # false is a valid flag; this contact being the customer's primary refuses it.
        raise Conflict("make another contact primary instead", field="is_primary")
    return values


async def _after_write(conn: AsyncConnection, row: Row, values: Mapping[str, Any]) -> None:
    if values.get("is_primary"):
        await _make_primary(conn, row["customer_id"], row["id"])


async def _before_delete(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    if row["is_primary"]:
        raise Conflict("Primary contacts cannot be deleted", field="is_primary")


VERBS = Verbs(
    create=ContactCreate,
    update=ContactFields,
    delete=True,
    restore=True,
    event="contact",
    parent=Parent("customer_id", customers, "customer"),
    hooks=Hooks(values=_values, after_write=_after_write, before_delete=_before_delete),
)


CONTACTS = register(
    Resource(
        name=RESOURCE,
        model=Contact,
        label="Contact",
        search=("firstname", "lastname", "email", "phone", "title"),
        verbs=VERBS,
    )
)
relate(RESOURCE, "customer", Relation("customers", "one", "customer_id"))
relate("customers", "contacts", Relation(RESOURCE, "many", "customer_id"))
# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_contact, update_contact, delete_contact, restore_contact = operations(CONTACTS)
get_contact = getter(CONTACTS, __name__, "get_contact")


@generic_read(CONTACTS)
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
