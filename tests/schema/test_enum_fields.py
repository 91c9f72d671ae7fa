"""Every field a node type shows as an enum is filtered, grouped and sorted by that enum:
the fields are found in the served schema, so a new enum field is covered unasked."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

import httpx
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType

from gateway.database import Database
from resolvers.demo_data import seed_demo
from schema import schema
from schema.compiled.catalog import connection_nodes
from tests.schema.graph import data, gql


class EnumField(NamedTuple):
    root: str  # the root connection listing the type
    type_name: str
    field: str  # GraphQL name: "billingType"
    member: str  # its orderBy/groupBy value: "BILLING_TYPE"
    enum: GraphQLEnumType

    def code(self, name: str) -> Any:
        value = self.enum.values[name].value
        return value.value if isinstance(value, Enum) else value


def _named(kind: Any) -> Any:
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


def enum_fields() -> list[EnumField]:
    graph = schema._schema
    assert graph.query_type is not None
    roots: dict[str, str] = {}
    for name, f in graph.query_type.fields.items():
        shape = connection_nodes(f.type)
        if shape is not None and "groupBy" in shape[0].fields:
            roots.setdefault(shape[1], name)
    found = []
    for type_name, root in roots.items():
        node = graph.type_map[type_name]
        assert isinstance(node, GraphQLObjectType)
        for field, f in node.fields.items():
            kind = _named(f.type)
            if isinstance(kind, GraphQLEnumType):
                member = re.sub(r"(?<!^)(?=[A-Z])", "_", field).upper()
                found.append(EnumField(root, type_name, field, member, kind))
    return found


FIELDS = enum_fields()


def test_the_schema_has_the_enum_fields_we_know_of() -> None:
    names = {f"{f.type_name}.{f.field}" for f in FIELDS}
    assert {"Invoice.status", "Project.billingType", "Task.priority"} <= names


def test_each_enum_field_is_filtered_by_its_enum() -> None:
    graph = schema._schema
    for f in FIELDS:
        node_filter = graph.type_map[f"{f.type_name}Filter"]
        assert isinstance(node_filter, GraphQLInputObjectType)
        operators = _named(node_filter.fields[f.field].type)
        assert isinstance(operators, GraphQLInputObjectType), f
        assert operators.name == f"{f.enum.name}Filter", f
        assert set(operators.fields) == {"eq", "ne", "in", "notIn", "isNull"}, f
        assert _named(operators.fields["eq"].type) is f.enum, f
        order_field = graph.type_map[f"{f.type_name}OrderField"]
        grouping_field = graph.type_map[f"{f.type_name}GroupingField"]
        assert isinstance(order_field, GraphQLEnumType), f
        assert isinstance(grouping_field, GraphQLEnumType), f
        assert f.member in order_field.values and f.member in grouping_field.values, f
        # A code is not a quantity: no sums or averages of it.
        for kind in ("Sum", "Avg", "Min", "Max"):
            figures = graph.type_map.get(f"{f.type_name}{kind}Fields")
            assert figures is None or f.field not in figures.fields, (f, kind)  # type: ignore[attr-defined]


def listing(f: EnumField) -> str:
    return f"""
    {{ {f.root}(first: 100, orderBy: [{{field: {f.member}}}]) {{
        totalCount
        nodes {{ {f.field} }}
        groupBy(field: {f.member}) {{ key count }}
    }} }}"""


def filtered(f: EnumField) -> str:
    return f"""
    query($value: {f.enum.name}!) {{
      eq: {f.root}(filter: {{{f.field}: {{eq: $value}}}}) {{ totalCount }}
      ne: {f.root}(filter: {{{f.field}: {{ne: $value}}}}) {{ totalCount }}
      in: {f.root}(filter: {{{f.field}: {{in: [$value]}}}}) {{ totalCount }}
      notIn: {f.root}(filter: {{{f.field}: {{notIn: [$value]}}}}) {{ totalCount }}
      set: {f.root}(filter: {{{f.field}: {{isNull: false}}}}) {{ totalCount }}
    }}"""


async def test_filters_groups_and_order_use_the_enum_values(
    client: httpx.AsyncClient, db: Database, token: str, tmp_path: Path
) -> None:
    await seed_demo(db, customers=12, storage_dir=tmp_path)

    for f in FIELDS:
        got = data(await gql(client, token, listing(f)))[f.root]
        total = got["totalCount"]
        assert total > 0, f"the demo data has no {f.type_name}: the test proves nothing"

        # groupBy keys are the enum's values, in code order, and account for every record
        keys = [g["key"] for g in got["groupBy"]]
        assert set(keys) <= set(f.enum.values), (f, keys)
        assert keys == sorted(keys, key=f.code), (f, keys)
        assert sum(g["count"] for g in got["groupBy"]) == total
        # orderBy sorts by the stored code, ties to the id
        shown = [n[f.field] for n in got["nodes"]]
        assert shown == sorted(shown, key=f.code), f

        # Each value filters to its group: eq/in match it, ne/notIn the rest
        for group in got["groupBy"]:
            counts = data(await gql(client, token, filtered(f), value=group["key"]))
            assert {k: v["totalCount"] for k, v in counts.items()} == {
                "eq": group["count"],
                "in": group["count"],
                "ne": total - group["count"],
                "notIn": total - group["count"],
                "set": total,
            }, (f, group)


async def test_a_code_is_refused_where_the_enum_is_expected(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    for f in FIELDS:
        body = await gql(
            client, token, f"{{ {f.root}(filter: {{{f.field}: {{eq: 1}}}}) {{ totalCount }} }}"
        )
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", f
