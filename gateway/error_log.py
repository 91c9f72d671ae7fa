"""What a GraphQL error leaves in the log: its message and where it happened, never the
document or the variables.

Strawberry's default logs `str(error)`, which prints the offending lines of the document:
a `login(password: "...")` with a typo put the password in the log. Messages themselves
may quote a value ("Variable '$p' got invalid value 'hunter2'"), and so may the text of
an unexpected exception, so every string the request carried (variables, string
literals of the document) is blanked out of both before anything is written.

Installed as the schema's `process_errors` by the GraphQL view. A client's mistake
(syntax, validation, a refused record) is INFO without a traceback; an unexpected
exception is ERROR with its traceback, which is what an operator needs to fix it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import GraphQLError, Source, TokenKind
from graphql.language import Lexer
from strawberry.types import ExecutionContext

from resolvers.core.errors import DomainError

logger = logging.getLogger("crm.graphql")

HIDDEN = "<hidden>"
# Shorter strings are blanked only where a message quotes them: anywhere would mangle it.
MIN_ANYWHERE = 6
MAX_LITERALS = 10_000


def log_graphql_errors(
    errors: list[GraphQLError], execution_context: ExecutionContext | None = None
) -> None:
    if not errors:
        return
    values = sorted(set(_request_strings(execution_context)), key=len, reverse=True)
    for error in errors:
        original = error.original_error
        unexpected = original is not None and not isinstance(original, DomainError | GraphQLError)
        fields: dict[str, Any] = {
            "locations": [f"{loc.line}:{loc.column}" for loc in error.locations or ()] or None,
            "path": ".".join(str(p) for p in error.path) if error.path else None,
            "operation": _operation(execution_context),
        }
        if unexpected:
            assert original is not None
            fields["exception"] = type(original).__name__
            text = "".join(traceback.format_exception(original))
            logger.error(
                "GraphQL error: %s\n%s",
                hide(error.message, values),
                hide(text, values),
                extra={"fields": fields},
            )
        else:
            logger.info("GraphQL error: %s", hide(error.message, values), extra={"fields": fields})


def hide(text: str, values: Iterable[str]) -> str:
    for value in values:
        if not value:
            continue
        for quoted in (f"'{value}'", f'"{value}"', repr(value)):
            text = text.replace(quoted, HIDDEN)
        if len(value) >= MIN_ANYWHERE:
            text = text.replace(value, HIDDEN)
    return text


def _operation(context: ExecutionContext | None) -> str | None:
    try:
        return context.operation_name if context is not None else None
    except Exception:  # noqa: BLE001 - a name for the log line is not worth failing over
        return None


def _request_strings(context: ExecutionContext | None) -> Iterator[str]:
    if context is None:
        return
    yield from _leaves(context.variables)
    query = context.query
    if query:
        yield from _literals(query)


def _leaves(value: object) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            yield item
        elif item is not None and not isinstance(item, bool):
            yield str(item)


def _literals(query: str) -> Iterator[str]:
    """The string values written into the document itself."""
    lexer = Lexer(Source(query))
    try:
        for _ in range(MAX_LITERALS):
            token = lexer.advance()
            if token.kind == TokenKind.EOF:
                return
            if token.kind in (TokenKind.STRING, TokenKind.BLOCK_STRING) and token.value:
                yield token.value
    except GraphQLError:
        # A document that does not lex (the syntax error being logged): its raw text
        # after the failure point cannot be told apart, so every quoted run is hidden.
        yield from _quoted_runs(query)


def _quoted_runs(query: str) -> Iterator[str]:
    parts = query.split('"')
    yield from (part for part in parts[1::2] if part)
