"""How the service layer's failures reach GraphQL clients.

Mutations answer expected failures as `userErrors { field code message }`; missing or
insufficient credentials are top-level errors with `extensions.code`; anything
unexpected is masked by `MaskErrors`. Every error carries an `extensions.code`, named
as Apollo Server names them where the failure is GraphQL's own (see `RenderErrors`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

import strawberry
from graphql import FieldNode, GraphQLError, GraphQLSyntaxError
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import MaskErrors
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.utils.str_converters import to_camel_case

from resolvers.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    Unauthenticated,
)

T = TypeVar("T")


@strawberry.type
class UserError:
    field: str | None
    code: str
    message: str


def user_errors(exc: DomainError) -> list[UserError]:
    if isinstance(exc, Invalid):
        return [
            UserError(field=to_camel_case(f), code=exc.code, message=m)
            for f, m in exc.errors.items()
        ]
    if isinstance(exc, Conflict):
        return [
            UserError(
                field=to_camel_case(exc.field) if exc.field else None,
                code=exc.code,
                message=exc.message,
            )
        ]
    return [UserError(field=None, code=exc.code, message=exc.message)]


def _coded(error: GraphQLError, exc: DomainError) -> GraphQLError:
    extensions: dict[str, Any] = {"code": exc.code}
    if isinstance(exc, Invalid):
        extensions["fields"] = {to_camel_case(k): v for k, v in exc.errors.items()}
    return GraphQLError(
        exc.message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions=extensions,
    )  # fmt: skip


# Apollo Server's codes for the failures GraphQL itself finds.
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
BAD_REQUEST = "BAD_REQUEST"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"

# MaxTokensLimiter's refusal is a syntax error ending in these words.
TOKEN_LIMIT_MESSAGE = "tokens. Parsing aborted."
# graphql-core's words when a document's operation cannot be picked (no path, no cause).
_OPERATION_MESSAGES = (
    "Must provide operation name",
    "Must provide an operation",
    "Unknown operation named",
)


def code_of(error: GraphQLError) -> str | None:
    code = (error.extensions or {}).get("code")
    return code if isinstance(code, str) else None


def with_code(error: GraphQLError, code: str) -> GraphQLError:
    """`error` with `code`, unless it carries one already (an earlier stage knew better)."""
    if code_of(error) is None:
        # In place: validation errors are cached per document, and each gets the same code.
        error.extensions = {**(error.extensions or {}), "code": code}
    return error


def _request_code(error: GraphQLError) -> str:
    # No path and no cause: raised before any resolver, while the variables were coerced
    # or the operation was picked.
    if error.message.startswith(_OPERATION_MESSAGES):
        return OPERATION_RESOLUTION_FAILURE
    return BAD_USER_INPUT


def _field_code(cause: GraphQLError | None) -> str:
    # graphql-core reports an argument it could not coerce at the argument's (or its
    # value's) node, and a value it could not serialise at no node: ours, not the caller's.
    nodes = cause.nodes if cause is not None else None
    if nodes and not any(isinstance(n, FieldNode) for n in nodes):
        return BAD_USER_INPUT
    return INTERNAL_SERVER_ERROR


def _pre_execution_code(cause: Exception) -> str | None:
    # Strawberry's own refusals, which the WebSocket path turns into errors.
    if isinstance(cause, CannotGetOperationTypeError):
        return OPERATION_RESOLUTION_FAILURE
    if isinstance(cause, InvalidOperationTypeError | MissingQueryError):
        return BAD_REQUEST
    return None


class RenderErrors(MaskErrors):
    """The one exception handler: domain failures keep their message and get a code;
    request errors (syntax, validation, variables) keep theirs and get Apollo's code;
    anything else is masked as INTERNAL_SERVER_ERROR. Over HTTP and the WebSocket alike
    (MaskErrors processes each streamed result too)."""

    def on_validate(self) -> Iterator[None]:
        yield
        # Whatever the validation stage refused (the limits have their own codes).
        for error in self.execution_context.pre_execution_errors or ():
            with_code(error, VALIDATION_FAILED)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return with_code(super().anonymise_error(error), INTERNAL_SERVER_ERROR)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._render(error) for error in errors]

    def _render(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, DomainError):
            return _coded(error, original)
        if code_of(error) is not None:
            return error
        if isinstance(error, GraphQLSyntaxError):
            limited = error.message.endswith(TOKEN_LIMIT_MESSAGE)
            return with_code(error, "TOKEN_LIMIT" if limited else PARSE_FAILED)
        if error.path is None:
            # A variable graphql-core could not coerce is reported at its definition,
            # whatever the scalar raised; an exception outside any field is at no node.
            if original is None or error.nodes:
                return with_code(error, _request_code(error))
            code = _pre_execution_code(original)
            return self.anonymise_error(error) if code is None else with_code(error, code)
        if original is None or isinstance(original, GraphQLError):
            return with_code(error, _field_code(original))
        return self.anonymise_error(error)


@strawberry.type
class Payload(Generic[T]):
    """A mutation's answer: the record, or why it could not be written."""

    record: T | None
    user_errors: list[UserError]


async def mutate(call: Callable[[], Awaitable[Any]], wrap: Callable[[Any], T]) -> Payload[T]:
    """Run a write; expected failures become userErrors, auth failures stay top-level."""
    try:
        row = await call()
    except (Unauthenticated, Forbidden):
        raise
    except (Invalid, Conflict, NotFound) as exc:
        return Payload(record=None, user_errors=user_errors(exc))
    return Payload(record=wrap(row), user_errors=[])
