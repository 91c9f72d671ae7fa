"""Subscriptions: recurring billing plans for a customer, as Perfex (and Stripe) keep them."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field
from sqlalchemy import true
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import exclusive
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Invalid
from resolvers.core.exclusive import NotBoth
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by, customer_parent
from resolvers.line_items.taxes import MAX_TAXES
from resolvers.models import Customer, Subscription, Tax, table_of
from resolvers.projects.common import (
    Amount,
    IdList,
    UnixTime,
    UtcDateTime,
    check_references,
    lister,
    settle,
)

RESOURCE = "subscriptions"
belongs_to(RESOURCE, "customers", "customer_id")
belongs_to(RESOURCE, "projects", "project_id")
relate(RESOURCE, "currency", Relation("currencies", "one", "currency_id"))
relate(RESOURCE, "tax", Relation("taxes", "one", "tax_id"))
relate(RESOURCE, "tax2", Relation("taxes", "one", "tax2_id"))
relate(RESOURCE, "created_by", Relation("staff", "one", "created_by_id"))

subscriptions = table_of(Subscription)

# Stripe's subscription statuses, which Perfex keeps as they are.
STATUSES = (
    "active",
    "future",
    "past_due",
    "unpaid",
    "incomplete",
    "canceled",
    "incomplete_expired",
)
SubscriptionStatus = Annotated[
    Literal["active", "future", "past_due", "unpaid", "incomplete", "canceled",
            "incomplete_expired"],
    BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v),
]  # fmt: skip


class SubscriptionFields(Fields):
    name: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    description_in_item: bool | None = None
    customer_id: int | None = None
    project_id: int | None = None
    date: dt.date | None = None
    terms: str | None = Field(default=None, max_length=65_000)
    # A currency id or its code ("USD").
    currency: int | str | None = None
    tax_id: int | None = None
    tax2_id: int | None = None
    # Both taxes as one list of at most two tax ids, instead of the two slots ([] for
    # none; a form's single value is a list of one).
    taxes: IdList = Field(default=[], max_length=MAX_TAXES)
    unit_price: Amount | None = None
    quantity: int | None = Field(default=None, ge=1, le=1_000_000)
    status: SubscriptionStatus | None = None
    stripe_plan_id: str | None = Field(default=None, max_length=191)
    stripe_subscription_id: str | None = Field(default=None, max_length=191)
    stripe_tax_id_2: str | None = Field(default=None, max_length=191)
    # Times as ISO strings or Unix timestamps (Perfex keeps the billing ones as integers).
    next_billing_cycle: UnixTime | None = None
    ends_at: UnixTime | None = None
    date_subscribed: UtcDateTime | None = None
    last_sent_at: UtcDateTime | None = None
    in_test_environment: bool | None = None
    hash: str | None = Field(default=None, min_length=1, max_length=64)


# Both taxes as a list or in their two slots, one way at a time (a slot sent as null too).
ONE_WAY_TAXED = exclusive.declare(
    SubscriptionFields,
    *(NotBoth("taxes", slot, "give taxes or tax_id/tax2_id, not both", named="taxes",
              null_counts=(slot,)) for slot in ("tax_id", "tax2_id")),
)  # fmt: skip


class SubscriptionCreate(SubscriptionFields):
    name: str = Field(min_length=1, max_length=191)
    customer_id: int


_NOT_NULL = (
    "name",
    "customer_id",
    "description_in_item",
    "unit_price",
    "quantity",
    "status",
    "in_test_environment",
    "hash",
)
_TEXT = ("description", "terms", "stripe_plan_id", "stripe_subscription_id", "stripe_tax_id_2")


async def _columns(ctx: Ctx, data: SubscriptionFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True, exclude={"currency", "taxes"})
    if "taxes" in data.model_fields_set:
        for rule in ONE_WAY_TAXED:
            rule.check({**values, "taxes": data.taxes})
        if len(set(data.taxes)) < len(data.taxes):
            raise Invalid.field("taxes", "names the same tax twice")
        values.update(zip(("tax_id", "tax2_id"), [*data.taxes, None, None], strict=False))
    settle(values, _NOT_NULL, _TEXT)
    if "currency" in data.model_fields_set:
        values["currency_id"] = await lookups.currency_id(ctx, data.currency)
    return values


_REFERENCES = (
    ("customer_id", Customer, "customer"),
    ("tax_id", Tax, "tax"),
    ("tax2_id", Tax, "tax"),
)


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, SubscriptionFields)
    values = await _columns(ctx, fields)
    await check_references(conn, values, before or {}, _REFERENCES)
    if before is None:
        return {"created_by_id": added_by(ctx), "hash": secrets.token_hex(16), **values}
    return values


SUBSCRIPTIONS = register(
    Resource(
        name=RESOURCE,
        model=Subscription,
        label="Subscription",
        search=("name", "description", "terms", "stripe_subscription_id"),
        verbs=soft_verbs(
            SubscriptionCreate,
            SubscriptionFields,
            "subscription",
            values=_values,
            parent=customer_parent,
            created=lambda row: {"name": row["name"]},
        ),
    )
)


get_subscription = getter(SUBSCRIPTIONS, __name__, "get_subscription")


list_subscriptions = lister(
    SUBSCRIPTIONS, __name__, "customer_id", "project_id",
    # An empty status asks for every status.
    status=lambda _, status: subscriptions.c.status == status.lower() if status else true(),
)  # fmt: skip


create_subscription, update_subscription, delete_subscription, restore_subscription = operations(
    SUBSCRIPTIONS
)
