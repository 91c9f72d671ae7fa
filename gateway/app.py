"""The application: one Starlette app serving GraphQL, GraphiQL and the REST dialects."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from gateway.graphiql import ASSETS, STATIC_PATH
from gateway.graphql_view import GraphQLView, SqlTraceExtension
from gateway.openapi import openapi_routes
from gateway.settings import Settings
from resolvers.context import Ctx
from resolvers.identity import JwtKeys
from rest_compat import build_routes
from schema import build_schema


def jwt_keys(settings: Settings) -> JwtKeys:
    return JwtKeys(
        keys={"k1": settings.secret_key},
        current="k1",
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.jwt_ttl_seconds,
    )


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def home(request: Request) -> Response:
    return RedirectResponse("/graphql")


def create_app(settings: Settings, *, db: Database | None = None) -> Starlette:
    database = db or Database(settings.database_url)
    keys = jwt_keys(settings)
    schema = build_schema(extensions=[SqlTraceExtension] if settings.sql_trace else [])
    template = Ctx(
        db=database,
        keys=keys,
        storage_dir=settings.storage_dir,
        max_upload_bytes=settings.max_upload_bytes,
    )
    graphql = GraphQLView(schema, ctx=template, graphiql=settings.graphiql)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Everything built at start-up (schema, routes, tables) lives for the whole process:
        # moving it out of the collector's view makes each collection of a request's
        # thousands of short-lived objects much cheaper.
        gc.collect()
        gc.freeze()
        yield
        if db is None:
            await database.dispose()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *openapi_routes(),
            *build_routes(settings, ctx=template),
            *(
                [Mount(STATIC_PATH, StaticFiles(directory=ASSETS), name="graphiql-assets")]
                if settings.graphiql
                else []
            ),
        ],
        middleware=[Middleware(AuthenticationMiddleware, db=database, keys=keys)],
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    return app
