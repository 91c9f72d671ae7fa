"""What every money document's inputs share: records named by global id, turned into
the database ids the service layer takes, and the service layer's field names in its
errors turned back into the names the client wrote.

A `Ref` says which type a global id must name ("Tax", "PaymentMode"...) and, where the
service layer calls the field otherwise, its name there ("currency_id" -> "currency").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import strawberry

from resolvers.core.errors import Invalid
from resolvers.core.reading import records_by_id
from resolvers.core.resources import resource
from resolvers.line_items.taxes import MAX_TAXES
from schema.context import Info
from schema.fields import GRAPH
from schema.ids import decode_id
from schema.inputs import given
from schema.lookups.references import custom_values
from schema.node import lazy, type_ref

T = TypeVar("T")


@dataclass(frozen=True)
class Ref:
    type_name: str
    # The service layer's name for the field, when it is not the input's.
    key: str | None = None


def service_data(input: object | None, refs: Mapping[str, Ref] | None = None) -> dict[str, Any]:
    """The fields the client sent (none for a null input), global ids decoded and renamed
    as `refs` say, enums as their codes, custom field values as the service's {field id:
    value}."""
    data: dict[str, Any] = {}
    for name, value in given(input).items() if input is not None else ():
        ref = (refs or {}).get(name)
        if name == "custom_fields":
            data[name] = custom_values(value)
        elif ref is None:
            data[name] = value.value if isinstance(value, Enum) else value
        elif value is None:
            data[ref.key or name] = None
        elif isinstance(value, list):
            data[ref.key or name] = [
                decode_id(v, ref.type_name, f"{name}.{i}") for i, v in enumerate(value)
            ]
        else:
            data[ref.key or name] = decode_id(value, ref.type_name, name)
    return data


def taxes_data(taxes: list[strawberry.ID] | None) -> dict[str, int | None]:
    """A list of at most two Tax ids as the service layer's two tax slots; [] or null
    clears both."""
    if taxes and len(taxes) > MAX_TAXES:
        raise Invalid.field("taxes", f"at most {MAX_TAXES} taxes")
    ids: list[int | None] = [decode_id(t, "Tax", f"taxes.{i}") for i, t in enumerate(taxes or [])]
    ids += [None] * (MAX_TAXES - len(ids))
    return {"tax_id": ids[0], "tax2_id": ids[1]}


def with_taxes(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its `taxes` list, when sent, spread over the two tax slots."""
    if "taxes" not in data:
        return data
    rest = {k: v for k, v in data.items() if k != "taxes"}
    return {**rest, **taxes_data(data["taxes"])}


# The service layer's names for tax slots; the input has one list for both.
TAX_NAMES = {"tax_id": "taxes", "tax2_id": "taxes"}


def names_of(refs: Mapping[str, Ref], *more: Mapping[str, str]) -> dict[str, str]:
    """Service name -> input name for every renamed ref, and any further renames."""
    names = {ref.key: name for name, ref in refs.items() if ref.key}
    for extra in more:
        names |= extra
    return names


ID_LIST = "crm.id_list"


def id_list_field(column: str, target: str, *, description: str) -> Any:
    """A list of `target` records whose ids a text column keeps comma-separated ("1,3"),
    loaded by id in one batch with every other node asking in the same tick. The class
    needs @typed_lists for the field to learn its type."""

    async def resolve(root: Any, info: Info) -> list[Any]:
        ids = [int(part) for part in str(root._row[column] or "").split(",") if part.isdigit()]
        if not ids:
            return []
        loader = info.context.ctx.loader(records_by_id, resource(target))
        rows = await loader.load_many(ids)
        node = GRAPH[target].node
        return [node.from_row(row) for row in rows if row is not None]

    return strawberry.field(resolver=resolve, description=description, metadata={ID_LIST: target})


def typed_lists(cls: type[T]) -> type[T]:
    """Type each id_list_field of a Strawberry type as a list of its target's nodes.
    Apply above @strawberry.type: reading the class, Strawberry re-homes field
    annotations in the module, where the targets' generated names are unknown."""
    for field in cls.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        target = (field.metadata or {}).get(ID_LIST)
        if target is not None:
            field.type_annotation = lazy(f"list[{type_ref(target, 'Node')}]")
    return cls
