"""GraphQL enums over Perfex's numeric codes (task and project statuses, priorities):
clients filter and group by the name, and orderBy sorts by the code."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=IntEnum)


def perfex_codes(name: str, noun: str) -> Callable[[type[E]], type[E]]:
    """The enum `name` of a code list whose values `noun` ("status") names."""
    about = (
        f"Filters and groupBy take the {noun} by name; orderBy sorts by its Perfex code, "
        "shown here."
    )
    return lambda cls: strawberry.enum(cls, name=name, description=about)
