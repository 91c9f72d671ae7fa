"""Plan once, execute many: a query the normal path answered is prepared for its
document, operation and the caller's grants, and the next such request runs its plan.

What is decided once, by the code that decides it on the normal path:
- parsing, validation, the depth, alias and token verdicts, the operation's choice and
  the document's own input literals: a prepared operation exists only because the
  normal path (every Strawberry extension) answered that very document and operation
  without an error;
- the compiled plan (`schema.compiled.planner.plan_operation`), its SQL text and
  parameter order (`resolvers.core.json_select`), and the cost score (`gateway.limits.score`).

A plan depends on the values of the variables that shape it (`first`, a filter, a
cursor): those values are part of the key. Only the ids of root records (`customer(id:
$id)`) are bound per request, through the planner's own `record_pk`.

What every request still does: the variables' input rules (`gateway.graphql_inputs`)
and their coercion, the permission check of the plan against the caller's grants, the
cost budget (charged once, after the statement answered, from what it answered; an
exhausted budget goes to the normal path, which refuses before any SQL), the operation
name for the logs. The statement's JSON text is written into the reply as it is. Any
doubt (a refusal, a declined plan, a variable the rules refuse) hands the request to
the normal path untouched, so its answer, errors included, is the normal one.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLField,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    get_operation_ast,
    parse,
    visit,
)
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.language import Visitor

from gateway import tracing
from gateway.database import SqlTrace, sql_trace
from gateway.graphql_inputs import refusal
from gateway.limits.caller import current_charge
from gateway.limits.cost import COST, cost_report
from gateway.limits.score import Score, points, requests_in, score_operation
from gateway.limits.store import Limiter
from gateway.request_log import note_operation
from resolvers.core.context import Ctx
from resolvers.core.errors import DomainError
from resolvers.core.json_select import Plan, Ready, Record, connections_in, ready, run_ready
from resolvers.core.permissions import Principal
from schema.compiled.planner import plan_operation, record_pk

ID_ARGUMENTS = ("id", "databaseId")
# A longer document is answered by the normal path every time, never kept.
MAX_DOCUMENT_CHARS = 100_000

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Budget:
    """The GraphQL cost budget's settings, as the cost extension is given them."""

    limiter: Limiter
    per_hour: int
    max_nodes: int


@dataclass(frozen=True)
class Binding:
    """A root record of the plan (in the plan's order) whose id a request gives."""

    resource: str
    field: GraphQLField
    node: FieldNode


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode
    operation: OperationDefinitionNode
    name: str | None
    # The variables whose values shape the plan: part of the key.
    keyed: tuple[str, ...]
    plan: Plan
    bindings: tuple[Binding, ...]
    score: Score
    # The plan's statement for the driver (by dialect name), made on first use: looking
    # it up by the plan's hash on every request cost as much as binding the variables.
    statements: dict[str, Ready | None] = field(default_factory=dict, compare=False)

    def ready(self, ctx: Ctx) -> Ready | None:
        dialect = ctx.db.driver_dialect
        if dialect.name not in self.statements:
            self.statements[dialect.name] = ready(self.plan, dialect)
        return self.statements[dialect.name]


class _Uses(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.counts[node.name.value] = self.counts.get(node.name.value, 0) + 1


def _response_key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


def _bindings(
    schema: Any, document: DocumentNode, operation: OperationDefinitionNode, plan: Plan
) -> tuple[tuple[Binding, ...], set[str]] | None:
    """Each root record's field, and the variables used only as root record ids; None
    when a record's field cannot be found plainly at the root (a fragment)."""
    query = schema.query_type
    roots = {
        _response_key(s): s for s in operation.selection_set.selections if isinstance(s, FieldNode)
    }
    bindings: list[Binding] = []
    id_uses: dict[str, int] = {}
    for root in plan.fields:
        if not isinstance(root, Record):
            continue
        node = roots.get(root.key)
        if node is None or query is None or node.name.value not in query.fields:
            return None
        bindings.append(Binding(root.resource, query.fields[node.name.value], node))
        for argument in node.arguments or ():
            if argument.name.value in ID_ARGUMENTS and isinstance(argument.value, VariableNode):
                name = argument.value.name.value
                id_uses[name] = id_uses.get(name, 0) + 1
    # The definitions' own `$name` are uses too: the visitor counts them (and the uses
    # inside fragments, which are the document's).
    uses = _Uses()
    visit(document, uses)
    ids = {name for name, count in id_uses.items() if uses.counts.get(name, 0) == count + 1}
    return tuple(bindings), ids


def _grants_key(principal: Principal) -> frozenset[str]:
    return principal.grants


class PreparedOperations:
    """Bounded in count and in the document text its entries hold, least recently used
    first out, so that many or huge documents cannot grow a worker."""

    def __init__(
        self,
        schema: Any,
        budget: Budget | None,
        *,
        maxsize: int = 500,
        max_chars: int = 4_000_000,
        report_sql: bool = False,
    ) -> None:
        self.schema = schema
        self.budget = budget
        self.maxsize = maxsize
        self.max_chars = max_chars
        self.report_sql = report_sql
        self.chars = 0
        # Requests answered from a plan (for tests and the benchmark's notes).
        self.hits = 0
        # (text, operation name) -> the variables that shape its plans.
        self._keyed: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._plans: OrderedDict[tuple[Any, ...], tuple[Prepared, int]] = OrderedDict()
        # What the normal path keeps answering (a mutation, an operation the compiled
        # path declines), so that it is not planned again on every request.
        self._unprepared: OrderedDict[tuple[str, str | None, bytes], None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._plans)

    def _key(
        self,
        text: str,
        operation_name: str | None,
        principal: Principal,
        variables: Mapping[str, Any],
        keyed: tuple[str, ...],
    ) -> tuple[Any, ...]:
        values = orjson.dumps([variables.get(n) for n in keyed], option=orjson.OPT_SORT_KEYS)
        return (text, operation_name, _grants_key(principal), values)

    def find(
        self,
        text: str,
        operation_name: str | None,
        principal: Principal,
        variables: Mapping[str, Any],
    ) -> Prepared | None:
        keyed = self._keyed.get((text, operation_name))
        if keyed is None:
            return None
        key = self._key(text, operation_name, principal, variables, keyed)
        found = self._plans.get(key)
        if found is None:
            return None
        self._plans.move_to_end(key)
        return found[0]

    def learn(
        self,
        text: str,
        operation_name: str | None,
        principal: Principal,
        variables: Mapping[str, Any],
    ) -> Prepared | None:
        """Prepares a query the normal path has just answered without an error."""
        if len(text) > min(self.max_chars, MAX_DOCUMENT_CHARS):
            return None
        declined = (text, operation_name, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS))
        if declined in self._unprepared or self.find(text, operation_name, principal, variables):
            return None
        document = parse(text)
        operation = get_operation_ast(document, operation_name)
        plan = None
        if operation is not None and operation.operation == OperationType.QUERY:
            plan = plan_operation(self.schema, document, operation_name, dict(variables))
        if operation is None or plan is None:
            self._unprepared[declined] = None
            while len(self._unprepared) > self.maxsize:
                self._unprepared.popitem(last=False)
            return None
        graphql_schema = self.schema._schema
        found = _bindings(graphql_schema, document, operation, plan)
        if found is None:
            return None
        bindings, ids = found
        defined = [d.variable.name.value for d in operation.variable_definitions or ()]
        keyed = tuple(sorted(n for n in defined if n not in ids))
        score = score_operation(graphql_schema, document, operation, variables)
        name = operation.name.value if operation.name else None
        prepared = Prepared(document, operation, name, keyed, plan, bindings, score)
        previous = self._keyed.setdefault((text, operation_name), keyed)
        if previous != keyed:
            # Another grant set's plan read the variables otherwise: key by them all.
            return None
        key = self._key(text, operation_name, principal, variables, keyed)
        self._store(key, prepared, len(text))
        return prepared

    def _store(self, key: tuple[Any, ...], prepared: Prepared, chars: int) -> None:
        old = self._plans.pop(key, None)
        if old is not None:
            self.chars -= old[1]
        self._plans[key] = (prepared, chars)
        self.chars += chars
        while self._plans and (len(self._plans) > self.maxsize or self.chars > self.max_chars):
            (text, name, *_), (_, weight) = self._plans.popitem(last=False)
            self.chars -= weight
            if not any(k[0] == text and k[1] == name for k in self._plans):
                self._keyed.pop((text, name), None)

    def bound(self, prepared: Prepared, variables: Mapping[str, Any]) -> list[int] | None:
        """This request's root record ids, in the plan's order; None when the normal
        path must say what is wrong with the variables."""
        if refusal(prepared.document, variables) is not None:
            return None
        definitions = prepared.operation.variable_definitions or ()
        coerced = get_variable_values(self.schema._schema, definitions, dict(variables))
        if isinstance(coerced, list):
            return None
        try:
            return [
                record_pk(b.resource, get_argument_values(b.field, b.node, coerced))
                for b in prepared.bindings
            ]
        except (GraphQLError, DomainError, ValueError, TypeError, LookupError):
            return None

    def connections(self, ctx: Ctx, prepared: Prepared, text: str) -> int:
        """The connections the statement answered (the cost actually used), counted in
        its text where the plan allows, else by decoding it; only a reply with
        connections needs reading for it."""
        if not prepared.score.shape.children:
            return 0
        counted = connections_in(prepared.plan, ctx.db.dialect, text)
        if counted is not None:
            return counted
        data: Any = orjson.loads(text)
        return requests_in(data, prepared.score.shape) if data else 0

    async def answer(
        self, ctx: Ctx, prepared: Prepared, variables: Mapping[str, Any]
    ) -> bytes | None:
        """The reply's body, or None: the normal path answers this request."""
        pks = self.bound(prepared, variables)
        budget = self.budget
        if pks is None or budget is None or ctx.principal is None:
            return None
        score = prepared.score
        principal = ctx.principal
        charge = current_charge.get()
        key = COST + (charge.key if charge else f"{principal.kind}:{principal.id}")
        if score.nodes > budget.max_nodes:
            return None
        # A budget that cannot pay: the normal path refuses it, before any SQL.
        if (await budget.limiter.peek(key, budget.per_hour)).remaining < score.cost:
            return None
        note_operation(prepared.name)
        trace = SqlTrace()
        token = sql_trace.set(trace)
        try:
            with tracing.span(
                f"graphql {prepared.name or '<anonymous>'}",
                {"graphql.operation.name": prepared.name},
            ):
                made = prepared.ready(ctx)
                text = None if made is None else await run_ready(ctx, made, pks)
        except Exception:
            # The normal path answers instead; the failure is a bug here.
            log.exception("prepared operation failed; answering with the normal path")
            text = None
        finally:
            sql_trace.reset(token)
            if (outer := sql_trace.get()) is not None:
                outer.statements += trace.statements
                outer.seconds += trace.seconds
        if text is None:
            return None
        quota = await budget.limiter.hit(key, budget.per_hour, score.cost)
        if quota.exceeded:
            return None
        actual = points(self.connections(ctx, prepared, text))
        extensions: dict[str, Any] = {}
        if self.report_sql:
            ms = round(trace.seconds * 1000, 3)
            extensions["sql"] = {"statements": trace.statements, "ms": ms}
        extensions["cost"] = cost_report(score, actual, quota)
        self.hits += 1
        return b'{"data":' + text.encode() + b',"extensions":' + orjson.dumps(extensions) + b"}"
