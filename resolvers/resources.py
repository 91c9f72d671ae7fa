"""What the generic read path knows of each resource: its table, how to search it,
and how it joins its neighbours. Each domain module declares and registers its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, FromClause, Table, and_
from sqlmodel import SQLModel

from resolvers.models import table_of


@dataclass(frozen=True)
class Relation:
    """How a record reaches its neighbours.

    - many: target rows whose `column` equals this record's id (customer -> contacts).
    - one: the target row whose id equals this record's `column` (contact -> customer).
    - through: a link table (task -> assignees via task_assignees.task_id/staff_id):
      `through` is the link model, `column` its column pointing here, `target_column`
      its column pointing at the target.
      Or two hops over an intermediate record the target points at (customer ->
      payments via invoices: payments.invoice_id -> invoices.id, invoices.customer_id):
      `through` is the intermediate model, `column` its column pointing here, `via` the
      target's column pointing at it. Neighbours of a deleted intermediate are left out.
    `match` adds fixed equalities on the target (notes: rel_type == "customer").
    """

    target: str
    kind: Literal["many", "one", "through"]
    column: str
    through: type[SQLModel] | None = None
    target_column: str | None = None
    match: tuple[tuple[str, Any], ...] = ()
    via: str | None = None

    def __post_init__(self) -> None:
        if self.kind == "through" and (
            self.through is None or (self.target_column is None) == (self.via is None)
        ):
            raise ValueError("a through relation names its model and one of target_column or via")

    def reach(self, target: FromClause) -> tuple[FromClause, ColumnElement[Any]]:
        """The FROM clause of the neighbours in `target`, and the column holding the
        owner's id (for `many` and `through`)."""
        if self.kind != "through":
            return target, target.c[self.column]
        assert self.through is not None
        if self.target_column is not None:
            link: FromClause = table_of(self.through)
            joined = target.join(link, link.c[self.target_column] == target.c.id)
            return joined, link.c[self.column]
        assert self.via is not None
        # Aliased, so a filter nested under a query of the intermediate table does not
        # correlate with the outer copy.
        link = table_of(self.through).alias()
        on = and_(target.c[self.via] == link.c.id, link.c.deleted_at.is_(None))
        return target.join(link, on), link.c[self.column]


@dataclass(frozen=True)
class Resource:
    name: str
    model: type[SQLModel]
    label: str
    search: tuple[str, ...] = ()
    # Relations whose neighbours' search columns a search also matches (a customer is
    # found by its contacts' names), for callers who may read those neighbours.
    search_through: tuple[str, ...] = ()
    # The permission resource; sub-records (checklist items...) use their parent's.
    permission: str = ""
    # Columns never exposed by generic reads, filters or ordering.
    hidden: tuple[str, ...] = ("password_hash",)

    @property
    def table(self) -> Table:
        return table_of(self.model)

    @property
    def grant(self) -> str:
        return self.permission or self.name

    @property
    def relations(self) -> dict[str, Relation]:
        return RELATIONS.setdefault(self.name, {})


REGISTRY: dict[str, Resource] = {}
# Relations by owning resource; a domain module declares the edges to and from its own
# tables, so no module edits another to connect the graph.
RELATIONS: dict[str, dict[str, Relation]] = {}


def relate(owner: str, name: str, relation: Relation) -> None:
    edges = RELATIONS.setdefault(owner, {})
    if name in edges:
        raise ValueError(f"relation {owner}.{name} declared twice")
    edges[name] = relation


def register(resource: Resource) -> Resource:
    if resource.name in REGISTRY:
        raise ValueError(f"resource {resource.name} registered twice")
    REGISTRY[resource.name] = resource
    return resource


def resource(name: str) -> Resource:
    return REGISTRY[name]
