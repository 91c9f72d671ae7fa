"""Reading whole numbers from text a client sent, one way everywhere.

`str.isdigit` says yes to "²", "٣" and "۳", which `int()` refuses or reads as 3: only
ASCII digits are a number here. The digits are bounded before `int()` runs, so a
4,300-digit string is neither converted nor passed to a database that cannot hold it.
"""

from __future__ import annotations

from typing import Any

# Ids and codes are 32-bit integers on PostgreSQL (see resolvers.core.records.ID_BOUND).
ID_MAX = 2**31 - 1


def is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def whole_number(value: Any, *, high: int = ID_MAX) -> int | None:
    """A whole number 0..high from an int or a text of ASCII digits; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not is_digits(text) or len(text) > len(str(high)):
            return None
        value = int(text)
    if not isinstance(value, int):
        return None
    return value if 0 <= value <= high else None
