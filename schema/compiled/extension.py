"""Plain read-only queries answered by one statement, without graphql-core's execution.

Runs last among the schema's extensions, after parsing, validation and the limits: it
plans the operation (`schema.compiled.planner`) and, when the service layer answers the
plan (`resolvers.core.json_select.select_json`), sets the result before execution starts, so
Strawberry skips it. Anything it does not answer exactly as the normal resolvers would
(an unsupported field or argument, a permission the caller lacks, a value only the
normal path renders) is left to them, untouched.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension

from resolvers.core.context import Ctx
from resolvers.core.json_select import select_json
from schema.compiled.planner import plan_operation

log = logging.getLogger(__name__)

# Off: every query takes the normal resolvers (tests compare the two answers).
compiled_reads: ContextVar[bool] = ContextVar("compiled_reads", default=True)


@contextmanager
def normal_path() -> Iterator[None]:
    token = compiled_reads.set(False)
    try:
        yield
    finally:
        compiled_reads.reset(token)


class CompiledReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        ctx = getattr(context.context, "ctx", None)
        document = context.graphql_document
        # A result already set is an earlier extension's refusal (cost, limits).
        if context.result is None and document is not None and isinstance(ctx, Ctx):
            if compiled_reads.get():
                plan = plan_operation(
                    context.schema, document, context.operation_name, context.variables
                )
                if plan is not None:
                    try:
                        data = await select_json(ctx, plan)
                    except Exception:
                        # The normal resolvers answer instead; the failure is a bug here.
                        log.exception("compiled read failed; answering with the resolvers")
                        data = None
                    if data is not None:
                        context.result = ExecutionResult(data=data, errors=None)
        yield
