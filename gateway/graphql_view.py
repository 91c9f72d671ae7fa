"""The GraphQL endpoint: Strawberry over ASGI, with the request's context and SQL trace,
held to the GraphQL over HTTP spec (media types, status codes, GET never mutating,
no CSRF-able bodies) and answering Apollo's automatic persisted queries.

File uploads follow the GraphQL multipart request spec. A browser may post
multipart/form-data cross-site without a CORS preflight, so a multipart request must
also carry one of PREFLIGHT_HEADERS (any non-empty value): a custom header forces the
preflight, which only the configured CORS origins pass. Its body is capped before it is
parsed (UPLOAD_BODY_FILES files of `max_upload_bytes`, plus room for the operations).

Subscriptions run over WebSocket with `graphql-transport-ws`: the caller is the one the
handshake's Authorization header names, or the `authorization` of `connection_init`'s
payload (browsers cannot set headers on a WebSocket); anyone else is closed with 4403.
While the socket is open its credential is checked again (gateway/socket_credential.py)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncGenerator, Iterator, Mapping
from functools import lru_cache
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.exceptions import NonJsonMessageReceived, WebSocketDisconnected
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ErrorMessage,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from gateway.authentication import Credentials, credential, credential_of
from gateway.database import SqlTrace, sql_trace
from gateway.error_log import log_graphql_errors
from gateway.graphiql import graphiql_response
from gateway.operation_choice import OperationNameRequired
from gateway.persisted_queries import (
    NOT_FOUND,
    LruQueryStore,
    PersistedQueryError,
    QueryStore,
    resolve_query,
)
from gateway.prepared_operations import PreparedOperations
from gateway.socket_credential import SocketCredential
from gateway.trusted_documents import TrustedDocuments
from resolvers.core import json_body
from resolvers.core.context import Ctx
from schema.compiled import compiled_reads
from schema.context import GraphQLContext
from schema.live import ChangeFeed, LiveContext

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
# Headers a browser sends only after a CORS preflight (gateway/security.py allows them).
PREFLIGHT_HEADERS = ("apollo-require-preflight", "graphql-preflight", "x-apollo-operation-name")
UPLOAD_BODY_FILES = 10
UPLOAD_BODY_SLACK = 1024 * 1024
# Where a WebSocket's scope keeps the watcher of its credential.
SOCKET_CREDENTIAL = "crm.socket_credential"
# A WebSocket close reason is at most 123 bytes (RFC 6455).
MAX_CLOSE_REASON = 120

log = logging.getLogger(__name__)


class SqlTraceExtension(SchemaExtension):
    """With CRM_SQL_TRACE=1, every response says how many statements it cost."""

    def on_operation(self) -> Iterator[None]:
        self._trace = SqlTrace()
        self._token = sql_trace.set(self._trace)
        self._started = time.perf_counter()
        yield
        sql_trace.reset(self._token)
        # The request's own trace (request log, metrics) still counts these statements.
        if (outer := sql_trace.get()) is not None:
            outer.statements += self._trace.statements
            outer.seconds += self._trace.seconds

    def get_results(self) -> dict[str, Any]:
        return {
            "sql": {
                "statements": self._trace.statements,
                "ms": round(self._trace.seconds * 1000, 3),
            }
        }


class RequestRefused(HTTPException):
    """A request error answered as a GraphQL response with `extensions.code`.

    `json_status` is for legacy `application/json` clients that must see 200 to read
    the body: Apollo Client retries a PersistedQueryNotFound only if it can read it."""

    def __init__(
        self,
        status_code: int,
        reason: str,
        *,
        code: str = "BAD_REQUEST",
        headers: Mapping[str, str] | None = None,
        json_status: int | None = None,
    ) -> None:
        super().__init__(status_code, reason)
        self.code = code
        self.headers = dict(headers or {})
        self.json_status = json_status


@lru_cache(maxsize=128)
def _cached_media(content_type: str) -> tuple[str, str]:
    media, params = parse_content_type(content_type)
    return media.lower(), params.get("charset", "utf-8").lower()


def media_of(content_type: str) -> tuple[str, str]:
    """A Content-Type's media type and charset (UTF-8 when it names none), lowercase.
    A client sends a few values again and again, and email's parser cost ~5 % of a
    read by id: a short value is parsed once (a long one, each time, so that odd
    headers cannot fill the cache)."""
    if len(content_type) <= 100:
        return _cached_media(content_type)
    media, params = parse_content_type(content_type)
    return media.lower(), params.get("charset", "utf-8").lower()


def _ranges(accept: str) -> Iterator[tuple[str, float]]:
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            yield media.lower(), q


def negotiate(accept: str | None) -> str | None:
    """The response media type, or None when the client accepts neither JSON type.

    application/graphql-response+json only when named outright and not ranked below
    application/json; a bare */* or no Accept at all gets application/json, as the
    spec asks for clients that predate it. A short Accept is weighed once (as
    `media_of` parses a Content-Type once)."""
    if accept is not None and len(accept) <= 200:
        return _cached_negotiate(accept)
    return _negotiate(accept)


@lru_cache(maxsize=128)
def _cached_negotiate(accept: str) -> str | None:
    return _negotiate(accept)


def _negotiate(accept: str | None) -> str | None:
    if not accept or not accept.strip():
        return JSON
    named: dict[str, float] = {}
    wildcard: dict[str, float] = {}
    for media, q in _ranges(accept):
        if media in (GRAPHQL_RESPONSE, JSON):
            named[media] = max(q, named.get(media, 0.0))
        elif media in ("*/*", "application/*"):
            wildcard[media] = max(q, wildcard.get(media, 0.0))
    fallback = max(wildcard.values(), default=0.0)
    graphql_q = named.get(GRAPHQL_RESPONSE, 0.0)
    json_q = named.get(JSON, fallback)
    if graphql_q > 0 and graphql_q >= json_q:
        return GRAPHQL_RESPONSE
    if json_q > 0:
        return JSON
    return None


def _is_request_error(result: ExecutionResult) -> bool:
    # Syntax, validation and variable coercion errors are raised before execution and
    # carry no path; a field error always has one, even when it nulls the whole data.
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def _persisted_refusal(exc: PersistedQueryError) -> RequestRefused:
    return RequestRefused(
        400,
        exc.message,
        code=exc.code,
        json_status=200 if exc.code == NOT_FOUND else None,
        headers={"Cache-Control": "private, no-cache, must-revalidate"},
    )


def _unsupported(message: str) -> RequestRefused:
    return RequestRefused(415, message, code="UNSUPPORTED_MEDIA_TYPE")


def _too_large(limit: int) -> RequestRefused:
    return RequestRefused(
        413, f"The request body is larger than the {limit} bytes allowed", code="PAYLOAD_TOO_LARGE"
    )


class _SubResponse(Response):
    """Carries the negotiated media type from the request to `create_response`."""

    def __init__(self, graphql_media_type: str) -> None:
        super().__init__()
        self.status_code = None  # type: ignore[assignment]
        del self.headers["content-length"]
        self.graphql_media_type = graphql_media_type


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages as text frames: graphql-ws (Apollo, urql, GraphiQL)
    and gql refuse binary ones, which Strawberry sends whenever encode_json gives bytes."""

    async def iter_json(self, *, ignore_parsing_errors: bool = False) -> AsyncGenerator[object]:
        try:
            async for message in super().iter_json(ignore_parsing_errors=ignore_parsing_errors):
                yield message
        except NonJsonMessageReceived as exc:
            # A repeated key or a too-deep payload: closed as any bad message is (4400),
            # saying which rule it broke.
            if not isinstance(exc.__cause__, json_body.RefusedJson):
                raise
            reason = f"Refused JSON: {exc.__cause__.msg}".encode()[:MAX_CLOSE_REASON]
            await self.close(4400, reason.decode(errors="ignore"))

    async def send_json(self, message: Mapping[str, object]) -> None:
        if self.ws.application_state == WebSocketState.DISCONNECTED:
            # Closed by the server (an expired credential): as good as a disconnect.
            raise WebSocketDisconnected
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class TrustedSubscribe(BaseGraphQLTransportWSHandler[GraphQLContext, None]):
    """A `subscribe` message names its document as an HTTP request does (documentId,
    Apollo's persistedQuery hash); with trusted documents enforced, nothing else runs."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        trusted = getattr(self.view, "trusted", None)
        payload = message.get("payload")
        if isinstance(trusted, TrustedDocuments) and isinstance(payload, dict):
            try:
                trusted.resolve(payload)  # type: ignore[arg-type]
            except PersistedQueryError as exc:
                error = GraphQLError(exc.message, extensions={"code": exc.code})
                await self.send_message(
                    ErrorMessage(id=message["id"], type="error", payload=[error.formatted])
                )
                return
        await super().handle_subscribe(message)


class GraphQLView(GraphQL[GraphQLContext, None]):
    websocket_adapter_class = TextFrames
    graphql_transport_ws_handler_class = TrustedSubscribe

    def __init__(
        self,
        schema: Any,
        *,
        ctx: Ctx,
        graphiql: bool,
        query_store: QueryStore | None = None,
        feed: ChangeFeed | None = None,
        credentials: Credentials | None = None,
        prepared: PreparedOperations | None = None,
        trusted: TrustedDocuments | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            multipart_uploads_enabled=True,
        )
        # Strawberry's default prints the document (and any password typed into it).
        schema.process_errors = log_graphql_errors
        self.ctx = ctx
        self.query_store: QueryStore = query_store or LruQueryStore()
        self.feed = feed
        # How a WebSocket's credential is checked again while it is open.
        self.credentials = credentials or Credentials(ctx.db, ctx.keys)
        self.prepared = prepared
        self.trusted = trusted

    @property
    def max_upload_body(self) -> int:
        return self.ctx.max_upload_bytes * UPLOAD_BODY_FILES + UPLOAD_BODY_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            try:
                await super().__call__(scope, receive, send)
            finally:
                # The socket is done: so is the timer watching its credential.
                watching = scope.get(SOCKET_CREDENTIAL)
                if isinstance(watching, SocketCredential):
                    watching.stop()
            return
        request = Request(scope, receive=self._capped(scope, receive))
        try:
            response = await self.prepared_reply(request) or await self.run(request)
        except HTTPException as exc:
            response = self.refusal(request, exc)
        finally:
            # Closes the parsed form's spooled upload files.
            await request.close()
        await response(scope, receive, send)

    def _capped(self, scope: Scope, receive: Receive) -> Receive:
        """A multipart body is refused once it passes the cap, however it is sent
        (a Content-Length is checked up front; a chunked body as it arrives)."""
        media, _ = media_of(Headers(scope=scope).get("content-type", ""))
        if media != MULTIPART:
            return receive
        limit, seen = self.max_upload_body, 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
            return message

        return counted

    def refusal(self, request: Request, exc: HTTPException) -> Response:
        media = negotiate(request.headers.get("accept")) or JSON
        code, headers, status = "BAD_REQUEST", {"Vary": "Accept"}, exc.status_code
        if isinstance(exc, RequestRefused):
            code = exc.code
            headers.update(exc.headers)
            if media == JSON and exc.json_status is not None:
                status = exc.json_status
        elif status == 405:
            code, headers["Allow"] = "METHOD_NOT_ALLOWED", "GET, POST"
        elif status == 404:
            code = "NOT_FOUND"
        body = {"errors": [{"message": exc.reason, "extensions": {"code": code}}]}
        return Response(
            self.encode_json(body), status_code=status, media_type=media, headers=headers
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        ctx = self.ctx.for_request(request.scope.get("principal"))
        if isinstance(request, WebSocket):
            watching = SocketCredential(self.credentials, request)
            request.scope[SOCKET_CREDENTIAL] = watching
            return LiveContext(ctx=ctx, feed=self.feed, credential=watching)
        return GraphQLContext(ctx=ctx)

    async def on_ws_connect(self, context: GraphQLContext) -> UnsetType | dict[str, object] | None:
        # The handshake's headers were read by the middleware; a browser's credential
        # comes in connection_init instead, and wins when both are there.
        params = context.connection_params if isinstance(context, LiveContext) else None
        token = credential_of(params or {})
        if token is not None:
            principal, _ = await self.credentials.principal(token)
            context.ctx = self.ctx.for_request(principal)
        if context.ctx.principal is None:
            raise ConnectionRejectionError()
        watching = context.credential if isinstance(context, LiveContext) else None
        if isinstance(watching, SocketCredential):
            # Whichever named the caller, the handshake's header or connection_init's.
            named = token or credential(Headers(scope=watching.websocket.scope))
            if named is not None:
                watching.bind(named, context.ctx.principal)
        return await super().on_ws_connect(context)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        # Only a browser navigating to the endpoint: a GET naming a query or carrying a
        # persisted query hash (`extensions`) is a GraphQL request whatever it accepts.
        params = request.query_params
        return (
            request.method == "GET"
            and params.get("query") is None
            and params.get("extensions") is None
            and "text/html" in request.headers.get("accept", "")
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql_response(request)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        return _SubResponse(negotiate(request.headers.get("accept")) or JSON)

    def encode_json(self, data: object) -> bytes:
        # A 2,000-record reply: ~0.3 ms with orjson against ~5 ms with the stdlib's dumps.
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        # Every body this view reads: POST bodies, GET variables and extensions,
        # multipart operations and map, WebSocket messages.
        return json_body.loads(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            value = self.decode_json(data)
        except json_body.RefusedJson as exc:
            raise RequestRefused(400, f"Refused JSON: {exc.msg}") from exc
        except json.JSONDecodeError as exc:
            raise RequestRefused(
                400, f"Malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from exc
        except UnicodeDecodeError as exc:
            raise RequestRefused(400, "Malformed JSON: not UTF-8 text") from exc
        if not isinstance(value, dict | list):
            raise RequestRefused(400, "Malformed request: expected a JSON object")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                self._trusted(item)
        return value

    def parse_query_params(self, params: Mapping[str, str | None]) -> dict[str, Any]:
        data = super().parse_query_params(params)
        self._trusted(data)
        return data

    def _trusted(self, request: dict[str, Any]) -> None:
        """The document a request names by its trusted id; refused when unknown, or
        (enforced) when it is not in the manifest."""
        if self.trusted is None:
            return
        try:
            self.trusted.resolve(request)
        except PersistedQueryError as exc:
            raise _persisted_refusal(exc) from exc

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if negotiate(request.headers.get("accept")) is None:
            raise RequestRefused(
                406,
                f"Not acceptable: this endpoint answers {GRAPHQL_RESPONSE} or {JSON}",
                code="NOT_ACCEPTABLE",
            )
        if request.method == "POST":
            await self._check_post_body(request)
        parsed = await super().parse_http_body(request)
        for data in parsed if isinstance(parsed, list) else [parsed]:
            if not isinstance(data.operation_name, str | None):
                raise RequestRefused(400, "operationName must be a string or null")
            try:
                data.query = await resolve_query(self.query_store, data.query, data.extensions)
            except PersistedQueryError as exc:
                raise _persisted_refusal(exc) from exc
        return parsed

    async def _check_post_body(self, request: AsyncHTTPRequestAdapter) -> None:
        # application/json, which a browser cannot send cross-site without a CORS
        # preflight; multipart only with a header that forces one. Other form posts
        # (urlencoded, text/plain) are CSRF-safe to refuse outright rather than parse.
        media, params = parse_content_type(request.content_type or "")
        if media.lower() == MULTIPART:
            self._check_multipart(request)
            return
        if media.lower() != JSON:
            sent = f"Content-Type {media!r}" if media else "no Content-Type"
            raise _unsupported(f"Unsupported {sent}: send the request as {JSON}")
        charset = params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise _unsupported(f"Unsupported charset {charset!r}: send UTF-8")
        if not (await request.get_body()).strip():
            raise RequestRefused(400, "The request body is empty: send a JSON object with a query")

    def _check_multipart(self, request: AsyncHTTPRequestAdapter) -> None:
        if not any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
            # Without the header it is a simple form post, refused like the others.
            raise _unsupported(
                f"Unsupported Content-Type {MULTIPART!r} without a preflight header: send "
                f"the request as {JSON}, or an upload with one of the headers "
                "Apollo-Require-Preflight, GraphQL-Preflight or X-Apollo-Operation-Name"
            )
        length = request.headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > self.max_upload_body:
            raise _too_large(self.max_upload_body)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: GraphQLContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            result = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            cause = exc.__cause__
            if (
                isinstance(cause, InvalidOperationTypeError)
                and cause.operation_type == OperationType.MUTATION
                and request_adapter.method == "GET"
            ):
                raise RequestRefused(
                    405,
                    "Mutations are not allowed over GET: send them with POST",
                    code="METHOD_NOT_ALLOWED",
                    headers={"Allow": "POST"},
                ) from exc
            raise
        for error in result.errors or ():
            if isinstance(error, OperationNameRequired):
                # As an operationName that names no operation is answered (a 400).
                raise RequestRefused(400, error.message)
        if not result.errors and result.data is not None and request_adapter.method == "POST":
            self._learn(context, request_data)
        return result

    def _learn(self, context: GraphQLContext, request_data: GraphQLRequestData) -> None:
        """Prepares what every check of the normal path has just let through."""
        principal = context.ctx.principal
        if self.prepared is None or principal is None or not isinstance(request_data.query, str):
            return
        try:
            self.prepared.learn(
                request_data.query,
                request_data.operation_name,
                principal,
                request_data.variables or {},
            )
        except Exception:
            # The next request is answered by the normal path again; a bug here.
            log.exception("preparing an operation failed")

    async def prepared_reply(self, request: Request) -> Response | None:
        """The reply of a prepared operation (gateway/prepared_operations.py), or None
        when this request is for the normal path: anything unusual goes there."""
        principal = request.scope.get("principal")
        if self.prepared is None or principal is None or request.method != "POST":
            return None
        if not compiled_reads.get():
            # The compiled path switched off (`schema.compiled.normal_path`): plans too.
            return None
        media, charset = media_of(request.headers.get("content-type", ""))
        accepted = negotiate(request.headers.get("accept"))
        if media != JSON or accepted is None or charset not in ("utf-8", "utf8"):
            return None
        try:
            data = self.decode_json(await request.body())
            if not isinstance(data, dict):
                return None
            if self.trusted is not None:
                self.trusted.resolve(data)
            query, extensions = data.get("query"), data.get("extensions")
            # Parameters of the wrong type (`"variables": 0`, `"extensions": "x"`) are the
            # normal path's to refuse with its 400, as a falsy one would slip through here.
            if not isinstance(extensions, dict | None):
                return None
            if extensions is not None:
                query = await resolve_query(self.query_store, query, extensions)
        except (ValueError, PersistedQueryError):
            # Malformed JSON (ValueError covers its decode errors) or a refused
            # document: the normal path says which, in its own words.
            return None
        name, variables = data.get("operationName"), data.get("variables")
        if not isinstance(query, str) or not isinstance(name, str | None):
            return None
        if not isinstance(variables, dict | None):
            return None
        variables = variables or {}
        prepared = self.prepared.find(query, name, principal, variables)
        if prepared is None:
            return None
        ctx = self.ctx.for_request(principal)
        body = await self.prepared.answer(ctx, prepared, variables)
        if body is None:
            return None
        return Response(body, media_type=accepted, headers={"Vary": "Accept"})

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if _is_request_error(result):
            # The GraphQL spec: an error raised before execution leaves out `data`.
            response.pop("data", None)
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        media = sub_response.graphql_media_type if isinstance(sub_response, _SubResponse) else JSON
        response.headers["content-type"] = media
        response.headers["vary"] = "Accept"
        if (
            media == GRAPHQL_RESPONSE
            and not sub_response.status_code
            and isinstance(response_data, dict)
            and "data" not in response_data
        ):
            response.status_code = 400
        return response
