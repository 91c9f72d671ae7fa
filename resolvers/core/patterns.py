"""Pieces of the ECMA-262 patterns the OpenAPI document states a field's words with."""

from __future__ import annotations

import re


def any_case(word: str) -> str:
    """`word` in any case: ECMA-262 patterns take no flags, so each letter in both."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)
