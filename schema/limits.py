"""Validation with the abuse limits first: a document they refuse is never fully validated.

graphql-core validates with every rule in one walk, and some rules cost far more than
the document's size (overlapping-fields checks compare same-named fields pairwise), so a
1,000-alias query spends most of its time being validated. Strawberry's own depth and
alias limiters run here alone on the parsed document first; only a document they accept
gets the full (cached) validation. Each refusal carries `extensions.code`.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, validate
from strawberry.extensions import AddValidationRules, ParserCache, ValidationCache

TOKEN_LIMIT_MESSAGE = "tokens. Parsing aborted."


class CodedParserCache(ParserCache):
    """ParserCache whose MaxTokensLimiter refusal (a syntax error) carries a code."""

    def on_parse(self) -> Iterator[None]:
        try:
            yield from super().on_parse()
        except GraphQLError as error:
            if error.message.endswith(TOKEN_LIMIT_MESSAGE):
                error.extensions = {**(error.extensions or {}), "code": "TOKEN_LIMIT"}
            raise


class RefuseEarly(ValidationCache):
    """ValidationCache preceded by `limiters`, each a (code, validation-rule extension)."""

    def __init__(self, *limiters: tuple[str, AddValidationRules], maxsize: int = 256) -> None:
        super().__init__(maxsize=maxsize)
        self.limiters = limiters

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        refused: list[GraphQLError] = []
        document = context.graphql_document
        # One pass per limiter, stopping at the first refusal: a 1,000-alias document is
        # walked once, by the alias count alone.
        for code, limiter in self.limiters:
            if document is None or refused:
                break
            for error in validate(context.schema._schema, document, limiter.validation_rules):
                error.extensions = {**(error.extensions or {}), "code": code}
                refused.append(error)
        if refused:
            context.pre_execution_errors = refused
            yield
            return
        yield from super().on_validate()
