"""GraphQL's side of the one rule for text no engine stores (resolvers.validation): a
NUL (PostgreSQL refuses it) or a lone surrogate (JSON's "\\ud800"; no engine encodes
it) anywhere in the variables or the document's string arguments is the caller's error,
answered before any resolver runs, as REST answers it for paths, queries and bodies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    visit,
)
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from resolvers.errors import Invalid
from resolvers.validation import check_data

CODE = "BAD_USER_INPUT"


class _Literals(Visitor):
    """The string literals of every argument, named by argument (and object field)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self._collect(node.value, node.name.value)

    def _collect(self, value: ValueNode, path: str) -> None:
        stack: list[tuple[ValueNode, str]] = [(value, path)]
        while stack:
            node, name = stack.pop()
            if isinstance(node, StringValueNode):
                self.found.append((name, node.value))
            elif isinstance(node, ListValueNode):
                stack.extend((item, f"{name}.{i}") for i, item in enumerate(node.values))
            elif isinstance(node, ObjectValueNode):
                stack.extend((f.value, f"{name}.{f.name.value}") for f in node.fields)


def refusal(document: DocumentNode | None, variables: dict[str, Any] | None) -> Invalid | None:
    """The first unstorable text in the request, as Invalid naming where it is."""
    try:
        check_data(variables or {})
        if document is not None:
            literals = _Literals()
            visit(document, literals)
            for name, text in literals.found:
                check_data(text, name)
    except Invalid as exc:
        return exc
    return None


class StorableText(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        # Before the yield: Strawberry reads the errors as soon as validation returns.
        context = self.execution_context
        if not context.pre_execution_errors:
            refused = refusal(context.graphql_document, context.variables)
            if refused is not None:
                context.pre_execution_errors = [
                    GraphQLError(
                        refused.message, extensions={"code": CODE, "fields": dict(refused.errors)}
                    )
                ]
        yield
