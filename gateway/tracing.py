"""Optional OpenTelemetry tracing: spans for each request, GraphQL operation, SQL statement
and outbound webhook delivery.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT or CRM_OTEL=1 is set, and then only is
`opentelemetry` imported (the `[otel]` extra): a gateway without it pays nothing.
The exporter reads the standard OTEL_* variables (service name, headers, protocol)."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Tracer

    from gateway.database import Database
    from gateway.settings import Settings

_tracer: Tracer | None = None


def enabled() -> bool:
    return _tracer is not None


def setup(settings: Settings, *, exporter: SpanExporter | None = None) -> bool:
    """Install the tracer provider once per process; False (and no import) when off."""
    global _tracer
    if not settings.otel and exporter is None:
        return False
    if _tracer is not None:
        return True
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": "crm-gateway"}))
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(settings)))
    trace.set_tracer_provider(provider)
    _tracer = provider.get_tracer("crm-gateway")
    return True


def _otlp_exporter(settings: Settings) -> SpanExporter:
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # type: ignore[import-not-found]
            OTLPSpanExporter,
        )
    except ImportError as exc:
        raise RuntimeError(
            "tracing is configured (CRM_OTEL / OTEL_EXPORTER_OTLP_ENDPOINT) but the OTLP "
            "exporter is not installed: pip install 'crm-gateway[otel]'"
        ) from exc
    # The exporter appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT itself.
    exporter: SpanExporter = OTLPSpanExporter()
    return exporter


def span(name: str, attributes: Mapping[str, Any] | None = None) -> Any:
    """A context manager: a span when tracing is on, nothing otherwise.
    The webhook worker wraps each outbound delivery in `span("webhook deliver", {...})`."""
    if _tracer is None:
        return nullcontext()
    clean = {k: v for k, v in (attributes or {}).items() if v is not None}
    return _tracer.start_as_current_span(name, attributes=clean)


def trace_sql(db: Database) -> None:
    """A span per SQL statement, named by its verb; the text is not recorded (it holds
    no values, but can be long)."""
    if _tracer is None:
        return
    from sqlalchemy import event

    tracer = _tracer
    for sync in db.sync_engines().values():

        @event.listens_for(sync, "before_cursor_execute")
        def _start(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "SQL"
            conn.info["otel_span"] = tracer.start_span(
                f"sql {verb}", attributes={"db.system": db.dialect}
            )

        @event.listens_for(sync, "after_cursor_execute")
        def _end(conn: Any, *args: Any) -> None:
            started = conn.info.pop("otel_span", None)
            if started is not None:
                started.end()

        @event.listens_for(sync, "handle_error")
        def _error(context: Any) -> None:
            started = context.connection.info.pop("otel_span", None) if context.connection else None
            if started is not None:
                started.record_exception(context.original_exception)
                started.end()


class TracingMiddleware:
    """The server span of each HTTP request, continuing the caller's `traceparent`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _tracer is None:
            await self.app(scope, receive, send)
            return
        from opentelemetry import propagate
        from opentelemetry.trace import SpanKind

        from gateway.request_log import route_template

        parent = propagate.extract(dict(Headers(scope=scope)))
        with _tracer.start_as_current_span(
            f"HTTP {scope['method']}", context=parent, kind=SpanKind.SERVER
        ) as current:
            status = 0

            async def send_status(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                await send(message)

            try:
                await self.app(scope, receive, send_status)
            finally:
                route = route_template(scope)
                current.update_name(f"HTTP {scope['method']} {route}")
                current.set_attributes(
                    {
                        "http.request.method": scope["method"],
                        "http.route": route,
                        "http.response.status_code": status,
                        "crm.request_id": str(scope.get("request_id", "")),
                    }
                )
