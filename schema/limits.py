"""Validation with the abuse limits first: a document they refuse is never fully validated.

graphql-core validates with every rule in one walk, and some rules cost far more than
the document's size (overlapping-fields checks compare same-named fields pairwise), so a
1,000-alias query spends most of its time being validated. Strawberry's own depth and
alias limiters run here alone on the parsed document first; only a document they accept
gets the full (cached) validation. Each refusal carries `extensions.code`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, GraphQLSchema, validate
from strawberry.extensions import AddValidationRules, ParserCache, ValidationCache

TOKEN_LIMIT_MESSAGE = "tokens. Parsing aborted."
Limiters = tuple[tuple[str, AddValidationRules], ...]


class CodedParserCache(ParserCache):
    """ParserCache whose MaxTokensLimiter refusal (a syntax error) carries a code."""

    def on_parse(self) -> Iterator[None]:
        try:
            yield from super().on_parse()
        except GraphQLError as error:
            if error.message.endswith(TOKEN_LIMIT_MESSAGE):
                error.extensions = {**(error.extensions or {}), "code": "TOKEN_LIMIT"}
            raise


@lru_cache(maxsize=256)
def _refusals(
    schema: GraphQLSchema, document: DocumentNode, limiters: Limiters
) -> tuple[GraphQLError, ...]:
    # Keyed like Strawberry's validation cache: the parse cache hands out one document
    # object per query text, and the limiters are built once per schema.
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


class RefuseEarly(ValidationCache):
    """ValidationCache preceded by `limiters`, each a (code, validation-rule extension).
    Build the limiters once and share them between requests: their verdict is cached
    per document and limiters, like the validation itself."""

    def __init__(self, *limiters: tuple[str, AddValidationRules], maxsize: int = 256) -> None:
        super().__init__(maxsize=maxsize)
        self.limiters = limiters

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        refused = (
            () if document is None else _refusals(context.schema._schema, document, self.limiters)
        )
        if refused:
            context.pre_execution_errors = list(refused)
            yield
            return
        yield from super().on_validate()
