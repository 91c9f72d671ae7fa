"""A plan as ONE statement that returns the whole answer as one JSON text.

Each level is a correlated subquery: the page of a connection is a subquery of the
neighbours (live rows, the relation's scope, the order made total by the id, the page
size), aggregated into a JSON array; a `one` neighbour is a subquery by id. Every table
appears under its own alias and every subquery correlates with its parent's rows only,
so a relation may come back to a table already in the query.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from resolvers.json_select.formats import Dialect, Unsupported, number
from resolvers.json_select.plan import (
    ConnectionPlan,
    Constant,
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
    TotalCount,
    Value,
)
from resolvers.ordering import sorting
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

        pairs: Pairs = []
        for f in plan.fields:
            if isinstance(f, Constant):
                pairs.append((f.key, d.constant(f.value)))
            elif isinstance(f, TotalCount):
                pairs.append((f.key, scoped(func.count()).scalar_subquery()))
            elif isinstance(f, PageInfo):
                info: Pairs = []
                for p in f.fields:
                    if isinstance(p, HasNextPage):
                        # One more than the page: is there a next record at all?
                        probe = scoped(literal_column("1")).limit(number(size + 1)).subquery()
                        counted = select(func.count()).select_from(probe).scalar_subquery()
                        more = counted > number(size)
                        info.append((p.key, d.flag(more)))
                    else:
                        info.append((p.key, d.constant(p.value)))
                pairs.append((f.key, d.obj(info)))
            else:
                pairs.append((f.key, self.nodes(f, plan, res, target, scoped, size, parent)))
        return d.obj(pairs)

    def nodes(
        self,
        f: Nodes,
        plan: ConnectionPlan,
        res: Resource,
        target: FromClause,
        scoped: Any,
        size: int,
        parent: FromClause | None,
    ) -> ColumnElement[Any]:
        d = self.dialect
        adapt = ClauseAdapter(target).traverse
        order = [adapt(c) for c in sorting(res, plan.order, d.name).clauses()]
        columns = [target.c[name] for name in _needed(f.node, res)]
        rank = None
        if d.name == "postgresql":
            # json_agg takes rows in no promised order: number them.
            rank = func.row_number().over(order_by=order).label("_rank")
            columns.append(rank)
        rows = scoped(*columns).order_by(*order).limit(number(size)).subquery()
        array = d.array(self.node(f.node, res, rows), None if rank is None else rows.c._rank)
        query: Select[Any] = select(array).select_from(rows)
        query = query.correlate(parent) if parent is not None else query.correlate(None)
        return query.scalar_subquery()


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
