"""The GraphQL cost score, GitHub's way, computed from the document before execution.

Walking the operation (fragments expanded), every field whose type is a connection
(`...Connection`) is one request to the store for each parent record that asks for it:

- its page is `first` or `last` (the larger if both are sent; 20 when neither; at most
  100), read from literals or the operation's variables;
- its multiplier is the product of the pages of the connections above it (a list field
  taking `ids`, like `nodes(ids:)`, multiplies by the number of ids, at most 100);
- requests += multiplier; nodes += multiplier x page.

Two things a connection does cost more than its page says:

- `groupBy` may answer up to MAX_GROUPS (1,000) groups for each connection asking: it
  adds that many nodes, and as many requests as the pages of 100 they fill (10);
- `search` reads every search column once per word: each word adds SEARCH_WORD_REQUESTS
  requests, for each connection asking.

cost = max(1, ceil(requests / 100)); `nodes` is the upper bound of records the
operation can return, refused above CRM_MAX_NODES. Example: customers(first: 100) {
nodes { contacts(first: 50) { ... } } } makes 1 + 100 = 101 requests (cost 2) and
100 + 100 x 50 = 5,100 nodes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    is_list_type,
    value_from_ast_untyped,
)

from resolvers.core.aggregates import MAX_GROUPS
from resolvers.core.searching import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS

DEFAULT_PAGE = 20
MAX_PAGE = 100
REQUESTS_PER_POINT = 100
# A search word is a scan of the search columns, not a read by key.
SEARCH_WORD_REQUESTS = 10
GROUP_REQUESTS = math.ceil(MAX_GROUPS / MAX_PAGE)


@dataclass
class Shape:
    """The response keys under a selection, for measuring the reply against it."""

    connection: bool = False
    children: dict[str, Shape] = field(default_factory=dict)


@dataclass
class Score:
    requests: int = 0
    nodes: int = 0
    shape: Shape = field(default_factory=Shape)

    @property
    def cost(self) -> int:
        return points(self.requests)


def points(requests: int) -> int:
    return max(1, math.ceil(requests / REQUESTS_PER_POINT))


def score_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
) -> Score:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    walker = _Walker(schema, fragments, variables or {})
    score = Score()
    root = schema.get_root_type(operation.operation)
    if root is None:
        return score
    walker.walk(operation.selection_set, root, 1, score, score.shape, frozenset())
    score.shape = _pruned(score.shape)
    return score


def _pruned(shape: Shape) -> Shape:
    # Measuring a reply walks only towards connections: a 2,000-record answer is mostly
    # scalar leaves, and visiting them all cost more than the query's own SQL.
    kept = {}
    for key, child in shape.children.items():
        inner = _pruned(child)
        if inner.connection or inner.children:
            kept[key] = inner
    return Shape(shape.connection, kept)


def requests_in(data: Any, shape: Shape) -> int:
    """Connections actually present in a reply: what the operation really asked for."""
    if isinstance(data, list):
        return sum(requests_in(item, shape) for item in data)
    if not isinstance(data, dict):
        return 0
    total = 0
    for key, child in shape.children.items():
        value = data.get(key)
        if value is None:
            continue
        total += (1 if child.connection and not isinstance(value, list) else 0) + requests_in(
            value, child
        )
    return total


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def walk(
        self,
        selections: SelectionSetNode,
        parent: GraphQLNamedType,
        multiplier: int,
        score: Score,
        shape: Shape,
        seen: frozenset[str],
    ) -> None:
        for node, owner in self._fields(selections, parent, seen):
            definition = _field(owner, node.name.value)
            if definition is None:
                continue  # __typename and the introspection fields cost nothing
            named = get_named_type(definition.type)
            key = node.alias.value if node.alias else node.name.value
            child_shape = shape.children.setdefault(key, Shape())
            inner = multiplier
            if named.name.endswith("Connection"):
                page = self._page(node)
                score.requests += multiplier * (1 + SEARCH_WORD_REQUESTS * self._words(node))
                score.nodes += multiplier * page
                child_shape.connection = True
                inner = multiplier * page
                if node.selection_set is not None:
                    # Groups come once per connection, not once per node of its page.
                    groupings = self._groupings(node.selection_set, named, seen)
                    score.requests += multiplier * groupings * GROUP_REQUESTS
                    score.nodes += multiplier * groupings * MAX_GROUPS
            elif _is_list(definition):
                inner = multiplier * self._listed(node)
            if node.selection_set is not None:
                self.walk(node.selection_set, named, inner, score, child_shape, seen)

    def _fields(
        self, selections: SelectionSetNode, parent: GraphQLNamedType, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, GraphQLNamedType]]:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                owner = parent
                if selection.type_condition is not None:
                    owner = self.schema.get_type(selection.type_condition.name.value) or parent
                yield from self._fields(selection.selection_set, owner, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue  # validation refuses cycles; never loop on one here
                owner = self.schema.get_type(fragment.type_condition.name.value) or parent
                yield from self._fields(fragment.selection_set, owner, seen | {name})

    def _value(self, node: ValueNode) -> Any:
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        return value_from_ast_untyped(node, dict(self.variables))

    def _page(self, node: FieldNode) -> int:
        sizes = [
            self._value(a.value) for a in node.arguments or () if a.name.value in ("first", "last")
        ]
        given = [s for s in sizes if isinstance(s, int)]
        return min(max(*given, 0), MAX_PAGE) if given else DEFAULT_PAGE

    def _words(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value == "search":
                term = self._value(argument.value)
                if not isinstance(term, str):
                    return 0
                # A term past the search rule's bounds is refused; charge it as the most.
                if len(term) > MAX_SEARCH_LENGTH:
                    return MAX_SEARCH_WORDS
                return min(len(term.split()), MAX_SEARCH_WORDS)
        return 0

    def _groupings(
        self, selections: SelectionSetNode, parent: GraphQLNamedType, seen: frozenset[str]
    ) -> int:
        fields = self._fields(selections, parent, seen)
        return sum(1 for node, _ in fields if node.name.value == "groupBy")

    def _listed(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value == "ids":
                value = argument.value
                ids = self._value(value) if not isinstance(value, ListValueNode) else value.values
                return max(1, min(len(ids or ()), MAX_PAGE))
        return 1


def _field(owner: GraphQLNamedType, name: str) -> GraphQLField | None:
    fields = getattr(owner, "fields", None)
    return fields.get(name) if fields else None


def _is_list(definition: GraphQLField) -> bool:
    kind = definition.type
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return is_list_type(kind) or isinstance(kind, GraphQLList)
