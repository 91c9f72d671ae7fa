"""GraphQL's side of the input rules both transports share, applied to the variables and
the document's arguments before any resolver runs:

- text no engine stores (resolvers.core.validation): a NUL (PostgreSQL refuses it) or a lone
  surrogate (JSON's "\\ud800"; no engine encodes it), anywhere;
- the one search rule (resolvers.core.searching): every `search` argument within its bounds.

REST applies the same functions to paths, query strings and bodies (rest_compat.requests,
and the resolvers). A refusal is a request error with `BAD_USER_INPUT` naming the field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    visit,
)
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from resolvers.core.errors import Invalid
from resolvers.core.searching import search_words
from resolvers.core.validation import check_data
from schema.document_cache import PerDocument

CODE = "BAD_USER_INPUT"
SEARCH = "search"


class _Arguments(Visitor):
    """The string literals of every argument, named by argument (and object field), and
    the value of every `search` argument."""

    def __init__(self) -> None:
        super().__init__()
        self.literals: list[tuple[str, str]] = []
        self.searches: list[ValueNode] = []

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        if node.name.value == SEARCH:
            self.searches.append(node.value)
        self._collect(node.value, node.name.value)

    def _collect(self, value: ValueNode, path: str) -> None:
        stack: list[tuple[ValueNode, str]] = [(value, path)]
        while stack:
            node, name = stack.pop()
            if isinstance(node, StringValueNode):
                self.literals.append((name, node.value))
            elif isinstance(node, ListValueNode):
                stack.extend((item, f"{name}.{i}") for i, item in enumerate(node.values))
            elif isinstance(node, ObjectValueNode):
                stack.extend((f.value, f"{name}.{f.name.value}") for f in node.fields)


def _search_term(node: ValueNode, variables: Mapping[str, Any]) -> Any:
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    return node.value if isinstance(node, StringValueNode) else None


@dataclass(frozen=True)
class _Plan:
    """What a document's own text decides: its literals' verdict, its search arguments."""

    refused: Invalid | None
    searches: tuple[ValueNode, ...]


def _plan(document: DocumentNode) -> _Plan:
    arguments = _Arguments()
    visit(document, arguments)
    try:
        for name, text in arguments.literals:
            check_data(text, name)
    except Invalid as exc:
        return _Plan(exc, ())
    return _Plan(None, tuple(arguments.searches))


# Once per parsed document (schema.document_cache): only the variables vary per request.
_plans = PerDocument(_plan)


def refusal(document: DocumentNode | None, variables: Mapping[str, Any] | None) -> Invalid | None:
    """The first input the rules refuse, as Invalid naming where it is."""
    given = variables or {}
    try:
        check_data(given)
        if document is None:
            return None
        plan = _plans(document)
        if plan.refused is not None:
            return plan.refused
        for node in plan.searches:
            term = _search_term(node, given)
            if isinstance(term, str):
                search_words(term)
    except Invalid as exc:
        return exc
    return None


class InputRules(SchemaExtension):
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
