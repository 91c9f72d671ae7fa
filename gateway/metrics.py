"""Prometheus metrics (prometheus_client) and the guarded GET /metrics.

Several workers: `crm-gateway serve` points PROMETHEUS_MULTIPROC_DIR at a directory
shared by the workers before any of them imports prometheus_client, so whichever worker
answers a scrape reports the sum of all of them (the client's multiprocess mode). Several
`serve` processes on one machine share one directory the operator sets.

The guard: with CRM_METRICS_TOKEN set, a scrape must send `Authorization: Bearer TOKEN`;
unset, only loopback clients that did not come through a proxy may scrape."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os
import re
import time
from collections.abc import Iterable
from typing import NamedTuple

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.pool import QueuePool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Scope

from gateway.database import Database
from gateway.request_log import RequestInfo, current_request, route_template
from resolvers.webhooks import delivery_counts

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SQL_BUCKETS = (0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500)
# Operation names are the client's to choose: past this many distinct names per worker
# (or for a name that is not a GraphQL name) the label is "<other>", so a client cannot
# grow the series without bound.
MAX_OPERATION_NAMES = 200
_GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")
FORWARDING_HEADERS = ("x-forwarded-for", "x-real-ip", "forwarded")

HTTP_REQUESTS = Counter(
    "crm_http_requests", "HTTP requests by route template.", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "crm_http_request_duration_seconds",
    "HTTP request latency by route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_OPERATIONS = Counter(
    "crm_graphql_operations", "GraphQL operations by operation name.", ["operation", "status"]
)
GRAPHQL_LATENCY = Histogram(
    "crm_graphql_request_duration_seconds",
    "Latency of GraphQL requests by operation name.",
    ["operation"],
    buckets=LATENCY_BUCKETS,
)
SQL_PER_REQUEST = Histogram(
    "crm_sql_statements_per_request",
    "SQL statements a request ran.",
    ["route"],
    buckets=SQL_BUCKETS,
)
DB_POOL = Gauge(
    "crm_db_pool_connections",
    "Database pool connections by pool and state, summed over live workers.",
    ["pool", "state"],
    multiprocess_mode="livesum",
)
LIMIT_REJECTIONS = Counter(
    "crm_limit_rejections", "Requests refused by a limit.", ["kind", "limit"]
)
WEBHOOK_DELIVERIES = Counter(
    "crm_webhook_delivery_attempts", "Outbound webhook delivery attempts.", ["outcome"]
)

_operation_names: set[str] = set()


def multiprocess_dir() -> str | None:
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return path if path and os.path.isdir(path) else None


def count_rejection(limit: str) -> None:
    """A limiter refused a request: `rate` is the request quota, every other limit
    (cost, depth, nodes, aliases, tokens, batch, timeout, body) guards against abuse."""
    kind = "rate_limit" if limit == "rate" else "abuse_limit"
    LIMIT_REJECTIONS.labels(kind=kind, limit=limit).inc()
    info = current_request.get()
    if info is not None:
        info.rejection_counted = True


_listening = False


def listen_to_limits() -> None:
    """Subscribe once per process to the limiters' refusals (gateway/limits)."""
    global _listening
    if not _listening:
        from gateway.limits.rejections import on_rejection

        on_rejection(count_rejection)
        _listening = True


def count_webhook_delivery(outcome: str) -> None:
    """The webhook worker's hook: outcome `delivered`, `failed` (will retry) or `dead`."""
    WEBHOOK_DELIVERIES.labels(outcome=outcome).inc()


def operation_label(name: str) -> str:
    if name == "<anonymous>":
        return name
    if not _GRAPHQL_NAME.fullmatch(name):
        return "<other>"
    if name not in _operation_names:
        if len(_operation_names) >= MAX_OPERATION_NAMES:
            return "<other>"
        _operation_names.add(name)
    return name


# Pool gauges are sampled, not set per request: a second's resolution is what a scrape
# shows anyway, and writing gauges costs as much as a small request's own work.
POOL_SAMPLE_SECONDS = 1.0
_next_pool_sample = 0.0


def record_pool(db: Database) -> None:
    global _next_pool_sample
    now = time.monotonic()
    if now < _next_pool_sample:
        return
    _next_pool_sample = now + POOL_SAMPLE_SECONDS
    for name, engine in db.sync_engines().items():
        pool = engine.pool
        if isinstance(pool, QueuePool):
            DB_POOL.labels(pool=name, state="in_use").set(pool.checkedout())
            DB_POOL.labels(pool=name, state="idle").set(pool.checkedin())


class _RouteSeries(NamedTuple):
    requests: Counter
    latency: Histogram
    sql: Histogram


# The labelled series of each (method, route, status): prometheus_client's `labels()`
# checks and locks on every call (~4 % of a REST read by id); a route's series are found
# once. It holds one entry per series prometheus_client itself keeps, no more.
_series: dict[tuple[str, str, int], _RouteSeries] = {}


def _route_series(method: str, route: str, status: int) -> _RouteSeries:
    key = (method, route, status)
    found = _series.get(key)
    if found is None:
        found = _series[key] = _RouteSeries(
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)),
            HTTP_LATENCY.labels(method=method, route=route),
            SQL_PER_REQUEST.labels(route=route),
        )
    return found


def record_request(scope: Scope, info: RequestInfo, seconds: float) -> None:
    route = route_template(scope)
    status = str(info.status)
    series = _route_series(info.method, route, info.status)
    series.requests.inc()
    series.latency.observe(seconds)
    series.sql.observe(info.sql.statements)
    for name in info.operations:
        label = operation_label(name)
        GRAPHQL_OPERATIONS.labels(operation=label, status=status).inc()
        GRAPHQL_LATENCY.labels(operation=label).observe(seconds)
    if info.status == 429 and not info.rejection_counted:
        # A limiter that does not call count_rejection itself is still counted.
        LIMIT_REJECTIONS.labels(kind="rate_limit", limit="rate").inc()


class _Fixed(Collector):
    def __init__(self, families: Iterable[GaugeMetricFamily]) -> None:
        self.families = list(families)

    def collect(self) -> Iterable[GaugeMetricFamily]:
        return self.families


def _outbox_family(counts: dict[str, int] | None) -> list[GaugeMetricFamily]:
    deliveries = GaugeMetricFamily(
        "crm_webhook_deliveries", "Webhook deliveries in the outbox by status.", labels=["status"]
    )
    depth = GaugeMetricFamily(
        "crm_webhook_outbox_depth", "Webhook deliveries still to send (pending or retrying)."
    )
    up = GaugeMetricFamily("crm_webhook_outbox_up", "1 when the outbox could be counted.")
    if counts is None:
        up.add_metric([], 0)
        return [up]
    for status in sorted({"pending", "delivered", "failed", "dead", *counts}):
        deliveries.add_metric([status], counts.get(status, 0))
    depth.add_metric([], counts.get("pending", 0) + counts.get("failed", 0))
    up.add_metric([], 1)
    return [deliveries, depth, up]


def authorized(request: Request, token: str | None) -> bool:
    if token:
        scheme, _, sent = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(sent.strip(), token)
    headers = Headers(scope=request.scope)
    if any(name in headers for name in FORWARDING_HEADERS):
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def metrics_endpoint(
    request: Request, *, db: Database, token: str | None, check_seconds: float
) -> Response:
    if not authorized(request, token):
        return JSONResponse(
            {"error": "metrics need the metrics token (CRM_METRICS_TOKEN) or a loopback client"},
            status_code=401 if token else 403,
            headers={"WWW-Authenticate": "Bearer"} if token else None,
        )
    record_pool(db)
    try:
        async with asyncio.timeout(check_seconds):
            counts: dict[str, int] | None = await delivery_counts(db)
    except Exception:  # an unreachable database must not hide every other metric
        counts = None
    path = multiprocess_dir()
    if path:
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    extra = CollectorRegistry()
    extra.register(_Fixed(_outbox_family(counts)))
    return Response(body + generate_latest(extra), media_type=CONTENT_TYPE_LATEST)


def mark_process_dead() -> None:
    """Drop this worker's live gauges from the shared directory as it exits."""
    path = multiprocess_dir()
    if path:
        prometheus_multiprocess.mark_process_dead(os.getpid(), path)  # type: ignore[no-untyped-call]
