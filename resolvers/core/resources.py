"""What the generic read and write paths know of each resource: its table, how to search
it, how it joins its neighbours, and which ordinary verbs it has. Each domain module
declares and registers its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel
from sqlalchemy import ColumnElement, FromClause, Table, and_
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.models import table_of

if TYPE_CHECKING:
    from resolvers.core.context import Ctx, Row


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
class Parent:
    """The record a new one hangs under, named by a column of the input (a contact's
    customer_id): it must exist, or the write is refused on that field."""

    column: str
    table: Table
    # The event's parent type ("customer").
    kind: str


@dataclass(frozen=True)
class Hooks:
    """A domain's own rules around the ordinary verbs; all run inside the write's
    transaction."""

    # Validated input -> the columns to write; `before` is the live record on update,
    # None on create. Refuses what the domain forbids (a duplicate email...).
    values: (
        Callable[[AsyncConnection, Ctx, BaseModel, Row | None], Awaitable[dict[str, Any]]] | None
    ) = None
    # After the row is written with `values`: the rows that write implies elsewhere.
    after_write: Callable[[AsyncConnection, Row, Mapping[str, Any]], Awaitable[None]] | None = None
    # Refuses a delete the domain forbids (a primary contact; the caller's own account).
    before_delete: Callable[[AsyncConnection, Ctx, Row], Awaitable[None]] | None = None
    # The record an event is filed under, when not the declared Parent (notes: rel_type).
    parent: Callable[[Row], tuple[str, int] | None] | None = None
    # What the created event carries.
    created: Callable[[Row], dict[str, Any]] | None = None
    # Writes the record in place of the plain insert/update of `values` (`before` is None
    # on create) and returns it with what the event adds: a priced document writes its
    # lines and figures with it.
    store: (
        Callable[
            [AsyncConnection, Ctx, BaseModel, dict[str, Any], Row | None],
            Awaitable[tuple[Row, dict[str, Any]]],
        ]
        | None
    ) = None
    # Refuses a restore the domain forbids (a payment past what its invoice still owes).
    before_restore: Callable[[AsyncConnection, Row], Awaitable[None]] | None = None
    # What the deleted event carries.
    deleted: Callable[[Row], dict[str, Any]] | None = None
    # After a delete or restore and its event: what follows elsewhere (the invoice a
    # payment settles); returns the record to answer with, or None for the one written.
    after_toggle: Callable[[AsyncConnection, Ctx, Row], Awaitable[Row | None]] | None = None
    # The update event's verb from the record before and after, when the domain names
    # some updates apart (a task whose status becomes complete: "completed").
    updated: Callable[[AsyncConnection, Row, Row], Awaitable[str]] | None = None
    # After the update's event, from the record before and the columns written: the
    # events the change implies beside it (a new staff password: staff.password_changed).
    after_update: (
        Callable[[AsyncConnection, Ctx, Row, Mapping[str, Any]], Awaitable[None]] | None
    ) = None
    # What each verb ("create", "update", "delete", "restore") answers for the record it
    # wrote, when not the row itself: a webhook's secret is shown once, on create.
    shown: Callable[[str, Row], Row] | None = None


@dataclass(frozen=True)
class Verbs:
    """The ordinary verbs a resource has; `resolvers.core.writes` implements them once."""

    # The input models; None: no such verb.
    create: type[BaseModel] | None = None
    update: type[BaseModel] | None = None
    # Soft delete (deleted_at) and its undo.
    delete: bool = False
    restore: bool = False
    # The event names' stem ("contact" -> contact.created).
    event: str = ""
    parent: Parent | None = None
    # Columns set on create that an update may not change.
    fixed: tuple[str, ...] = ()
    hooks: Hooks = field(default_factory=Hooks)
    # The action every verb asks of the grant, when not its own: a project's discussions
    # are written under projects:update.
    asks: str | None = None

    def action(self, verb: str) -> str:
        return self.asks or verb


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
    # The ordinary write verbs; None for a resource written only by hand-made verbs.
    verbs: Verbs | None = None

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
