"""`expectedUpdatedAt` on every update*/delete* mutation, added without touching them.

The extension appends the optional argument to the field and, when a caller gives it,
states the expectation (the record the mutation's global `id` names, at that version)
around the resolver; `resolvers.core.records` checks it on the write, and the mutation's own
`mutate` answers the resulting `Stale` as a userError {field: "expectedUpdatedAt",
code: "STALE"}.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from resolvers.core import preconditions
from resolvers.core.errors import Invalid
from schema.context import Info
from schema.fields import GRAPH
from schema.node import decode_global_id

ARGUMENT = "expected_updated_at"
PREFIXES = ("update", "delete")
DESCRIPTION = (
    "The record's updatedAt as you last read it: if it changed since, nothing is written "
    "and userErrors holds {field: expectedUpdatedAt, code: STALE}."
)


class ExpectedVersion(FieldExtension):
    def apply(self, field: StrawberryField) -> None:
        # The schema may be built more than once (tests, the exported SDL): add it once.
        if any(a.python_name == ARGUMENT for a in field.arguments):
            return
        field.arguments = [
            *field.arguments,
            StrawberryArgument(
                python_name=ARGUMENT,
                graphql_name=None,
                type_annotation=StrawberryAnnotation(datetime | None),
                default=None,
                description=DESCRIPTION,
            ),
        ]

    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        expected: datetime | None = kwargs.pop(ARGUMENT, None)
        target = _target(kwargs.get("id")) if expected is not None else None
        if expected is None or target is None:
            return await next_(source, info, **kwargs)
        table, record_id = target
        with preconditions.expecting(table, record_id, expected):
            return await next_(source, info, **kwargs)


def _target(global_id: Any) -> tuple[str | None, int] | None:
    """(table, database id) of a global id; None for a malformed one, which the mutation
    itself refuses as a userError."""
    if not isinstance(global_id, str):
        return None
    try:
        type_name, pk = decode_global_id(global_id)
    except Invalid:
        return None
    for graph in GRAPH.values():
        if graph.node.graphql_name() == type_name:
            return graph.resource.table.name, pk
    return None, pk


def guard_mutations(mutation: type[Any]) -> None:
    """Attach ExpectedVersion to every update*/delete* field that takes an `id`."""
    definition: StrawberryObjectDefinition = mutation.__strawberry_definition__
    for field in definition.fields:
        if not field.python_name.startswith(PREFIXES):
            continue
        if not any(a.python_name == "id" for a in field.arguments):
            continue
        if not any(isinstance(e, ExpectedVersion) for e in field.extensions):
            field.extensions.append(ExpectedVersion())
