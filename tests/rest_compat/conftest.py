"""An app with every REST dialect (and GraphQL, for parity) over the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from gateway.app import jwt_keys
from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from gateway.graphql_view import GraphQLView
from gateway.limits.dialects import DialectMap
from gateway.limits.stack import quota_middleware
from gateway.limits.store import MemoryLimiter
from gateway.settings import Settings
from resolvers.core.context import Ctx
from rest_compat import build_routes
from schema import build_schema
from tests.factories import make_staff, make_token

SETTINGS = Settings(secret_key="rest-compat-test-secret-key-long-enough-for-hs256")


def build_app(db: Database) -> Starlette:
    keys = jwt_keys(SETTINGS)
    template = Ctx(db=db, keys=keys)
    graphql = GraphQLView(build_schema(), ctx=template, graphiql=False)
    return Starlette(
        routes=[
            *build_routes(SETTINGS, ctx=template),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        middleware=[
            Middleware(AuthenticationMiddleware, db=db, keys=keys),
            # The app's request quota (X-RateLimit-*, 429 in each dialect's shape).
            *quota_middleware(SETTINGS, MemoryLimiter(), DialectMap.from_routes()),
        ],
    )


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    """An all-permissions API token without a staff owner."""
    return (await make_token(db, "*")).token


STAFF_PASSWORD = "owner-pass-123"


@pytest.fixture
async def owned_token(db: Database) -> str:
    """An all-permissions token owned by a staff member whose password is STAFF_PASSWORD."""
    from resolvers.tokens import issue_token

    staff = await make_staff(db, email="owner@example.com", password=STAFF_PASSWORD)
    async with db.write() as conn:
        issued = await issue_token(conn, name="owned", grants=["*"], staff_id=staff["id"])
    return issued.token
