"""A customer written together with its contacts and custom fields, in one transaction.

Some clients send a customer and its whole contact list at once (ninja's `contacts`
array, which a PUT replaces whole) or a single `primary_email` (v1 and v2 customers
carry an email, which is their primary contact's); Perfex forms add `custom_fields`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import contacts as contact_records
from resolvers import custom_fields
from resolvers.contacts import CONTACTS, ContactCreate, ContactFields
from resolvers.core import writes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, DomainError, Invalid, Missing
from resolvers.core.permissions import require
from resolvers.core.records import fetch, live, set_deleted, update_row
from resolvers.core.validation import parse
from resolvers.customers.resource import (
    RESOURCE,
    CustomerCreate,
    CustomerFields,
    change_customer,
    customer_columns,
    insert_customer,
)

contacts = contact_records.contacts
# Keys of a customer write that are not customer columns.
EXTRA_KEYS = ("contacts", "primary_email", "custom_fields")
# Contacts one customer write may carry, as every list input is capped.
MAX_CONTACTS = 100
# A contact written with its customer is that customer's: it names no customer of its
# own (a dialect's document states these as the fields of a customer's contact).
NESTED_FIELDS = tuple(name for name in ContactFields.model_fields if name != "customer_id")


def split(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(customer fields, contact keys) of a write."""
    own = {k: v for k, v in data.items() if k not in EXTRA_KEYS}
    extra = {k: data[k] for k in EXTRA_KEYS if k in data}
    if "contacts" in extra and not isinstance(extra["contacts"], list | tuple):
        raise Invalid.field("contacts", "must be a list of contacts")
    if len(extra.get("contacts") or ()) > MAX_CONTACTS:
        raise Invalid.field("contacts", f"at most {MAX_CONTACTS} contacts at once")
    return own, extra


async def create_customer_with_contacts(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """A customer plus `contacts` (a list) and/or `primary_email`, all or nothing."""
    require(ctx.principal, RESOURCE, "create")
    own, extra = split(data)
    fields = parse(CustomerCreate, own)
    values = await customer_columns(ctx, fields)
    async with ctx.db.write() as conn:
        row = await insert_customer(conn, ctx, fields, values)
        await write_contacts(conn, ctx, row, extra, replace=False)
        await write_custom_fields(conn, ctx, row["id"], extra, creating=True)
    return row


async def update_customer_with_contacts(
    ctx: Ctx, customer_id: int, data: Mapping[str, Any], *, replace_contacts: bool = True
) -> Row:
    """Update a customer; a `contacts` list, when given, becomes its whole contact set
    (`replace_contacts`): listed ones with an id are updated, ones without are added,
    and live contacts missing from the list are deleted (soft)."""
    require(ctx.principal, RESOURCE, "update")
    own, extra = split(data)
    fields = parse(CustomerFields, own)
    values = await customer_columns(ctx, fields)
    async with ctx.db.write() as conn:
        row = await change_customer(conn, ctx, customer_id, fields, values)
        await write_contacts(conn, ctx, row, extra, replace=replace_contacts)
        await write_custom_fields(conn, ctx, customer_id, extra, creating=False)
    return row


async def write_custom_fields(
    conn: AsyncConnection, ctx: Ctx, customer_id: int, extra: Mapping[str, Any], *, creating: bool
) -> None:
    """`custom_fields` as {field id or slug: value}, or Perfex's {"customers": {...}}."""
    given = extra.get("custom_fields")
    if given is None:
        return
    if not isinstance(given, Mapping):
        raise Invalid.field("custom_fields", "must map custom field ids to values")
    if len(given) == 1 and isinstance(next(iter(given.values())), Mapping):
        owner, values = next(iter(given.items()))
        if custom_fields.belongs_to(str(owner), "custom_fields") != RESOURCE:
            raise Invalid.field("custom_fields", f"{owner!r} fields do not belong to customers")
        given = values
    await custom_fields.set_custom_values(
        conn, ctx, RESOURCE, customer_id, given, creating=creating
    )


async def write_contacts(
    conn: AsyncConnection, ctx: Ctx, customer: Row, extra: Mapping[str, Any], *, replace: bool
) -> None:
    if "contacts" in extra or "primary_email" in extra:
        require(ctx.principal, contact_records.RESOURCE, "update" if replace else "create")
    if "contacts" in extra:
        await sync_contacts(conn, ctx, customer["id"], extra["contacts"], replace=replace)
    email = extra.get("primary_email")
    if email not in (None, ""):
        # "" or null sets none; anything else is an address ({} or 0 is no way to say none).
        if not isinstance(email, str):
            raise Invalid.field("email", 'must be an email address, "" or null')
        await set_primary_email(conn, ctx, customer, email)


async def sync_contacts(
    conn: AsyncConnection,
    ctx: Ctx,
    customer_id: int,
    items: Sequence[Any],
    *,
    replace: bool,
) -> None:
    existing = {
        int(r.id): r._mapping
        for r in await conn.execute(
            select(contacts).where(contacts.c.customer_id == customer_id, live(contacts))
        )
    }
    kept: set[int] = set()
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise Invalid.field(f"contacts.{index}", "must be an object")
        if item.get("id") is not None:
            kept.add(await _own_contact(conn, existing, item["id"], index))
    # Removals first, so a listed contact may take over a removed one's email.
    if replace:
        for contact_id in existing.keys() - kept:
            await set_deleted(conn, contacts, contact_id, deleted=True)
    for index, item in enumerate(items):
        await _with_prefix(index, _write_one(conn, ctx, customer_id, dict(item)))
    await _ensure_primary(conn, customer_id)


async def _own_contact(
    conn: AsyncConnection, existing: Mapping[int, Row], value: Any, index: int
) -> int:
    field = f"contacts.{index}.id"
    try:
        contact_id = int(value)
    except (TypeError, ValueError):
        raise Invalid.field(field, "is not a contact id") from None
    if contact_id in existing:
        return contact_id
    if await fetch(conn, contacts, contact_id) is None:
        raise Missing.field(field, f"no contact {contact_id}")
    # The id names a live contact; its stored customer (another one) refuses it here.
    raise Conflict("is a contact of another customer", field=field)


async def _write_one(
    conn: AsyncConnection, ctx: Ctx, customer_id: int, item: dict[str, Any]
) -> None:
    contact_id = item.pop("id", None)
    fields = parse(ContactFields, item)  # unknown names refused first, by name
    if owner := sorted(item.keys() - set(NESTED_FIELDS)):
        # Neither overwritten on a new contact nor moving a listed one to another customer.
        raise Invalid.field(owner[0], "Unknown field: a contact sent with its customer is its own")
    if contact_id is None:
        await writes.insert(
            conn, ctx, CONTACTS, parse(ContactCreate, {**item, "customer_id": customer_id})
        )
    else:
        await writes.change(conn, ctx, CONTACTS, int(contact_id), fields)


async def _with_prefix(index: int, write: Any) -> None:
    """Run one item's write, naming its position in any error."""
    try:
        await write
    except Invalid as exc:
        errors = {f"contacts.{index}.{k}": v for k, v in exc.errors.items()}
        raise Invalid(errors, f"contacts.{index}: {exc.message}") from None
    except Conflict as exc:
        field = f"contacts.{index}.{exc.field}" if exc.field else f"contacts.{index}"
        raise Conflict(exc.message, field=field) from None


async def _ensure_primary(conn: AsyncConnection, customer_id: int) -> None:
    """Removing the primary contact hands the role to the oldest remaining one."""
    rows = (
        await conn.execute(
            select(contacts.c.id, contacts.c.is_primary)
            .where(contacts.c.customer_id == customer_id, live(contacts))
            .order_by(contacts.c.id)
        )
    ).all()
    if rows and not any(r.is_primary for r in rows):
        await update_row(conn, contacts, rows[0].id, {"is_primary": True})


async def set_primary_email(conn: AsyncConnection, ctx: Ctx, customer: Row, email: str) -> None:
    """The primary contact takes this email; a customer without one gets a primary
    contact named after the customer."""
    primary = (
        await conn.execute(
            select(contacts.c.id).where(
                contacts.c.customer_id == customer["id"], contacts.c.is_primary, live(contacts)
            )
        )
    ).first()
    try:
        if primary is None:
            fields = parse(
                ContactCreate,
                {
                    "customer_id": customer["id"],
                    "firstname": customer["company"][:100],
                    "email": email,
                },
            )
            await writes.insert(conn, ctx, CONTACTS, fields)
        else:
            await writes.change(
                conn, ctx, CONTACTS, int(primary.id), parse(ContactFields, {"email": email})
            )
    except DomainError as exc:
        if isinstance(exc, Invalid) and "email" in exc.errors:
            raise Invalid.field("email", exc.errors["email"]) from None
        raise
