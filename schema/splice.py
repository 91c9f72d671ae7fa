"""Runs of fields that several node types declare alike, declared once and spliced into
each type where it names them, so that a type's body holds only what varies.

Mixins cannot do this: Strawberry lists a base's fields before the class's own, and the
schema's field order (which clients and `schema.graphql` see) interleaves shared and
own fields. A `Splice` keeps the order: `_totals: Splice = TOTALS` in a class body puts
TOTALS' fields at that line, and `@spliced` (under `@strawberry.type` or
`@strawberry.input`) expands it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import strawberry

T = TypeVar("T", bound=type)


# A Column without a default: an output field, or an input field the client must send.
REQUIRED: Any = object()


@dataclass(frozen=True)
class Column:
    """A field read from the row, with its Strawberry type and optional description; on
    an input type, the default a field the client leaves out takes."""

    type: Any
    description: str | None = None
    default: Any = REQUIRED


def unset(type: Any, description: str | None = None) -> Column:
    """An input field the client may leave out: absent (UNSET) is not null."""
    return Column(type, description, strawberry.UNSET)


@dataclass(frozen=True)
class Made:
    """A field with a resolver, made afresh for each type (Strawberry binds a field to
    the one class it is declared on)."""

    make: Callable[[], Any]


class Splice:
    """An ordered run of fields: a bare type is a column without description."""

    def __init__(self, **fields: Any) -> None:
        self.fields: dict[str, Column | Made] = {
            name: part if isinstance(part, (Column, Made)) else Column(part)
            for name, part in fields.items()
        }

    def __add__(self, other: Splice) -> Splice:
        return Splice(**self.fields, **other.fields)

    def annotations(self) -> dict[str, Any]:
        return {n: f.type for n, f in self.fields.items() if isinstance(f, Column)}

    def values(self) -> dict[str, Any]:
        """The class attributes: descriptions and resolvers, fresh for each use."""
        made: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field, Made):
                made[name] = field.make()
            elif field.default is not REQUIRED:
                made[name] = strawberry.field(default=field.default, description=field.description)
            elif field.description is not None:
                made[name] = strawberry.field(description=field.description)
        return made


def spliced(cls: T) -> T:
    """Expand the class's Splice attributes in place. Strawberry orders the annotated
    fields first (as annotated), then the resolver fields (as assigned): each splice's
    columns go at its annotation, its resolver fields at its assignment."""
    own = vars(cls)
    annotations: dict[str, Any] = {}
    for name, annotation in own.get("__annotations__", {}).items():
        part = own.get(name)
        if isinstance(part, Splice):
            annotations.update(part.annotations())
        else:
            annotations[name] = annotation
    # Re-assigning an attribute moves it to the end of the class dict: re-assign all
    # of them in their order, each splice replaced by its fields.
    assigned = [(n, v) for n, v in own.items() if not n.startswith("__")]
    for name, _ in assigned:
        delattr(cls, name)
    for name, value in assigned:
        for field_name, field_value in (
            value.values().items() if isinstance(value, Splice) else [(name, value)]
        ):
            setattr(cls, field_name, field_value)
    cls.__annotations__ = annotations
    return cls
