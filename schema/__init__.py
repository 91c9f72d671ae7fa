"""The GraphQL schema: per-domain query and mutation roots merged into one graph."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types

from schema.contacts.queries import ContactQuery
from schema.context import Info
from schema.customers.mutations import CustomerMutation
from schema.customers.queries import CustomerQuery
from schema.errors import RenderErrors
from schema.node import Node, resolve_node
from schema.staff.mutations import StaffMutation

from schema import people, platform, sales, work  # isort: skip


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any record by its global id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        node: Node | None = await resolve_node(info.context.ctx, id)
        return node

    @strawberry.field(description="Records by their global ids, in the order asked.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        return [await resolve_node(info.context.ctx, i) for i in ids[:100]]


Query = merge_types(
    "Query",
    (
        NodeQuery,
        CustomerQuery,
        ContactQuery,
        *sales.QUERIES,
        *work.QUERIES,
        *people.QUERIES,
        *platform.QUERIES,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        CustomerMutation,
        StaffMutation,
        *sales.MUTATIONS,
        *work.MUTATIONS,
        *people.MUTATIONS,
        *platform.MUTATIONS,
    ),
)


def build_schema(
    *,
    extensions: Sequence[type[Any] | Callable[[], Any]] = (),
    max_depth: int = 12,
    max_aliases: int = 50,
    max_tokens: int = 5000,
) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            RenderErrors,
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=max_aliases),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
            *extensions,
        ],
    )


schema = build_schema()
