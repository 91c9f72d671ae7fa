"""Validation with the abuse limits first: a document they refuse is never fully validated.

graphql-core validates with every rule in one walk, and some rules cost far more than
the document's size (overlapping-fields checks compare same-named fields pairwise), so a
1,000-alias query spends most of its time being validated. Strawberry's own depth and
alias limiters run here alone on the parsed document first; only a document they accept
gets the full (cached) validation. Each refusal carries `extensions.code`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, validate
from strawberry.extensions import AddValidationRules, ParserCache, SchemaExtension
from strawberry.schema.schema import validate_document

from schema.document_cache import PerDocument

Limiters = tuple[tuple[str, AddValidationRules], ...]


class CodedParserCache(ParserCache):
    """ParserCache that leaves a document it cannot parse to Strawberry's own parse.

    ParserCache parses in its hook, before the operation's error handling: a syntax
    error (or MaxTokensLimiter's refusal) would escape it, uncoded over HTTP and, on the
    WebSocket, ending the subscription with no `error` message at all. Strawberry parses
    again inside the operation, where RenderErrors codes the error like any other."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        # The failure is answered by that second parse (only failures pay for it).
        with suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        yield


def _refusals(
    document: DocumentNode, schema: GraphQLSchema, limiters: Limiters
) -> tuple[GraphQLError, ...]:
    refused: list[GraphQLError] = []
    # One pass per limiter, stopping at the first refusal: a 1,000-alias document is
    # walked once, by the alias count alone.
    for code, limiter in limiters:
        if refused:
            break
        for error in validate(schema, document, limiter.validation_rules):
            error.extensions = {**(error.extensions or {}), "code": code}
            refused.append(error)
    return tuple(refused)


def _validated(
    document: DocumentNode, schema: GraphQLSchema, *rules: type[ASTValidationRule]
) -> list[GraphQLError]:
    return validate_document(schema, document, rules)


# Keyed by the very document, schema and limiters (schema.document_cache): the parse
# cache hands out one document per query text, and the limiters are built per schema.
_cached_refusals = PerDocument(_refusals)
_cached_validation = PerDocument(_validated)


class RefuseEarly(SchemaExtension):
    """Validation, cached, with `limiters` first, each a (code, validation-rule
    extension). Build the limiters once and share them between requests."""

    def __init__(self, limiters: Limiters) -> None:
        super().__init__()
        # The schema's own tuple, not a copy: the verdicts are cached by its identity.
        self.limiters = limiters

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            yield
            return
        schema = context.schema._schema
        refused = _cached_refusals(document, schema, self.limiters)
        context.pre_execution_errors = list(refused) or _cached_validation(
            document, schema, *context.validation_rules
        )
        yield
