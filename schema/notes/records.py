"""What notes and files are attached to: a record named by (rel_type, rel_id), read in
batches, and the global ids clients send for it."""

from __future__ import annotations

from typing import Any

from resolvers.core.context import Ctx
from resolvers.core.reading import records_by_id
from resolvers.core.resources import REGISTRY
from schema.fields import GRAPH

# rel_type -> the GraphQL type of its records.
TYPE_NAMES = {
    "customer": "Customer",
    "lead": "Lead",
    "invoice": "Invoice",
    "estimate": "Estimate",
    "contract": "Contract",
    "proposal": "Proposal",
    "project": "Project",
    "task": "Task",
    "expense": "Expense",
    "staff": "Staff",
    "ticket": "Ticket",
}


async def attached(ctx: Ctx, resource: str, rel_id: int) -> Any:
    """The node a note or file is on, batched with every other of the same resource;
    null when it is gone or its type is not in the graph."""
    graph = GRAPH.get(resource)
    if graph is None:
        return None
    row = await ctx.loader(records_by_id, REGISTRY[resource]).load(rel_id)
    return graph.node.maybe(row)
