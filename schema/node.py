"""The Node interface: every record has a global id and its database id.

Global ids are base64 of "Type:123", computed once per row, so reading `id` costs a
plain attribute lookup.

Generated types (filters, orderings, aggregates, connections: `schema.fields`) name each
other, and the graph has cycles (Customer.contacts, Contact.customer), so they refer to
each other lazily through NAMESPACE, which Strawberry reads when the schema is built.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, Self

import strawberry
from strawberry.annotation import StrawberryAnnotation

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid

NodeFetcher = Callable[[Ctx, int], Awaitable[Row | None]]
# The rows of many ids of one type, in id order (None when missing or gone), under the
# same permission rule as the type's NodeFetcher.
NodeBatch = Callable[[Ctx, Sequence[int]], Awaitable[Sequence[Row | None]]]

NAMESPACE: dict[str, Any] = {}

# Root resolvers that read any record by its global id through its type's fetcher
# (`node(id:)`): the compiled path answers them as the type's own root record field.
NODE_READS: set[Callable[..., Any]] = set()


def node_read(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Declares `fn` a root field that answers `resolve_node(ctx, id)` and nothing more."""
    NODE_READS.add(fn)
    return fn


def type_ref(resource: str, kind: str) -> str:
    """The NAMESPACE name of a generated type: type_ref("contacts", "Filter")."""
    return f"{resource}__{kind}"


def publish(resource: str, kind: str, value: Any) -> None:
    NAMESPACE[type_ref(resource, kind)] = value


def lazy(annotation: str) -> StrawberryAnnotation:
    """An annotation resolved when the schema is built, e.g. lazy("contacts__Filter | None")."""
    return StrawberryAnnotation(annotation, namespace=NAMESPACE)


def encode_global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def decode_global_id(value: str, field: str = "id") -> tuple[str, int]:
    try:
        type_name, _, pk = base64.b64decode(value.encode(), validate=True).decode().partition(":")
        return type_name, int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Invalid.field(field, f"{value!r} is not a global id this API issued") from None


@strawberry.interface(description="A record with a global id (`id`) and its database id.")
class Node:
    id: strawberry.ID
    database_id: int = strawberry.field(description="The integer id the REST paths use.")


class RowType:
    """Mixin for types built from rows: `from_row` copies the columns the type exposes."""

    _columns: ClassVar[tuple[str, ...]] = ()
    _type_name: ClassVar[str] = ""
    _registry: ClassVar[dict[str, tuple[type[RowType], NodeFetcher, NodeBatch]]] = {}
    # The row the node was built from: relations read their keys from it.
    _row: Mapping[str, Any]

    @classmethod
    def register(cls, columns: tuple[str, ...], fetch: NodeFetcher, batch: NodeBatch) -> None:
        cls._columns = columns
        cls._type_name = cls.graphql_name()
        RowType._registry[cls._type_name] = (cls, fetch, batch)

    @classmethod
    def graphql_name(cls) -> str:
        definition = getattr(cls, "__strawberry_definition__", None)
        return definition.name if definition is not None else cls.__name__

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Self:
        pk = row["id"]
        values = {name: row[name] for name in cls._columns}
        name = cls._type_name or cls.graphql_name()
        node = cls(id=encode_global_id(name, pk), database_id=pk, **values)  # type: ignore[call-arg]
        node._row = row
        return node

    @classmethod
    def maybe(cls, row: Mapping[str, Any] | None) -> Self | None:
        return None if row is None else cls.from_row(row)


async def resolve_node(ctx: Ctx, global_id: str) -> Any:
    type_name, pk = decode_global_id(global_id)
    entry = RowType._registry.get(type_name)
    if entry is None:
        # Cache keys (ActivityEvent, Change) are global ids too, of nothing `node` reads.
        raise Invalid.field("id", f"{global_id!r} names no record that node() fetches")
    cls, fetch, _ = entry
    return cls.maybe(await fetch(ctx, pk))


async def resolve_nodes(ctx: Ctx, global_ids: Sequence[str]) -> list[Any]:
    """The nodes of `global_ids` in the order given, None for an id that names no type
    or no visible record, the Forbidden refusal for one of a type the caller may not
    read; one batch (a statement) per type, the types read concurrently."""
    wanted: list[tuple[str, int] | None] = []
    by_type: dict[str, list[int]] = {}
    for global_id in global_ids:
        try:
            type_name, pk = decode_global_id(global_id)
        except Invalid:
            wanted.append(None)
            continue
        if type_name not in RowType._registry:
            wanted.append(None)
            continue
        wanted.append((type_name, pk))
        by_type.setdefault(type_name, []).append(pk)

    async def read(type_name: str, pks: list[int]) -> dict[int, Any]:
        cls, _, batch = RowType._registry[type_name]
        unique = list(dict.fromkeys(pks))
        try:
            rows = await batch(ctx, unique)
        except Forbidden as refused:
            # Only the ids of this type are refused: the others still answer.
            return dict.fromkeys(unique, refused)
        return {pk: cls.maybe(row) for pk, row in zip(unique, rows, strict=True)}

    found = dict(
        zip(by_type, await asyncio.gather(*(read(t, p) for t, p in by_type.items())), strict=True)
    )
    return [None if w is None else found[w[0]][w[1]] for w in wanted]
