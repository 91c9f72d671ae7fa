"""Pieces of the ECMA-262 patterns the OpenAPI document states a field's words with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def any_case(word: str) -> str:
    """`word` in any case: ECMA-262 patterns take no flags, so each letter in both."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def any_word(words: Iterable[str]) -> str:
    """One of `words`, each in any case (alternatives, for a group)."""
    return "|".join(any_case(word) for word in words)


# pydantic's lax bool words (its str_to_bool), read in any case: what a flag reads as
# false and as true.
FALSE_WORDS = ("0", "off", "f", "false", "n", "no")
TRUE_WORDS = ("1", "on", "t", "true", "y", "yes")


# What str.strip() removes (Python's whitespace, which is not ECMA-262's \\s).
PY_SPACE = r"[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# Text of Python's whitespace alone (what str.strip leaves empty): no value, to a model
# that reads a form's empty box as none, and no filter to a query.
BLANK = rf"^{PY_SPACE}*$"


def blank_taken(schema: dict[str, Any]) -> None:
    """A field's schema takes the blank text its model reads as none (json_schema_extra)."""
    variants = schema.setdefault("anyOf", [])
    variants.append({"type": "string", "pattern": BLANK})


def blank_is_none(value: Any) -> Any:
    """Blank text is none (a before-validator beside blank_taken)."""
    return None if isinstance(value, str) and not value.strip() else value
