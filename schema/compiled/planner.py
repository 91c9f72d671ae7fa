"""A validated query operation as a `resolvers.core.json_select.Plan`, or None when any part
of it is outside what the compiled path answers exactly like the normal one.

Fields are collected the way graphql-core's executor collects them (aliases, fragments,
inline fragments, @skip/@include with their variables), so the plan's keys and their
order are the normal answer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry
from graphql import (
    DirectiveNode,
    DocumentNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLType,
    OperationType,
    Visitor,
    get_operation_ast,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetailsList,
    collect_fields,
    collect_subfields,
)
from graphql.execution.executor import Executor
from graphql.execution.values import get_argument_values
from strawberry.types.arguments import convert_arguments

from resolvers.core.errors import Invalid
from resolvers.core.json_select.plan import (
    Aggregate,
    ConnectionPlan,
    Constant,
    Count,
    Cursor,
    EdgeNode,
    Edges,
    EndCursor,
    Figure,
    Figures,
    Filter,
    GlobalId,
    GroupBy,
    GroupKey,
    HasNextPage,
    HasPreviousPage,
    Listing,
    Many,
    NodePlan,
    Nodes,
    One,
    PageInfo,
    Plan,
    Record,
    StartCursor,
    TotalCount,
    Value,
)
from resolvers.core.ordering import Order
from resolvers.core.pagination import PageArgs
from schema.compiled.catalog import (
    Catalog,
    Column,
    EdgeField,
    GlobalIdField,
    NodeType,
    catalog_of,
    connection_nodes,
)
from schema.document_cache import PerDocument
from schema.fields import GRAPH
from schema.filters import to_plain
from schema.ids import decode_id
from schema.node import decode_global_id
from schema.ordering import to_order

TYPENAME = "__typename"
# Arguments a compiled connection must leave out (or null): they need the normal path
# (which neighbours a search looks through depends on the caller's grants).
_LIST_ONLY = ("search",)
_PLAIN_DIRECTIVES = frozenset({"skip", "include"})


class Decline(Exception):
    """The operation leaves the compiled subset: the resolvers answer it."""


def plan_operation(
    schema: strawberry.Schema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> Plan | None:
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    if not _cached_plain_directives(document):
        return None
    built = Executor.build(
        schema._schema, document, raw_variable_values=dict(variables or {}),
        operation_name=operation_name,
    )  # fmt: skip
    if not isinstance(built, Executor) or built.operation.operation != OperationType.QUERY:
        return None
    if any(f.variable_signatures for f in built.fragments.values()):
        return None
    try:
        return _Planner(schema, catalog_of(schema), built).operation()
    except (Decline, GraphQLError, Invalid):
        return None


def record_pk(resource: str, args: dict[str, Any]) -> int:
    """A root record's id from its field's coerced arguments: also how a prepared
    operation (gateway/prepared_operations.py) binds a request's id to its plan."""
    database_id = _arg(args, "databaseId", "database_id")
    if database_id is not None:
        return int(database_id)
    # Its own error for a bad or foreign id: the normal path says it (Invalid).
    return decode_id(_arg(args, "id"), GRAPH[resource].node)


class _Directives(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.plain = True

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        if node.name.value not in _PLAIN_DIRECTIVES:
            self.plain = False


def _plain_directives(document: DocumentNode) -> bool:
    """Only @skip and @include: @defer, @stream or a custom directive change execution."""
    visitor = _Directives()
    visit(document, visitor)
    return visitor.plain


_cached_plain_directives = PerDocument(_plain_directives)


class _Planner:
    def __init__(
        self, schema: strawberry.Schema, catalog: Catalog, executor: Executor[Any]
    ) -> None:
        self.strawberry = schema
        self.schema = schema._schema
        self.catalog = catalog
        self.executor = executor

    def operation(self) -> Plan:
        query = self.schema.query_type
        assert query is not None
        e = self.executor
        collected = collect_fields(self.schema, e.fragments, e.variable_values, query, e.operation)
        if collected.new_defer_usages:
            raise Decline
        fields: list[Any] = []
        for key, details in collected.grouped_field_set.items():
            name = details[0].node.name.value
            if name == TYPENAME:
                fields.append(Constant(key, query.name))
                continue
            if name in self.catalog.node_roots:
                fields.append(self.node_record(key, query, details))
                continue
            root = self.catalog.roots.get(name)
            if root is None:
                raise Decline
            args = self.arguments(query, details)
            node = self.node_type(root.resource.name)
            if root.order is None:
                pk = self.record_id(node, args)
                fields.append(Record(key, root.resource.name, self.node(details, node), pk))
            else:
                connection = self.connection(
                    query.fields[name].type, details, node, args, root.order
                )
                figures = (Constant, Aggregate, GroupBy)
                if not root.pages and not all(isinstance(f, figures) for f in connection.fields):
                    raise Decline
                fields.append(Listing(key, root.resource.name, connection))
        return Plan(tuple(fields))

    def node_record(self, key: str, query: GraphQLObjectType, details: FieldDetailsList) -> Record:
        """`node(id:)` as the root record field of the id's type: the plan is that type's
        (its fragments), and a request naming another type's record takes the normal path
        (`record_pk` refuses it when binding)."""
        args = self.arguments(query, details)
        type_name, _ = decode_global_id(args["id"])
        node = self.catalog.nodes.get(type_name)
        if node is None or type_name not in self.catalog.fetched:
            raise Decline
        return Record(key, node.resource.name, self.node(details, node), self.record_id(node, args))

    def arguments(self, parent: GraphQLObjectType, details: FieldDetailsList) -> dict[str, Any]:
        """The field's arguments as its resolver receives them (Strawberry's inputs and
        enums, by Python name)."""
        node = details[0].node
        field = parent.fields[node.name.value]
        raw = get_argument_values(field, node, self.executor.variable_values)
        definition = field.extensions.get("strawberry-definition")
        if definition is None:
            raise Decline
        return convert_arguments(
            raw,
            definition.arguments,
            scalar_registry=self.strawberry.schema_converter.scalar_registry,
            config=self.strawberry.config,
        )

    def node_type(self, resource: str) -> NodeType:
        graph = GRAPH.get(resource)
        name = graph.node.graphql_name() if graph is not None else ""
        node = self.catalog.nodes.get(name)
        if node is None:
            raise Decline
        return node

    def record_id(self, node: NodeType, args: dict[str, Any]) -> int:
        return record_pk(node.resource.name, args)

    def subfields(self, output: GraphQLObjectType, details: FieldDetailsList) -> Any:
        e = self.executor
        collected = collect_subfields(
            self.schema, e.fragments, e.variable_values, e.operation, output, details
        )
        if collected.new_defer_usages:
            raise Decline
        return collected.grouped_field_set.items()

    def node(self, details: FieldDetailsList, node: NodeType) -> NodePlan:
        fields: list[Any] = []
        for key, sub in self.subfields(node.graphql, details):
            name = sub[0].node.name.value
            spec = node.fields.get(name)
            if name == TYPENAME:
                fields.append(Constant(key, node.name))
            elif isinstance(spec, GlobalIdField):
                fields.append(GlobalId(key, node.name))
            elif isinstance(spec, Column):
                fields.append(Value(key, spec.column, spec.labels, spec.int32))
            elif isinstance(spec, EdgeField):
                edge = spec.edge
                target = self.node_type(edge.target)
                if edge.kind == "one":
                    fields.append(One(key, edge.name, self.node(sub, target)))
                else:
                    args = self.arguments(node.graphql, sub)
                    output = node.graphql.fields[name].type
                    connection = self.connection(output, sub, target, args, edge.order)
                    fields.append(Many(key, edge.name, connection))
            else:
                raise Decline
        return NodePlan(node.resource.name, tuple(fields))

    def connection(
        self,
        output: Any,
        details: FieldDetailsList,
        node: NodeType,
        args: dict[str, Any],
        order: tuple[Order, ...],
    ) -> ConnectionPlan:
        if any(_arg(args, name) is not None for name in _LIST_ONLY):
            raise Decline
        shape = connection_nodes(output)
        if shape is None or shape[1] != node.name:
            raise Decline
        connection_type, _ = shape
        # As `schema.connection.list_query` reads them for the resolvers.
        page = PageArgs(
            first=_arg(args, "first"),
            after=_arg(args, "after"),
            last=_arg(args, "last"),
            before=_arg(args, "before"),
        )
        where = to_plain(_arg(args, "filter")) or None
        order = to_order(_arg(args, "order_by")) or order
        _ = page.size  # Invalid (a negative size): the resolvers say it.
        fields: list[Any] = []
        for key, sub in self.subfields(connection_type, details):
            name = sub[0].node.name.value
            if name == TYPENAME:
                fields.append(Constant(key, connection_type.name))
            elif name == "nodes":
                fields.append(Nodes(key, self.node(sub, node)))
            elif name == "edges":
                fields.append(self.edges(key, connection_type, sub, node))
            elif name == "totalCount":
                fields.append(TotalCount(key))
            elif name == "pageInfo":
                fields.append(self.page_info(key, connection_type, sub))
            elif name == "aggregate":
                output = _named(connection_type.fields[name].type)
                fields.append(Aggregate(key, self.figures(connection_type, output, sub)))
            elif name == "groupBy":
                fields.append(self.group_by(key, connection_type, sub))
            else:
                raise Decline
        return ConnectionPlan(
            tuple(fields), page, order, None if where is None else Filter.of(where)
        )

    def edges(
        self,
        key: str,
        connection_type: GraphQLObjectType,
        details: FieldDetailsList,
        node: NodeType,
    ) -> Edges:
        edge_type = _named(connection_type.fields["edges"].type)
        if not isinstance(edge_type, GraphQLObjectType):
            raise Decline
        fields: list[Constant | Cursor | EdgeNode] = []
        for sub_key, sub in self.subfields(edge_type, details):
            name = sub[0].node.name.value
            if name == TYPENAME:
                fields.append(Constant(sub_key, edge_type.name))
            elif name == "cursor":
                fields.append(Cursor(sub_key))
            elif name == "node" and _named(edge_type.fields["node"].type).name == node.name:
                fields.append(EdgeNode(sub_key, self.node(sub, node)))
            else:
                raise Decline
        return Edges(key, tuple(fields))

    def figures(
        self,
        connection_type: GraphQLObjectType,
        output: GraphQLObjectType,
        details: FieldDetailsList,
        grouped: bool = False,
    ) -> tuple[Any, ...]:
        """The figures an aggregate (or a group) selects, by the names the resolvers' own
        `schema.aggregates.spec_of` reads them."""
        figures = self.catalog.figures.get(connection_type.name)
        if figures is None:
            raise Decline
        fields: list[Any] = []
        for key, sub in self.subfields(output, details):
            name = sub[0].node.name.value
            names = figures.names.get(name)
            if name == TYPENAME:
                fields.append(Constant(key, output.name))
            elif name == "count":
                fields.append(Count(key))
            elif name == "key" and grouped:
                fields.append(GroupKey(key))
            elif names is not None:
                part = _named(output.fields[name].type)
                values: list[Constant | Figure] = []
                for sub_key, inner in self.subfields(part, sub):
                    figure = inner[0].node.name.value
                    if figure == TYPENAME:
                        values.append(Constant(sub_key, part.name))
                    elif figure in names:
                        values.append(Figure(sub_key, names[figure]))
                    else:
                        raise Decline
                fields.append(Figures(key, name, tuple(values)))
            else:
                raise Decline
        return tuple(fields)

    def group_by(
        self, key: str, connection_type: GraphQLObjectType, details: FieldDetailsList
    ) -> GroupBy:
        args = self.arguments(connection_type, details)
        column = _arg(args, "field").value
        truncate = _arg(args, "truncate")
        figures = self.catalog.figures.get(connection_type.name)
        named = figures.labels.get(column) if figures is not None else None
        labels = None
        if named is not None:
            if not all(isinstance(code, int) for code in named):
                raise Decline
            labels = tuple(sorted(named.items()))
        output = _named(connection_type.fields["groupBy"].type)
        fields = self.figures(connection_type, output, details, grouped=True)
        return GroupBy(key, column, None if truncate is None else truncate.value, labels, fields)

    def page_info(
        self, key: str, connection_type: GraphQLObjectType, details: FieldDetailsList
    ) -> PageInfo:
        output = connection_type.fields["pageInfo"].type
        page_info = output.of_type if hasattr(output, "of_type") else output
        fields: list[Constant | HasNextPage | HasPreviousPage | StartCursor | EndCursor] = []
        for sub_key, sub in self.subfields(page_info, details):
            name = sub[0].node.name.value
            if name == TYPENAME:
                fields.append(Constant(sub_key, page_info.name))
            elif name == "hasNextPage":
                fields.append(HasNextPage(sub_key))
            elif name == "hasPreviousPage":
                fields.append(HasPreviousPage(sub_key))
            elif name == "startCursor":
                fields.append(StartCursor(sub_key))
            elif name == "endCursor":
                fields.append(EndCursor(sub_key))
            else:
                raise Decline
        return PageInfo(key, tuple(fields))


def _named(output: GraphQLType) -> Any:
    while isinstance(output, GraphQLNonNull | GraphQLList):
        output = output.of_type
    return output


def _arg(args: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = args.get(name)
        if value is not None:
            return value
    return None
