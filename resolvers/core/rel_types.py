"""The records a note, a file or a task may hang off by (rel_type, rel_id): each kind's
resource and table model, named once for every module that takes such a pair."""

from __future__ import annotations

from sqlmodel import SQLModel

from resolvers.models import (
    Contract,
    Customer,
    Estimate,
    Expense,
    Invoice,
    Lead,
    Project,
    Proposal,
    Staff,
    Task,
    Ticket,
)

RECORDS: dict[str, tuple[str, type[SQLModel]]] = {
    "customer": ("customers", Customer),
    "lead": ("leads", Lead),
    "invoice": ("invoices", Invoice),
    "estimate": ("estimates", Estimate),
    "contract": ("contracts", Contract),
    "proposal": ("proposals", Proposal),
    "project": ("projects", Project),
    "task": ("tasks", Task),
    "expense": ("expenses", Expense),
    "staff": ("staff", Staff),
    "ticket": ("tickets", Ticket),
}


def kinds(*names: str) -> dict[str, tuple[str, type[SQLModel]]]:
    """The kinds a module takes, in the order its messages list them."""
    return {name: RECORDS[name] for name in names}
