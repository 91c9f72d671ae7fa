"""Neighbours a reply shows beside a record, loaded in batches per request."""

from __future__ import annotations

from typing import Any

from resolvers import contacts, customers
from resolvers.core.context import Ctx, Row


async def contacts_of(ctx: Ctx, customer_id: int) -> list[Row]:
    rows: list[Row] = await ctx.loader(contacts.contacts_by_customer_id).load(customer_id)
    return rows


async def country_code(ctx: Ctx, country_id: int | None) -> str | None:
    if country_id is None:
        return None
    code: str | None = await ctx.loader(customers.country_codes_by_id).load(country_id)
    return code


# A customer body's `email`, read as its primary contact's (ContactFields' rule); "" or
# null sets none. Every dialect that takes it documents it so.
PRIMARY_EMAIL_IN: dict[str, Any] = {
    "anyOf": [{"type": "string", "format": "email"}, {"const": ""}, {"type": "null"}],
    "description": "The primary contact's email",
}


async def primary_email(ctx: Ctx, customer_id: int) -> str | None:
    found = await contacts_of(ctx, customer_id)
    return str(found[0]["email"]) if found and found[0]["is_primary"] else None
