"""How the service layer's failures reach GraphQL clients.

Mutations answer expected failures as `userErrors { field code message }`; missing or
insufficient credentials are top-level errors with `extensions.code`; anything
unexpected is masked by `MaskErrors`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from resolvers.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, Unauthenticated

T = TypeVar("T")


@strawberry.type
class UserError:
    field: str | None
    code: str
    message: str


def user_errors(exc: DomainError) -> list[UserError]:
    if isinstance(exc, Invalid):
        return [UserError(field=_camel(f), code=exc.code, message=m) for f, m in exc.errors.items()]
    if isinstance(exc, Conflict):
        return [
            UserError(
                field=_camel(exc.field) if exc.field else None, code=exc.code, message=exc.message
            )
        ]
    return [UserError(field=None, code=exc.code, message=exc.message)]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _coded(error: GraphQLError, exc: DomainError) -> GraphQLError:
    extensions: dict[str, Any] = {"code": exc.code}
    if isinstance(exc, Invalid):
        extensions["fields"] = {_camel(k): v for k, v in exc.errors.items()}
    return GraphQLError(
        exc.message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions=extensions,
    )  # fmt: skip


class RenderErrors(MaskErrors):
    """The one exception handler: domain failures keep their message and get a code;
    request errors (syntax, validation) pass as they are; anything else is masked."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        rendered: list[GraphQLError] = []
        for error in errors:
            original = error.original_error
            if isinstance(original, DomainError):
                rendered.append(_coded(error, original))
            elif original is None or isinstance(original, GraphQLError):
                rendered.append(error)
            else:
                rendered.append(self.anonymise_error(error))
        return rendered


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
