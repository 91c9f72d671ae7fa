"""A plan as ONE statement that returns the whole answer as one JSON text.

Each level is a correlated subquery: the page of a connection is a subquery of the
neighbours (live rows, the relation's scope, the order made total by the id, the page
size), aggregated into a JSON array; a `one` neighbour is a subquery by id. Every table
appears under its own alias and every subquery correlates with its parent's rows only,
so a relation may come back to a table already in the query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    Text,
    bindparam,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.sql.util import ClauseAdapter

from resolvers.errors import Invalid
from resolvers.filtering import hop, visible_columns
from resolvers.json_select.cursors import CursorKey, cursor, cursor_key, key_column
from resolvers.json_select.formats import Dialect, Unsupported, number
from resolvers.json_select.plan import (
    ConnectionPlan,
    Constant,
    Cursor,
    EdgeNode,
    Edges,
    EndCursor,
    GlobalId,
    HasNextPage,
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
from resolvers.ordering import Sorting, sorting
from resolvers.resources import Resource, resource

Pairs = list[tuple[str, ColumnElement[Any]]]


def build(plan: Plan, dialect: Dialect) -> Select[Any]:
    """The statement answering `plan`: one row, one text column. Root records take
    their ids as the parameters pk0, pk1... (see `plan.record_ids`)."""
    pairs: Pairs = []
    records = 0
    builder = _Builder(dialect)
    for f in plan.fields:
        if isinstance(f, Constant):
            pairs.append((f.key, dialect.constant(f.value)))
        elif isinstance(f, Record):
            pairs.append((f.key, builder.record(f, f"pk{records}")))
            records += 1
        else:
            pairs.append((f.key, builder.listing(f)))
    return select(cast(dialect.obj(pairs), Text).label("data"))


class _Builder:
    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

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
        pairs: Pairs = []
        for f in plan.fields:
            if isinstance(f, Constant):
                pairs.append((f.key, d.constant(f.value)))
            elif isinstance(f, GlobalId):
                pairs.append((f.key, d.global_id(f.type_name, row.c.id)))
            elif isinstance(f, Value):
                column = columns.get(f.column)
                if column is None:
                    raise Unsupported(f"{res.name} shows no column {f.column}")
                pairs.append((f.key, d.value(column, row.c[f.column], f.labels, f.int32)))
            elif isinstance(f, One):
                pairs.append((f.key, self.one(res, f, row)))
            else:
                pairs.append((f.key, self.many(res, f, row)))
        return d.obj(pairs)

    def one(self, owner: Resource, f: One, row: FromClause) -> ColumnElement[Any]:
        step = hop(owner, f.relation)
        if step.relation.kind != "one":
            raise Unsupported(f"{owner.name}.{f.relation} is not a one relation")
        # As relations.load_one reads it: the live record by id, nothing more.
        target = step.target.table.alias()
        query = select(self.node(f.node, step.target, target)).where(
            target.c.id == row.c[step.relation.column], target.c.deleted_at.is_(None)
        )
        return query.correlate(row).scalar_subquery()

    def many(self, owner: Resource, f: Many, row: FromClause) -> ColumnElement[Any]:
        step = hop(owner, f.relation)
        if step.relation.kind == "one":
            raise Unsupported(f"{owner.name}.{f.relation} is a one relation")
        # As relations.related_pages scopes it.
        target = step.target.table.alias()
        source, owner_key = step.reach(target)
        scope = [target.c.deleted_at.is_(None), *step.matches(target), owner_key == row.c.id]
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
        except Invalid as exc:
            raise Unsupported(str(exc)) from exc
        if plan.page != type(plan.page)(first=plan.page.first):
            raise Unsupported("only first pages")

        def scoped(*columns: Any) -> Select[Any]:
            query = select(*columns).select_from(source).where(*scope)
            return query.correlate(parent) if parent is not None else query.correlate(None)

        order = sorting(res, plan.order, d.name)
        page = _Page(plan, res, target, scoped, size, parent, order)
        pairs: Pairs = []
        for f in plan.fields:
            if isinstance(f, Constant):
                pairs.append((f.key, d.constant(f.value)))
            elif isinstance(f, TotalCount):
                pairs.append((f.key, scoped(func.count()).scalar_subquery()))
            elif isinstance(f, PageInfo):
                pairs.append((f.key, self.page_info(f, page)))
            elif isinstance(f, Edges):
                pairs.append((f.key, self.edges(f, page)))
            else:
                pairs.append((f.key, self.nodes(f, page)))
        return d.obj(pairs)

    def page_info(self, f: PageInfo, page: _Page) -> ColumnElement[Any]:
        d = self.dialect
        info: Pairs = []
        for p in f.fields:
            if isinstance(p, HasNextPage):
                # One more than the page: is there a next record at all?
                probe = page.scoped(literal_column("1")).limit(number(page.size + 1)).subquery()
                counted = select(func.count()).select_from(probe).scalar_subquery()
                info.append((p.key, d.flag(counted > number(page.size))))
            elif isinstance(p, StartCursor | EndCursor):
                info.append((p.key, self.end_cursor(page, last=isinstance(p, EndCursor))))
            else:
                info.append((p.key, d.constant(p.value)))
        return d.obj(info)

    def end_cursor(self, page: _Page, *, last: bool) -> ColumnElement[Any]:
        """The cursor of the page's first or last row; null on an empty page."""
        shape = cursor_key(self.dialect, page.sorting, page.target)
        order = page.order_by()
        rank = func.row_number().over(order_by=order).label("_rank")
        column = key_column(self.dialect, shape.text, shape.most).label("_key")
        rows = page.scoped(column, rank).order_by(*order).limit(number(page.size))
        ranked = rows.subquery()
        turn = ranked.c._rank.desc() if last else ranked.c._rank.asc()
        query = select(cursor(self.dialect, ranked.c._key, shape)).order_by(turn).limit(number(1))
        return page.correlated(query).scalar_subquery()

    def edges(self, f: Edges, page: _Page) -> ColumnElement[Any]:
        d = self.dialect
        node_plans = [e.node for e in f.fields if isinstance(e, EdgeNode)]
        shape = cursor_key(d, page.sorting, page.target)

        def edge(rows: FromClause) -> ColumnElement[Any]:
            pairs: Pairs = []
            for e in f.fields:
                if isinstance(e, Constant):
                    pairs.append((e.key, d.constant(e.value)))
                elif isinstance(e, Cursor):
                    pairs.append((e.key, rows.c._cursor))
                else:
                    pairs.append((e.key, self.node(e.node, page.res, rows)))
            return d.obj(pairs)

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
            columns.append(key_column(d, cursors.text, cursors.most).label("_key"))
        if d.name == "postgresql":
            # json_agg takes rows in no promised order: number them.
            columns.append(func.row_number().over(order_by=order).label("_rank"))
        rows = page.scoped(*columns).order_by(*order).limit(number(page.size)).subquery()
        if cursors is not None:
            # Encoded in a query of its own over the page: the cursor's expression is
            # deep, and SQLite's parser refuses too deep a nesting. SQLite merges that
            # query into the aggregate over it (it has no LIMIT), which reads the page
            # in its order as before.
            encoded = cursor(d, rows.c._key, cursors).label("_cursor")
            kept = [rows.c[c.name] for c in rows.c if c.name != "_key"]
            rows = select(*kept, encoded).select_from(rows).subquery()
        rank = rows.c._rank if d.name == "postgresql" else None
        array = d.array(build(rows), rank)
        return page.correlated(select(array).select_from(rows)).scalar_subquery()


class _Page:
    """One connection's page: its rows' scope, order and size."""

    def __init__(
        self,
        plan: ConnectionPlan,
        res: Resource,
        target: FromClause,
        scoped: Any,
        size: int,
        parent: FromClause | None,
        order: Sorting,
    ) -> None:
        self.plan = plan
        self.res = res
        self.target = target
        self.scoped = scoped
        self.size = size
        self.parent = parent
        self.sorting = order

    def order_by(self) -> list[Any]:
        adapt = ClauseAdapter(self.target).traverse
        return [adapt(c) for c in self.sorting.clauses()]

    def correlated(self, query: Select[Any]) -> Select[Any]:
        return query.correlate(self.parent) if self.parent is not None else query.correlate(None)


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
