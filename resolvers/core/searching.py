"""The one search rule every transport shares: how a search term becomes words, and how
a word matches a column.

A term is split on whitespace; every word must match (case-insensitively, as a plain
substring: `%`, `_` and the escape character match themselves). Each word adds a
condition over every search column, so a term is bounded in length and in words: SQLite
refuses an expression deeper than 1,000 and every engine scans once per word, so an
unbounded term is a way to stall a worker, not a question.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from resolvers.core.errors import Invalid
from resolvers.core.validation import check_text

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10
FIELD = "search"


def search_words(term: str | None, field: str = FIELD) -> list[str]:
    """The words of `term`, each once, in order; Invalid naming `field` past the bounds."""
    if not term:
        return []
    if not isinstance(term, str):
        raise Invalid.field(field, "must be text")
    # The length first: it is known without reading the term.
    if len(term) > MAX_SEARCH_LENGTH:
        raise Invalid.field(field, f"must be at most {MAX_SEARCH_LENGTH} characters")
    check_text(term, field)
    words = list(dict.fromkeys(term.split()))
    if len(words) > MAX_SEARCH_WORDS:
        raise Invalid.field(field, f"must be at most {MAX_SEARCH_WORDS} words")
    return words


def word_in(column: Any, word: str) -> ColumnElement[bool]:
    """`column` holds `word`, ignoring case; LIKE's wildcards in the word are escaped."""
    found: ColumnElement[bool] = column.icontains(word, autoescape=True)
    return found
