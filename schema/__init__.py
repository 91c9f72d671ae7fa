"""The GraphQL schema: per-domain query and mutation roots merged into one graph."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, cast

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.tools import merge_types

from resolvers.core.errors import Forbidden
from schema.compiled import CompiledReads
from schema.contacts.mutations import ContactMutation
from schema.contacts.queries import ContactQuery
from schema.context import Info
from schema.customers.mutations import CustomerMutation
from schema.customers.queries import CustomerQuery
from schema.errors import RenderErrors
from schema.limits import CodedParserCache, RefuseEarly
from schema.node import Node, node_read, resolve_node, resolve_nodes
from schema.preconditions import guard_mutations
from schema.staff.mutations import StaffMutation

from schema import people, platform, sales, work  # isort: skip


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any record by its global id.")
    @node_read
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        node: Node | None = await resolve_node(info.context.ctx, id)
        return node

    @strawberry.field(
        description="Records by their global ids, in the order asked; null (with an error "
        "at its index) for one of a type the caller may not read."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None] | None:
        nodes = await resolve_nodes(info.context.ctx, ids[:100])
        # graphql-core awaits list items one by one: a refused one is null with its error
        # at its own index, and the other records stand.
        return cast(
            "list[Node | None]", [_refused(n) if isinstance(n, Forbidden) else n for n in nodes]
        )


async def _refused(error: Forbidden) -> None:
    raise error


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
        ContactMutation,
        StaffMutation,
        *sales.MUTATIONS,
        *work.MUTATIONS,
        *people.MUTATIONS,
        *platform.MUTATIONS,
    ),
)
# "Subscription" is the billing record type, so the root goes by another name.
Live = merge_types("Live", platform.SUBSCRIPTIONS)


@cache
def _graph() -> strawberry.Schema:
    """The roots converted to graphql-core types, once per process: the conversion is
    nearly all of a schema's cost (~0.3 s of CPU), and every schema built here has the
    same types; only the extensions differ."""
    # Optimistic concurrency for every update*/delete* mutation, without editing them.
    guard_mutations(Mutation)
    return strawberry.Schema(query=Query, mutation=Mutation, subscription=Live)


def build_schema(
    *,
    extensions: Sequence[type[Any] | Callable[[], Any]] = (),
    max_depth: int = 12,
    max_aliases: int = 50,
    max_tokens: int = 5000,
) -> strawberry.Schema:
    # Built once: RefuseEarly caches their verdict per document and these very limiters.
    limiters = (
        ("ALIAS_LIMIT", MaxAliasesLimiter(max_alias_count=max_aliases)),
        ("DEPTH_LIMIT", QueryDepthLimiter(max_depth=max_depth)),
    )
    # The shared types with extensions of its own: Strawberry makes a request's
    # extensions from `extensions` alone (a resolver's `info.schema` is the shared one:
    # the same types and config).
    built = copy.copy(_graph())
    built.extensions = (
        RenderErrors,
        # The cached validation, with aliases and depth checked alone first: the full
        # pass costs more than the document's size (see schema.limits).
        lambda: RefuseEarly(limiters),
        lambda: CodedParserCache(maxsize=256),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        *extensions,
        # Last, so every limit above has had its say before it answers.
        CompiledReads,
    )
    return built


schema = build_schema()
