"""A plan as ONE statement that returns the whole answer as one JSON text.

Each level is a correlated subquery: the page of a connection is a subquery of the
neighbours (live rows, the relation's scope, the order made total by the id, the page
size), aggregated into a JSON array; a `one` neighbour is a subquery by id. Every table
appears under its own alias and every subquery correlates with its parent's rows only,
so a relation may come back to a table already in the query.
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.sql.util import ClauseAdapter

from resolvers.core.aggregates import (
    MAX_GROUPS,
    AggregateSpec,
    Grouping,
    Truncation,
    group_key,
    measures,
)
from resolvers.core.errors import Invalid
from resolvers.core.filtering import filter_clause, hop, python_type, visible_columns
from resolvers.core.json_select.cursors import CursorKey, cursor, cursor_key
from resolvers.core.json_select.formats import Dialect, Unsupported, number
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
from resolvers.core.ordering import sorting
from resolvers.core.pagination import Window
from resolvers.core.resources import Resource, resource
from resolvers.models.types import Fixed


def build(plan: Plan, dialect: Dialect) -> Select[Any]:
    """The statement answering `plan`: one row, one text column. Root records take
    their ids as the parameters pk0, pk1... (see `plan.record_ids`)."""
    builder = _Builder(dialect)
    parameters = (f"pk{i}" for i in itertools.count())

    def root(f: Record | Listing) -> ColumnElement[Any]:
        return builder.record(f, next(parameters)) if isinstance(f, Record) else builder.listing(f)

    return select(cast(builder.obj(plan.fields, root), Text).label("data"))


class _Builder:
    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def obj(self, fields: Iterable[Any], value: Callable[[Any], Any]) -> ColumnElement[Any]:
        """The output object of `fields`: a Constant's value, any other field's `value`."""
        d = self.dialect
        return d.obj(
            [(f.key, d.constant(f.value) if isinstance(f, Constant) else value(f)) for f in fields]
        )

    def record(self, f: Record, parameter: str) -> ColumnElement[Any]:
        res = resource(f.resource)
        row = res.table.alias()
        query = select(self.node(f.node, res, row)).where(
            row.c.id == bindparam(parameter, type_=Integer), row.c.deleted_at.is_(None)
        )
        return query.correlate(None).scalar_subquery()

    def listing(self, f: Listing) -> ColumnElement[Any]:
        res = resource(f.resource)
        table = res.table.alias()
        return self.connection(f.connection, res, table, table, [table.c.deleted_at.is_(None)])

    def node(self, plan: NodePlan, res: Resource, row: FromClause) -> ColumnElement[Any]:
        if plan.resource != res.name:
            raise Unsupported(f"a {plan.resource} plan over {res.name} rows")
        d = self.dialect
        columns = visible_columns(res)

        def value(f: GlobalId | Value | One | Many) -> ColumnElement[Any]:
            if isinstance(f, GlobalId):
                return d.global_id(f.type_name, row.c.id)
            if isinstance(f, Value):
                column = columns.get(f.column)
                if column is None:
                    raise Unsupported(f"{res.name} shows no column {f.column}")
                return d.value(column, row.c[f.column], f.labels, f.int32)
            return self.one(res, f, row) if isinstance(f, One) else self.many(res, f, row)

        return self.obj(plan.fields, value)

    def one(self, owner: Resource, f: One, row: FromClause) -> ColumnElement[Any]:
        step = hop(owner, f.relation)
        if step.relation.kind != "one":
            raise Unsupported(f"{owner.name}.{f.relation} is not a one relation")
        # As relations.load_one reads it: the live record by id, nothing more.
        target, _, tied = step.joined(row)
        query = select(self.node(f.node, step.target, target)).where(*tied)
        return query.correlate(row).scalar_subquery()

    def many(self, owner: Resource, f: Many, row: FromClause) -> ColumnElement[Any]:
        step = hop(owner, f.relation)
        if step.relation.kind == "one":
            raise Unsupported(f"{owner.name}.{f.relation} is a one relation")
        # As relations.related_pages scopes it.
        target, source, scope = step.joined(row)
        return self.connection(f.connection, step.target, target, source, scope, row)

    def connection(
        self,
        plan: ConnectionPlan,
        res: Resource,
        target: FromClause,
        source: FromClause,
        scope: Sequence[ColumnElement[bool]],
        parent: FromClause | None = None,
    ) -> ColumnElement[Any]:
        d = self.dialect
        try:
            size = plan.page.size
            # The normal path's window: the cursors' positions (Invalid for a cursor it
            # did not issue, or issued for another order) and the direction.
            window = Window.of(sorting(res, plan.order, d.name), plan.page)
        except Invalid as exc:
            raise Unsupported(str(exc)) from exc
        if plan.page.skip:
            raise Unsupported("offsets are REST's")
        adapt = ClauseAdapter(target).traverse
        matching = list(scope)
        if plan.where is not None:
            # The statement's own check of the grants came first (plan.grants): here
            # the relations the filter goes through need nothing more.
            matching.append(filter_clause(res, plan.where.where, target, _checked))
        bounded = [*matching, *(adapt(b) for b in window.bounds)]

        def scoped(*columns: Any, bounds: bool = True) -> Select[Any]:
            query = select(*columns).select_from(source).where(*(bounded if bounds else matching))
            return query.correlate(parent) if parent is not None else query.correlate(None)

        page = _Page(plan, res, target, scoped, size, parent, window)

        def part(f: Any) -> ColumnElement[Any]:
            if isinstance(f, TotalCount):
                # All the records the filter passes, across pages (no cursor bounds).
                return scoped(func.count(), bounds=False).scalar_subquery()
            if isinstance(f, PageInfo):
                return self.page_info(f, page)
            if isinstance(f, Edges):
                return self.edges(f, page)
            if isinstance(f, Aggregate):
                return self.aggregate(f, page)
            return self.group_by(f, page) if isinstance(f, GroupBy) else self.nodes(f, page)

        return self.obj(plan.fields, part)

    def page_info(self, f: PageInfo, page: _Page) -> ColumnElement[Any]:
        args = page.plan.page

        def value(p: HasNextPage | HasPreviousPage | StartCursor | EndCursor) -> ColumnElement[Any]:
            if isinstance(p, HasNextPage | HasPreviousPage):
                # As `Window.page` says: the side the page is read towards has more when
                # the read finds one more record than the page; the other side has
                # records when the page starts from a cursor on it.
                if isinstance(p, HasNextPage) != args.backwards:
                    return self.more(page)
                cursor_given = args.after if isinstance(p, HasPreviousPage) else args.before
                return self.dialect.truth(cursor_given is not None)
            # Read backwards, the page's first record is the last one read.
            return self.end_cursor(page, last=isinstance(p, EndCursor) != args.backwards)

        return self.obj(f.fields, value)

    def more(self, page: _Page) -> ColumnElement[Any]:
        """Whether the read finds more records than the page shows."""
        probe = page.scoped(literal_column("1")).limit(number(page.size + 1)).subquery()
        counted = select(func.count()).select_from(probe).scalar_subquery()
        return self.dialect.flag(counted > number(page.size))

    def end_cursor(self, page: _Page, *, last: bool) -> ColumnElement[Any]:
        """The cursor of the page's first or last row; null on an empty page."""
        shape = cursor_key(self.dialect, page.window.sorting, page.target)
        order = page.order_by()
        rank = func.row_number().over(order_by=order).label("_rank")
        column = shape.text.label("_key")
        rows = page.scoped(column, rank).order_by(*order).limit(number(page.size))
        ranked = rows.subquery()
        turn = ranked.c._rank.desc() if last else ranked.c._rank.asc()
        query = select(cursor(self.dialect, ranked.c._key, shape)).order_by(turn).limit(number(1))
        return page.correlated(query).scalar_subquery()

    def edges(self, f: Edges, page: _Page) -> ColumnElement[Any]:
        d = self.dialect
        node_plans = [e.node for e in f.fields if isinstance(e, EdgeNode)]
        shape = cursor_key(d, page.window.sorting, page.target)

        def edge(rows: FromClause) -> ColumnElement[Any]:
            return self.obj(
                f.fields,
                lambda e: (
                    rows.c._cursor if isinstance(e, Cursor) else self.node(e.node, page.res, rows)
                ),
            )

        with_cursors = any(isinstance(e, Cursor) for e in f.fields)
        return self.rows(page, node_plans, edge, shape if with_cursors else None)

    def nodes(self, f: Nodes, page: _Page) -> ColumnElement[Any]:
        return self.rows(page, [f.node], lambda rows: self.node(f.node, page.res, rows))

    def rows(
        self,
        page: _Page,
        plans: Sequence[NodePlan],
        build: Callable[[FromClause], ColumnElement[Any]],
        cursors: CursorKey | None = None,
    ) -> ColumnElement[Any]:
        """The page's rows, each made into JSON by `build`, as one ordered JSON array;
        with `cursors` (a `cursor_key`), each row's cursor as its `_cursor` column."""
        d = self.dialect
        target = page.target
        order = page.order_by()
        names = list(dict.fromkeys(["id", *(n for p in plans for n in _needed(p, page.res))]))
        columns: list[Any] = [target.c[name] for name in names]
        if cursors is not None:
            columns.append(cursors.text.label("_key"))
        backwards = page.plan.page.backwards
        if d.name == "postgresql" or backwards:
            # json_agg takes rows in no promised order: number them. A page read
            # backwards is shown in the order's own direction: by its numbers reversed.
            columns.append(func.row_number().over(order_by=order).label("_rank"))
        rows = page.scoped(*columns).order_by(*order).limit(number(page.size)).subquery()
        if cursors is not None:
            # Encoded in a query of its own over the page, so that only the page's
            # rows are encoded. SQLite merges that query into the aggregate over it
            # (it has no LIMIT), which reads the page in its order as before.
            encoded = cursor(d, rows.c._key, cursors).label("_cursor")
            kept = [rows.c[c.name] for c in rows.c if c.name != "_key"]
            rows = select(*kept, encoded).select_from(rows).subquery()
        rank = None
        if d.name == "postgresql":
            rank = rows.c._rank.desc() if backwards else rows.c._rank
        elif backwards:
            # SQLite aggregates in its input's order; the LIMIT keeps this ORDER BY.
            shown = rows.c._rank.desc()
            rows = select(rows).order_by(shown).limit(number(page.size)).subquery()
        array = d.array(build(rows), rank)
        return page.correlated(select(array).select_from(rows)).scalar_subquery()

    def measures(self, page: _Page, fields: tuple[Any, ...]) -> list[ColumnElement[Any]]:
        """The resolvers' own figures (`aggregates.measures`: count, sum__x, n__x, min__x,
        max__x, its fields checked) over the connection's alias."""
        wanted: dict[str, list[str]] = {}
        for f in fields:
            if isinstance(f, Figures):
                wanted.setdefault(f.kind, []).extend(
                    g.column for g in f.fields if isinstance(g, Figure)
                )
        spec = AggregateSpec.of(wanted)
        adapt = ClauseAdapter(page.target).traverse
        return [adapt(m) for m in measures(page.res, spec)]

    def aggregate(self, f: Aggregate, page: _Page) -> ColumnElement[Any]:
        # Every matching record, across pages (no cursor bounds), as `totalCount`.
        row = page.scoped(*self.measures(page, f.fields), bounds=False).subquery()
        built = self.figures(f.fields, page.res, row)
        return page.correlated(select(built).select_from(row)).scalar_subquery()

    def group_by(self, f: GroupBy, page: _Page) -> ColumnElement[Any]:
        """Groups as `aggregates.group_records` reads them: the resolvers' key, in key order,
        nulls last, at most MAX_GROUPS: one more makes the answer decline, and the
        resolvers raise their error."""
        d = self.dialect
        # A truncation the resolvers refuse is refused below by their own group_key.
        grouping = Grouping(f.column, typing.cast(Truncation | None, f.truncate))
        # One object for the key everywhere: PostgreSQL checks that the selected key is
        # the grouped one, its bound parameters included.
        key = ClauseAdapter(page.target).traverse(group_key(page.res, grouping, d.name))
        in_order = key.asc().nulls_last()
        columns = [*self.measures(page, f.fields), key.label("_key")]
        if d.name == "postgresql":
            # json_agg takes rows in no promised order: number them.
            columns.append(func.row_number().over(order_by=in_order).label("_rank"))
        rows = (
            page.scoped(*columns, bounds=False)
            .group_by(key)
            .order_by(in_order)
            .limit(number(MAX_GROUPS + 1))
            .subquery()
        )
        rank = rows.c._rank if d.name == "postgresql" else None
        array = d.array(self.figures(f.fields, page.res, rows, f), rank)
        bounded = case((func.count() > number(MAX_GROUPS), d.json(d.decline())), else_=array)
        return page.correlated(select(bounded).select_from(rows)).scalar_subquery()

    def figures(
        self,
        fields: tuple[Any, ...],
        res: Resource,
        row: FromClause,
        grouping: GroupBy | None = None,
    ) -> ColumnElement[Any]:
        """An aggregate's (or a group's) object from a row of `measures`."""
        columns = visible_columns(res)

        def value(f: Any) -> ColumnElement[Any]:
            if isinstance(f, Count):
                return row.c["count"]
            if isinstance(f, GroupKey) and grouping is not None:
                return self.group_key(grouping, columns, row.c._key)
            if isinstance(f, Figures):
                return self.obj(f.fields, lambda g: self.figure(f.kind, columns[g.column], row))
            raise Unsupported(f"{f!r} is not a figure")

        return self.obj(fields, value)

    def figure(self, kind: str, column: Any, row: FromClause) -> ColumnElement[Any]:
        d = self.dialect
        name = column.name
        if kind in ("sum", "avg"):
            # Other sums and means are Floats, whose Python text SQL does not spell.
            if not isinstance(column.type, Fixed):
                raise Unsupported(f"the {kind} of {name} is not money")
            if kind == "sum":
                return d.value(column, row.c[f"sum__{name}"], None, False)
            return d.average(row.c[f"sum__{name}"], row.c[f"n__{name}"], column.type.scale)
        return d.value(column, row.c[f"{kind}__{name}"], None, python_type(column) is int)

    def group_key(
        self, f: GroupBy, columns: dict[str, Any], key: ColumnElement[Any]
    ) -> ColumnElement[Any]:
        """As `AggregateTypes.build_group` shows it: an enum's name (a code it does not
        know declines), a truncated time's first day, any other value as its field's
        JSON (JSON scalar: integers past 32 bits too)."""
        if f.truncate is not None:
            return self.dialect.day(key)
        return self.dialect.value(columns[f.column], key, f.labels, False)


@dataclass(frozen=True)
class _Page:
    """One connection's page: its rows' scope, order, direction and size."""

    plan: ConnectionPlan
    res: Resource
    target: FromClause
    scoped: Any
    size: int
    parent: FromClause | None
    window: Window

    def order_by(self) -> list[Any]:
        """The order the page is read in (reversed when read backwards)."""
        adapt = ClauseAdapter(self.target).traverse
        return [adapt(c) for c in self.window.order_by]

    def correlated(self, query: Select[Any]) -> Select[Any]:
        return query.correlate(self.parent) if self.parent is not None else query.correlate(None)


def _checked(step: Any) -> None:
    """The grants of the relations a filter reaches are checked before the statement."""


def _needed(plan: NodePlan, res: Resource) -> list[str]:
    """The columns a node's object is built from: its values and its `one` keys."""
    names = ["id"]
    for f in plan.fields:
        if isinstance(f, Value):
            names.append(f.column)
        elif isinstance(f, One):
            names.append(hop(res, f.relation).relation.column)
    columns = visible_columns(res)
    missing = [n for n in names if n not in columns]
    if missing:
        raise Unsupported(f"{res.name} shows no columns {missing}")
    return list(dict.fromkeys(names))
