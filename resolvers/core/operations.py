"""A resource's four ordinary verbs as plain service operations, for the REST rows and
the domain modules that call them by name (GraphQL generates its own mutations)."""

from __future__ import annotations

from resolvers.core.resources import Resource
from resolvers.core.writes import Operation, operation


def ordinary(resource: Resource) -> tuple[Operation, Operation, Operation, Operation]:
    """create, update, delete and restore, in that order."""
    return (
        operation(resource, "create"),
        operation(resource, "update"),
        operation(resource, "delete"),
        operation(resource, "restore"),
    )
