"""The application: one Starlette app serving GraphQL, GraphiQL and the REST dialects."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from gateway import metrics, tracing
from gateway.authentication import Credentials
from gateway.database import Database
from gateway.documents import company_from, document_routes, mailer_from
from gateway.event_stream import EventStream
from gateway.front_door import FrontDoor
from gateway.graphiql import ASSETS, STATIC_PATH
from gateway.graphql_inputs import InputRules
from gateway.graphql_view import GraphQLView, SqlTraceExtension
from gateway.idempotency import IdempotencyMiddleware
from gateway.limits.dialects import DialectMap
from gateway.limits.stack import admission, cost_extension, limiter_for
from gateway.openapi import openapi_routes
from gateway.operation_choice import OneOperation
from gateway.prepared_operations import Budget, PreparedOperations
from gateway.request_log import OperationNameExtension
from gateway.security import cors_middleware, graphql_extensions, signing_keys
from gateway.settings import Settings
from gateway.trusted_documents import load_manifest, plan_documents
from gateway.webhook_worker import WebhookWorker, webhook_config
from resolvers.core.context import Ctx
from resolvers.core.identity import JwtKeys
from resolvers.core.principal_cache import PrincipalCache
from resolvers.custom_tables import parse_custom_tables
from resolvers.webhooks import configure as configure_webhooks
from rest_compat import build_routes
from rest_compat.route_index import IndexedRouter
from schema import build_schema


def jwt_keys(settings: Settings) -> JwtKeys:
    keys, current = signing_keys(settings)
    return JwtKeys(
        keys=keys,
        current=current,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.jwt_ttl_seconds,
    )


async def home(request: Request) -> Response:
    return RedirectResponse("/graphql")


def create_app(settings: Settings, *, db: Database | None = None) -> Starlette:
    database = db or Database(settings.database_url)
    keys = jwt_keys(settings)
    limiter = limiter_for(settings)
    dialects = DialectMap.from_routes()
    if tracing.setup(settings):
        tracing.trace_sql(database)
    metrics.listen_to_limits()
    principals = PrincipalCache(settings.auth_cache_seconds)
    for engine in database.sync_engines().values():
        principals.watch(engine)
    credentials = Credentials(database, keys, principals)
    schema = build_schema(
        extensions=[
            OperationNameExtension,
            OneOperation,
            InputRules,
            *([SqlTraceExtension] if settings.sql_trace else []),
            *graphql_extensions(settings),
            *cost_extension(settings, limiter),
        ],
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_query_tokens,
    )
    template = Ctx(
        db=database,
        keys=keys,
        storage_dir=settings.storage_dir,
        max_upload_bytes=settings.max_upload_bytes,
        mailer=mailer_from(settings),
        company=company_from(settings),
        # The operator's tables both transports may reach (ValueError if malformed).
        custom_tables=parse_custom_tables(settings.custom_tables),
    )
    # The live subscriptions' tail of the event log, started by the first subscriber.
    stream = EventStream(database, redis_url=settings.redis_url)
    trusted = None
    if settings.trusted_documents is not None:
        trusted = load_manifest(settings.trusted_documents, settings.trusted_documents_mode)
        plan_documents(schema, trusted)
    # CRM_PREPARED_OPERATIONS=0: every request takes the normal path.
    prepared = (
        PreparedOperations(
            schema,
            Budget(limiter, settings.graphql_cost_per_hour, settings.max_nodes),
            maxsize=settings.prepared_operations,
            max_chars=settings.prepared_operations_chars,
            report_sql=settings.sql_trace,
        )
        if settings.prepared_operations > 0
        else None
    )
    graphql = GraphQLView(
        schema,
        ctx=template,
        graphiql=settings.graphiql,
        feed=stream,
        credentials=credentials,
        prepared=prepared,
        trusted=trusted,
    )
    # Registration checks receivers against the operator's webhook settings.
    configure_webhooks(**vars(webhook_config(settings)))
    worker = WebhookWorker(database, webhook_config(settings))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Everything built at start-up (schema, routes, tables) lives for the whole process:
        # moving it out of the collector's view makes each collection of a request's
        # thousands of short-lived objects much cheaper.
        gc.collect()
        gc.freeze()
        if settings.webhook_worker:
            await worker.start()
        await stream.start()
        yield
        await stream.close()
        await worker.stop(grace_seconds=settings.shutdown_grace_seconds)
        metrics.mark_process_dead()
        await limiter.close()
        if db is None:
            await database.dispose()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            *openapi_routes(),
            *build_routes(settings, ctx=template, public_url=settings.public_url),
            *document_routes(template),
            *(
                [Mount(STATIC_PATH, StaticFiles(directory=ASSETS), name="graphiql-assets")]
                if settings.graphiql
                else []
            ),
        ],
        # Outermost first: the trace span, then one layer for the request id and log
        # line, the public Location, the metrics and the operational endpoints (so probes
        # skip authentication and limits), CORS, one layer for the deadline, the body
        # size, the principal and the quota, then idempotency.
        middleware=[
            *([Middleware(tracing.TracingMiddleware)] if tracing.enabled() else []),
            Middleware(
                FrontDoor,
                db=database,
                public_url=settings.public_url,
                redis_url=settings.redis_url,
                metrics_token=settings.metrics_token,
                ready_timeout=settings.ready_timeout_seconds,
            ),
            *cors_middleware(settings),
            admission(settings, limiter, dialects, credentials),
            # Inside authentication: an Idempotency-Key belongs to its caller.
            Middleware(
                IdempotencyMiddleware, db=database, ttl_hours=settings.idempotency_ttl_hours
            ),
        ],
        lifespan=lifespan,
    )
    # The same routes, found by their literal segments instead of tried in turn.
    app.router = IndexedRouter(app.router.routes, lifespan=lifespan)
    app.state.db = database
    app.state.settings = settings
    # The perfex customtable paths read the same declaration (and its reflections).
    app.state.custom_tables = template.custom_tables
    app.state.webhook_worker = worker
    return app
