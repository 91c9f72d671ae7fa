"""Plain reads answered by the database in one statement, as the JSON the normal read
path would answer: for a transport that can say which records, columns and neighbours
a request asks for (a `Plan`), without building a Python object per record.

`select_json` applies the normal path's rules (the same permission checks, live rows
only, the relations' scopes and default orders, page sizes) and returns None whenever
the normal path must answer instead: a permission the caller lacks (so the normal path
raises its exact error), a plan the statement cannot express, or a stored value only
the normal path renders (see `formats`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Select
from sqlalchemy.engine import Dialect

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.core.json_select.formats import DECLINE_MARK, DIALECTS, Unsupported
from resolvers.core.json_select.plan import Plan, Record, connection_keys, grants, record_ids
from resolvers.core.json_select.statement import build

__all__ = [
    "Plan",
    "Ready",
    "Record",
    "connections_in",
    "ready",
    "run_ready",
    "select_json",
    "select_json_text",
]


@lru_cache(maxsize=256)
def statement_for(plan: Plan, dialect: str) -> Select[Any] | None:
    """The statement of a plan's shape on `dialect`, or None when it cannot be built."""
    spelling = DIALECTS.get(dialect)
    if spelling is None:
        return None
    try:
        return build(plan, spelling)
    except (Unsupported, Invalid, LookupError):
        return None


@lru_cache(maxsize=256)
def _driver_sql(plan: Plan, dialect: Dialect) -> DriverSql | None:
    """The plan's statement as the driver's own text, compiled once per plan shape: the
    statement is large, and SQLAlchemy hashing it into its compiled cache on every
    execution costs more than SQLite running it."""
    statement = statement_for(plan, dialect.name)
    if statement is None:
        return None
    # IN lists spelled out: the driver takes one placeholder per value.
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return DriverSql(str(compiled), tuple(compiled.positiontup or ()), _constants(compiled))


def _constants(compiled: Any) -> dict[str, Any]:
    """The statement's parameters besides the record ids (the plain strings `formats`
    binds, a filter's values, a cursor's position) as the driver takes them: through
    their column types' bind processors (money as SQLite's scaled integers, times as
    its text...), as SQLAlchemy would send them."""
    dialect = compiled.dialect
    binds: dict[str, Any] = {}
    for bind, name in compiled.bind_names.items():
        binds[name] = bind
        if bind.expanding:
            for i in range(1, len(bind.value) + 1):
                binds[f"{name}_{i}"] = bind
    constants: dict[str, Any] = {}
    for name, value in compiled.construct_params(_check=False).items():
        bind = binds.get(name)
        process = bind.type._cached_bind_processor(dialect) if bind is not None else None
        constants[name] = process(value) if process is not None else value
    return constants


class DriverSql(NamedTuple):
    text: str
    # The parameters' names in placeholder order (the drivers read take positions).
    order: tuple[str, ...]
    constants: dict[str, Any]

    def parameters(self, values: dict[str, Any]) -> tuple[Any, ...]:
        merged = self.constants | values
        return tuple(merged[name] for name in self.order)


@lru_cache(maxsize=256)
def _connection_patterns(plan: Plan, dialect: str) -> tuple[str, ...] | None:
    spelling = DIALECTS.get(dialect)
    keys = connection_keys(plan)
    if spelling is None or keys is None:
        return None
    return tuple(spelling.object_key(k) for k in sorted(keys))


def connections_in(plan: Plan, dialect: str, answer: str) -> int | None:
    """How many connection objects `answer` (the plan's statement's text on `dialect`)
    holds, read from its text: a key followed by an object can only be written by the
    statement (inside a JSON string every quote is escaped), so each connection key's
    spelling counts its connections. None when the keys cannot be told apart (decode
    the answer instead). Decoding a 500 KB answer and walking it cost ~10 % of the
    request (docs/performance.md)."""
    patterns = _connection_patterns(plan, dialect)
    if patterns is None:
        return None
    return sum(answer.count(p) for p in patterns)


@lru_cache(maxsize=256)
def _grants(plan: Plan) -> frozenset[tuple[str, str]]:
    return frozenset(grants(plan))


async def select_json(ctx: Ctx, plan: Plan) -> dict[str, Any] | None:
    """The answer to `plan`, read in one statement; None: let the normal path answer."""
    answer = await select_json_text(ctx, plan)
    if answer is None:
        return None
    data: dict[str, Any] = orjson.loads(answer)
    return data


class Ready(NamedTuple):
    """A plan's statement for one driver and the grants it needs: what a call of
    `select_json_text` works out first, kept by a transport that runs the plan again
    (gateway.prepared_operations) so that it is not looked up by the plan's hash."""

    grants: frozenset[tuple[str, str]]
    sql: DriverSql


@lru_cache(maxsize=256)
def ready(plan: Plan, dialect: Dialect) -> Ready | None:
    """`plan` made ready to run on `dialect`'s driver; None when the normal path must
    answer it whoever asks (a plan the statement cannot express, a filter it refuses)."""
    try:
        needed = _grants(plan)
    except (LookupError, ValueError, Invalid):
        # Invalid: a filter the normal path refuses, in its own words.
        return None
    driver_sql = _driver_sql(plan, dialect)
    return None if driver_sql is None else Ready(needed, driver_sql)


async def run_ready(ctx: Ctx, made: Ready, pks: Sequence[int]) -> str | None:
    """The answer of a ready plan for the root records `pks`, as the statement's JSON
    text; None: let the normal path answer (the caller lacks a grant, or the statement
    declined a stored value only the normal path renders)."""
    principal = ctx.principal
    if principal is None or not all(principal.can(g, action) for g, action in made.grants):
        return None
    bound = made.sql.parameters({f"pk{i}": pk for i, pk in enumerate(pks)})
    # Through the driver itself, as the planned REST reads: SQLAlchemy's connection,
    # execution context and result were a third of a read by id (docs/performance.md).
    row = await ctx.db.first_row(made.sql.text, bound)
    answer = None if row is None else row[0]
    return None if answer is None or DECLINE_MARK in answer else str(answer)


async def select_json_text(ctx: Ctx, plan: Plan, pks: Sequence[int] | None = None) -> str | None:
    """`select_json`'s answer as the statement's own JSON text, for a transport that
    writes it into its reply as it is. `pks`: the root records' ids in place of the
    plan's own, so that a plan kept for its shape is run for another request's ids."""
    if ctx.principal is None:
        return None
    made = ready(plan, ctx.db.driver_dialect)
    if made is None:
        return None
    return await run_ready(ctx, made, record_ids(plan) if pks is None else pks)
