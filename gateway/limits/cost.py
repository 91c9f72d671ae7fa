"""GraphQL is charged by cost: a Strawberry extension between validation and execution.

It scores the operation (see `score`), refuses it before any resolver runs when it could
return more than `max_nodes` records (COST_LIMIT) or when the caller's hourly cost budget
cannot pay for it (RATE_LIMITED, answered 429 with Retry-After by the request quota's
middleware), and reports `extensions.cost {requested, actual, remaining, resetAt}`.

The budget is charged the requested score up front, so a refusal happens before any SQL;
`actual` is measured afterwards from the connections the reply really holds (a nested
connection under an empty page costs nothing) and is reported, not refunded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

from graphql import ExecutionResult, GraphQLError, get_operation_ast
from strawberry.extensions import SchemaExtension

from gateway.limits.caller import current_charge
from gateway.limits.rejections import record_rejection
from gateway.limits.score import Score, points, requests_in, score_operation
from gateway.limits.store import Limiter, Quota

COST = "cost:"
# The codes the schema's early refusals carry, and the rejection kinds they count as.
REFUSAL_KINDS = {"DEPTH_LIMIT": "depth", "ALIAS_LIMIT": "aliases", "TOKEN_LIMIT": "tokens"}


def _refused(message: str, code: str) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code})])


class CostLimit(SchemaExtension):
    def __init__(self, *, limiter: Limiter, per_hour: int, max_nodes: int) -> None:
        self.limiter = limiter
        self.per_hour = per_hour
        self.max_nodes = max_nodes
        self.report: dict[str, Any] | None = None

    def on_operation(self) -> Iterator[None]:
        yield
        for error in self.execution_context.pre_execution_errors or ():
            kind = REFUSAL_KINDS.get((error.extensions or {}).get("code", ""))
            if kind is not None:
                record_rejection(kind)

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = get_operation_ast(document, context.operation_name) if document else None
        if document is None or operation is None:
            yield
            return
        score = score_operation(context.schema._schema, document, operation, context.variables)
        charge = current_charge.get()
        key = COST + (charge.key if charge else _principal_key(context.context))
        if score.nodes > self.max_nodes:
            record_rejection("nodes")
            context.result = _refused(
                f"This query could return {score.nodes} records; the limit is "
                f"{self.max_nodes}. Ask for smaller pages (first/last) or fewer nested lists.",
                "COST_LIMIT",
            )
            self.report = self._cost(score, 0, await self.limiter.peek(key, self.per_hour))
            yield
            return
        quota = await self.limiter.hit(key, self.per_hour, score.cost)
        if quota.exceeded:
            record_rejection("cost")
            if charge is not None:
                charge.retry_after = quota.retry_after()
            context.result = _refused(
                f"The hourly GraphQL cost budget is spent: this query costs {score.cost}, "
                f"{quota.remaining} of {quota.limit} points are left until the window resets",
                "RATE_LIMITED",
            )
            self.report = self._cost(score, 0, quota)
            yield
            return
        yield
        result = context.result
        data = getattr(result, "data", None)
        actual = points(requests_in(data, score.shape)) if data else score.cost
        self.report = self._cost(score, actual, quota)

    def _cost(self, score: Score, actual: int, quota: Quota) -> dict[str, Any]:
        return cost_report(score, actual, quota)

    def get_results(self) -> dict[str, Any]:
        if self.report is None:
            return {}
        return {"cost": self.report}


def cost_report(score: Score, actual: int, quota: Quota) -> dict[str, Any]:
    """A reply's `extensions.cost`, on the normal path and a prepared operation's."""
    return {
        "requested": score.cost,
        "actual": actual,
        "remaining": max(quota.remaining, 0),
        "resetAt": datetime.fromtimestamp(quota.reset, UTC).isoformat().replace("+00:00", "Z"),
        "nodes": score.nodes,
    }


def _principal_key(context: Any) -> str:
    # Without the request quota's middleware (a bare schema), charge the principal itself.
    principal = getattr(getattr(context, "ctx", None), "principal", None)
    return f"{principal.kind}:{principal.id}" if principal is not None else "anonymous:-"
