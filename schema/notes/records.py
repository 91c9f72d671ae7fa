"""What notes and files are attached to: a record named by (rel_type, rel_id), read in
batches, and the global ids clients send for it."""

from __future__ import annotations

from typing import Any

from resolvers.context import Ctx
from resolvers.errors import Invalid
from resolvers.reading import records_by_id
from resolvers.resources import REGISTRY
from schema.fields import GRAPH
from schema.node import decode_global_id

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


def record_pk(rel_type: str, global_id: str, field: str = "recordId") -> int:
    """The database id of the record a global id names, which must be a `rel_type`."""
    found, pk = decode_global_id(global_id, field)
    wanted = TYPE_NAMES[rel_type]
    if found != wanted:
        raise Invalid.field(field, f"is a {found} id, not a {wanted} id")
    return pk


async def attached(ctx: Ctx, resource: str, rel_id: int) -> Any:
    """The node a note or file is on, batched with every other of the same resource;
    null when it is gone or its type is not in the graph."""
    graph = GRAPH.get(resource)
    if graph is None:
        return None
    row = await ctx.loader(records_by_id, REGISTRY[resource]).load(rel_id)
    return graph.node.maybe(row)
