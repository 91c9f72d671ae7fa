"""The GraphQL endpoint: Strawberry over ASGI, with the request's context and SQL trace."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import SchemaExtension

from gateway.database import Database, SqlTrace, sql_trace
from resolvers.context import Ctx
from resolvers.identity import JwtKeys
from schema.context import GraphQLContext


class SqlTraceExtension(SchemaExtension):
    """With CRM_SQL_TRACE=1, every response says how many statements it cost."""

    def on_operation(self) -> Iterator[None]:
        self._trace = SqlTrace()
        self._token = sql_trace.set(self._trace)
        self._started = time.perf_counter()
        yield
        sql_trace.reset(self._token)

    def get_results(self) -> dict[str, Any]:
        return {
            "sql": {
                "statements": self._trace.statements,
                "ms": round(self._trace.seconds * 1000, 3),
            }
        }


class GraphQLView(GraphQL[GraphQLContext, None]):
    def __init__(self, schema: Any, *, db: Database, keys: JwtKeys, graphiql: bool) -> None:
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None)
        self.db = db
        self.keys = keys

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        return GraphQLContext(
            ctx=Ctx(db=self.db, principal=request.scope.get("principal"), keys=self.keys)
        )
