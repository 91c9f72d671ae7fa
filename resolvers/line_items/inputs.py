"""The input shapes every priced document shares: its lines, its discount and addresses.

One shape carries both ways of changing a document's lines:
- `items` is the whole list: an entry with `id` keeps (and changes) that stored line, one
  without is added, and stored lines left out are removed (tech9, v1, v2, GraphQL);
- `new_items`, `item_updates` (entries with `id`) and `removed_items` (ids) edit the stored
  list in place and leave the rest alone (Perfex's `newitems`, `items`, `removed_items`).
A document is created with either `items` or `new_items`.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from resolvers.core import exclusive
from resolvers.core.exclusive import NOT_NULL, NotBoth
from resolvers.core.validation import AMOUNT_BOUND, Fields
from resolvers.line_items.taxes import ONE_WAY, capped, distinct
from resolvers.totals import CENT, money

LIMIT = Decimal(10) ** 12
FIGURE: dict[str, Any] = {"gt": -AMOUNT_BOUND, "lt": AMOUNT_BOUND, "allow_inf_nan": False}
MAX_ITEMS = 200


# Perfex sends 0 for "no tax" / "no catalogue item".
NO_REFERENCE = (0, "0", "")


def _none_for_zero(value: Any) -> Any:
    return None if value in NO_REFERENCE else value


def _joined(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return ",".join(v.strip() for v in value if v.strip())
    raise ValueError("must be text or a list of text")


OptionalRef = Annotated[int | None, BeforeValidator(_none_for_zero)]
# Tags as Perfex stores them: "web,design"; a list of text is joined (the list is only
# for the document: no list reaches it). The length bound belongs to the text alone: on
# the whole `str | None` it would be applied to an explicit null.
Tags = Annotated[
    Annotated[str, Field(max_length=2000)] | list[str] | None, BeforeValidator(_joined)
]
# A line's taxes by id or name: never the same value twice, as sent (spread refuses two
# names of one tax too, which only the data can tell).
TaxList = Annotated[
    list[int | str],
    BeforeValidator(distinct),
    Field(max_length=MAX_ITEMS, json_schema_extra={"uniqueItems": True}),
]


# What a line must say for store._complete to have its description and rate: its stored
# line (`id`), a catalogue item that fills what it leaves out, or both itself; neither is
# ever cleared with a null. The OpenAPI document states it from here.
_KEPT: JsonDict = {"description": NOT_NULL, "rate": NOT_NULL}
STORED: JsonDict = {"required": ["id"], "properties": {"id": {"type": "integer"}, **_KEPT}}
FROM_ITEM: JsonDict = {
    "required": ["item_id"],
    "properties": {"item_id": {"type": "integer", "minimum": 1}, **_KEPT},
}
OWN: JsonDict = {"required": ["description", "rate"], "properties": _KEPT}


class LineItemInput(Fields):
    """A line to add, or (with `id`) a change to a stored line: only given fields change.

    Left out of a new line: qty 1, and description, rate, unit and taxes from the
    catalogue item when `item_id` names one. Its taxes are named as `taxes` or as
    `tax_id`/`tax2_id`, not both, and never the same tax twice."""

    id: int | None = None
    description: str | None = Field(default=None, min_length=1, max_length=191)
    long_description: str | None = Field(default=None, max_length=65_000)
    qty: Decimal | None = Field(default=None, ge=CENT, lt=LIMIT, allow_inf_nan=False)
    rate: Decimal | None = Field(default=None, ge=0, lt=LIMIT, allow_inf_nan=False)
    unit: str | None = Field(default=None, max_length=40)
    item_order: int | None = Field(default=None, ge=0, le=1_000_000)
    item_id: OptionalRef = None
    tax_id: OptionalRef = None
    tax2_id: OptionalRef = None
    # At most two taxes by id or name (resolvers.line_items.taxes), instead of the slots.
    taxes: TaxList | None = None

    model_config = ConfigDict(json_schema_extra={"anyOf": [STORED, FROM_ITEM, OWN]})

    @field_validator("taxes")
    @classmethod
    def _taxes(cls, value: list[int | str] | None) -> list[int | str] | None:
        return capped(value)

    @field_validator("qty")
    @classmethod
    def _qty(cls, value: Decimal | None) -> Decimal | None:
        # Stored to the cent; a quantity that rounds to nothing is no quantity.
        if value is None:
            return None
        if money(value) <= 0:
            raise ValueError("must be at least 0.01")
        return money(value)

    @field_validator("rate")
    @classmethod
    def _rate(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else money(value)


exclusive.declare(LineItemInput, *ONE_WAY)


class NewLineInput(LineItemInput):
    """A line to add (Perfex's `newitems`): it names no stored line."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [FROM_ITEM, OWN],
            "not": {"required": ["id"], "properties": {"id": {"type": "integer"}}},
        }
    )


class LineChange(LineItemInput):
    """A change to a stored line (Perfex's `items`): only given fields change."""

    id: int


class LineItemsFields(Fields):
    items: list[LineItemInput] | None = Field(default=None, max_length=MAX_ITEMS)
    new_items: list[NewLineInput] | None = Field(default=None, max_length=MAX_ITEMS)
    item_updates: list[LineChange] | None = Field(default=None, max_length=MAX_ITEMS)
    removed_items: list[int] | None = Field(default=None, max_length=MAX_ITEMS)

    def changes_items(self) -> bool:
        return any(getattr(self, name) is not None for name in ("items", *EDITS))


# The edits of a stored list, which a whole `items` list replaces: one way or the other,
# a null being neither (store._plan's rule).
EDITS = ("new_items", "item_updates", "removed_items")
WHOLE_OR_EDITS = exclusive.declare(
    LineItemsFields,
    *(NotBoth("items", e, "send the whole list in items, or new_items/item_updates/removed_items",
              named="items") for e in EDITS),
)  # fmt: skip


# No discount: a percentage or fixed amount left out, null or zero (figures.discount_of).
_NONE_OFF: JsonDict = {
    "anyOf": [{"type": "null"}, {"type": "number", "maximum": 0},
              {"type": "string", "pattern": r"^\s*-?0*\.?0*\s*$"}]
}  # fmt: skip
# A discount names its type (figures.discount_of refuses one without).
DISCOUNTED: list[Any] = [
    {"properties": {"discount_percent": _NONE_OFF, "discount_total": _NONE_OFF}},
    {"required": ["discount_type"],
     "properties": {"discount_type": {"enum": ["before_tax", "after_tax"]}}},
]  # fmt: skip


def every_way(ways: list[Any], more: list[Any]) -> list[JsonDict]:
    """Two "one of these ways" rules (`anyOf`s of required names) as one: a way of each."""
    out: list[JsonDict] = []
    for a, b in itertools.product(ways, more):
        required = [*a.get("required", []), *b.get("required", [])]
        way: JsonDict = {"properties": {**a.get("properties", {}), **b.get("properties", {})}}
        out.append({**way, "required": required} if required else way)
    return out


class PricedFields(LineItemsFields):
    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The discount rule beside any way a body of the document states it is given (v1's
        # lone total): a model's own `anyOf` would replace a parent's.
        shown = handler(schema)
        model = handler.resolve_ref_schema(shown)
        model["anyOf"] = every_way(model.get("anyOf", [{}]), DISCOUNTED)
        return shown

    # A currency id or its code ("AED"); the customer's default when left out.
    currency: int | str | None = None
    discount_type: Literal["", "before_tax", "after_tax"] | None = None
    discount_percent: Decimal | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    # A fixed discount, used when discount_percent is 0 (as Perfex reads it).
    discount_total: Decimal | None = Field(default=None, ge=0, lt=LIMIT, allow_inf_nan=False)
    adjustment: Decimal | None = Field(default=None, gt=-LIMIT, lt=LIMIT, allow_inf_nan=False)
    # Figures Perfex clients must send; they are read (a number, or its text, of the size
    # any amount has: resolvers.core.validation) and dropped: the lines decide them.
    subtotal: Decimal | None = Field(default=None, **FIGURE)
    total_tax: Decimal | None = Field(default=None, **FIGURE)
    total: Decimal | None = Field(default=None, **FIGURE)
    # Custom field values by field id or slug, written with the document.
    custom_fields: dict[int | str, Any] | None = None


class AddressFields(BaseModel):
    billing_street: str | None = Field(default=None, max_length=191)
    billing_city: str | None = Field(default=None, max_length=100)
    billing_state: str | None = Field(default=None, max_length=100)
    billing_zip: str | None = Field(default=None, max_length=20)
    # Country ids, or ISO 3166 alpha-2/alpha-3 codes.
    billing_country: int | str | None = None
    shipping_street: str | None = Field(default=None, max_length=191)
    shipping_city: str | None = Field(default=None, max_length=100)
    shipping_state: str | None = Field(default=None, max_length=100)
    shipping_zip: str | None = Field(default=None, max_length=20)
    shipping_country: int | str | None = None
    include_shipping: bool | None = None
    show_shipping: bool | None = None


def status_among(*codes: int, reason: str) -> Any:
    """The validator of a `status` a client may set only to one of `codes` (the rest
    follow from what happens to the document), refused in `reason`'s words."""

    def check(cls: type[BaseModel], value: int | None) -> int | None:
        if value is not None and value not in codes:
            raise ValueError(reason)
        return value

    # The codes, for the OpenAPI document to state (gateway.body_rules).
    check.codes = codes  # type: ignore[attr-defined]
    return field_validator("status")(check)


class AcceptanceFields(Fields):
    """Who accepted, as the customer area records it; all optional for staff."""

    acceptance_firstname: str | None = Field(default=None, max_length=100)
    acceptance_lastname: str | None = Field(default=None, max_length=100)
    acceptance_email: str | None = Field(default=None, max_length=191)
    acceptance_ip: str | None = Field(default=None, max_length=45)
    signature: str | None = Field(default=None, max_length=500_000)
