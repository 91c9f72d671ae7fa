"""Which operation of a document runs: the GraphQL spec's GetOperation, which Strawberry
bends by running the first operation when a document holds several and the request
names none. A client that sends two operations and no `operationName` has a bug; it
gets a request error saying so, over HTTP (a 400) and the WebSocket alike."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

CODE = "BAD_REQUEST"
MESSAGE = "This document holds {count} operations: name the one to run with operationName ({names})"


class OperationNameRequired(GraphQLError):
    """Its own class, so the HTTP view can answer it with a 400 under any media type."""


class OneOperation(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        # Strawberry's `operation_name` falls back to the first operation's name, so the
        # name the request itself gave is read from where Strawberry keeps it.
        given = getattr(context, "_provided_operation_name", None)
        if document is not None and given is None and not context.pre_execution_errors:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                names = ", ".join(o.name.value if o.name else "<anonymous>" for o in operations)
                context.pre_execution_errors = [
                    OperationNameRequired(
                        MESSAGE.format(count=len(operations), names=names),
                        nodes=operations,
                        extensions={"code": CODE},
                    )
                ]
        yield
