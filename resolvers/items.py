"""The catalogue of items (v2's products) line items are picked from, and its groups.

Item groups are registered here and only here, as the lookup list "item_groups".
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import exclusive, reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, partly_stored, refusal
from resolvers.core.exclusive import NotBoth
from resolvers.core.getters import getter
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.records import live, must_fetch
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items import LIMIT
from resolvers.line_items.inputs import NO_REFERENCE, OptionalRef
from resolvers.models import Item, ItemGroup, Tax, table_of
from resolvers.projects.common import lister
from resolvers.totals import money

RESOURCE = "items"
items = table_of(Item)
taxes = table_of(Tax)


class ItemFields(Fields):
    description: str | None = Field(default=None, min_length=1, max_length=191)
    long_description: str | None = Field(default=None, max_length=65_000)
    rate: Decimal | None = Field(default=None, ge=0, lt=LIMIT, allow_inf_nan=False)
    tax_id: OptionalRef = None
    tax2_id: OptionalRef = None
    unit: str | None = Field(default=None, max_length=40)
    group_id: OptionalRef = None
    type: Literal["product", "service"] | None = None
    # v2 names the tax by its rate (10 for 10%): the live tax with that rate; 0 for none.
    tax_rate: Decimal | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)

    @field_validator("rate")
    @classmethod
    def _cents(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else money(value)


# A tax by its rate or by its id, not both (_tax_by_rate's rule; a tax_id that names no
# tax is neither).
(RATE_OR_ID,) = exclusive.declare(
    ItemFields,
    NotBoth("tax_rate", "tax_id", "give tax_id or tax_rate, not both", named="tax_rate",
            null_counts=("tax_rate",), blank=NO_REFERENCE),
)  # fmt: skip


class ItemCreate(ItemFields):
    description: str = Field(min_length=1, max_length=191)
    rate: Decimal = Field(ge=0, lt=LIMIT, allow_inf_nan=False)


def _values(fields: ItemFields) -> dict[str, Any]:
    values = fields.model_dump(exclude_unset=True)
    for name in ("long_description", "unit"):
        if name in values and values[name] is None:
            values[name] = ""
    for name in ("description", "rate", "type"):
        if name in values and values[name] is None:
            raise Invalid.field(name, "may not be empty")
    return values


async def _check(conn: AsyncConnection, values: Mapping[str, Any], before: Row | None) -> None:
    for name in ("tax_id", "tax2_id"):
        if values.get(name) is not None:
            await must_fetch(conn, taxes, values[name], "tax", name)
    if values.get("group_id") is not None:
        await must_fetch(conn, ITEM_GROUPS.table, values["group_id"], "item group", "group_id")
    merged = {**(before or {}), **values}
    if merged.get("tax_id") is not None and merged.get("tax_id") == merged.get("tax2_id"):
        stored = partly_stored(before, values, "tax_id", "tax2_id")
        raise refusal("tax2_id", "repeats tax_id", stored=stored)


async def _tax_by_rate(conn: AsyncConnection, values: dict[str, Any]) -> None:
    """Turn a tax_rate into the tax_id of the oldest live tax with exactly that rate. No
    such tax is refused rather than created: taxes are set up by an administrator."""
    if "tax_rate" not in values:
        return
    RATE_OR_ID.check(values)
    rate = values.pop("tax_rate")
    if not rate:
        values["tax_id"] = None
        return
    found = await conn.scalar(
        select(taxes.c.id)
        .where(taxes.c.rate == money(rate), live(taxes))
        .order_by(taxes.c.id)
        .limit(1)
    )
    if found is None:
        raise Invalid.field("tax_rate", f"no tax has the rate {money(rate)}%: set one up first")
    values["tax_id"] = int(found)


@generic_read("item_groups")
async def list_item_groups(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
    return await reading.list_records(ctx, ITEM_GROUPS, page, **query)


async def _item_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ItemFields)
    values = _values(fields)
    await _tax_by_rate(conn, values)
    await _check(conn, values, before)
    return values


ITEMS = register(
    Resource(
        name=RESOURCE,
        model=Item,
        label="Item",
        search=("description", "long_description", "unit"),
        # An update changes the catalogue item; documents that carry it keep their copy.
        verbs=soft_verbs(
            ItemCreate,
            ItemFields,
            "item",
            values=_item_values,
            created=lambda row: {"description": row["description"], "rate": row["rate"]},
        ),
    )
)
ITEM_GROUPS = register(
    Resource(name="item_groups", model=ItemGroup, label="Item group", search=("name",),
             permission=RESOURCE)
)  # fmt: skip
relate(RESOURCE, "group", Relation("item_groups", "one", "group_id"))
relate("item_groups", "items", Relation(RESOURCE, "many", "group_id"))
relate(RESOURCE, "tax", Relation("taxes", "one", "tax_id"))
relate(RESOURCE, "tax2", Relation("taxes", "one", "tax2_id"))
get_item = getter(ITEMS, __name__, "get_item")
list_items = lister(ITEMS, __name__, "group_id")
get_item_group = getter(ITEM_GROUPS, __name__, "get_item_group")
# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_item, update_item, delete_item, restore_item = operations(ITEMS)
