"""The REST dialects and GraphQL behind authentication and the idempotency middleware,
as gateway.app wires them, over the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from gateway.graphql_view import GraphQLView
from gateway.idempotency import IdempotencyMiddleware
from gateway.settings import Settings
from resolvers.core.context import Ctx
from resolvers.core.identity import JwtKeys
from rest_compat import build_routes
from schema import build_schema
from tests.factories import make_token

SETTINGS = Settings(secret_key="integrity-test-secret-key-long-enough-for-hs256")


def build_app(db: Database, ctx: Ctx | None = None) -> Starlette:
    # gateway.app's own app carries far more middleware; these are the layers under test.
    keys = JwtKeys(
        keys={"k1": SETTINGS.secret_key}, current="k1", issuer="crm-gateway", audience="crm-gateway"
    )
    template = ctx or Ctx(db=db, keys=keys)
    graphql = GraphQLView(build_schema(), ctx=template, graphiql=False)
    return Starlette(
        routes=[
            *build_routes(SETTINGS, ctx=template),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        middleware=[
            Middleware(AuthenticationMiddleware, db=db, keys=keys),
            Middleware(IdempotencyMiddleware, db=db, ttl_hours=24),
        ],
    )


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(db), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db, "*")).token
