"""The ordinary verbs of a record that is soft deleted and restorable, as most are: their
declaration, and the four operations the REST rows and the domain modules call by name
(GraphQL generates its own mutations from the declaration)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from resolvers.core.resources import Hooks, Resource, Verbs
from resolvers.core.writes import Operation, operation


def soft_verbs(
    create: type[BaseModel],
    update: type[BaseModel],
    event: str,
    *,
    fixed: tuple[str, ...] = (),
    asks: str | None = None,
    **hooks: Any,
) -> Verbs:
    """create, update, delete and restore, the events named after `event`, and the
    domain's rules as `hooks` (resources.Hooks' fields)."""
    return Verbs(
        create=create,
        update=update,
        delete=True,
        restore=True,
        event=event,
        fixed=fixed,
        asks=asks,
        hooks=Hooks(**hooks),
    )


def operations(resource: Resource) -> tuple[Operation, Operation, Operation, Operation]:
    """create, update, delete and restore, in that order."""
    return (
        operation(resource, "create"),
        operation(resource, "update"),
        operation(resource, "delete"),
        operation(resource, "restore"),
    )
