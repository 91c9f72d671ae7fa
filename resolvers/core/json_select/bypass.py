"""Which domain read functions the compiled path may answer in their place, by
declaration where they are written.

A domain's `get_x`/`list_x` that is only the generic read of its resource
(`reading.get_record` / `reading.list_records`) says so with `@generic_read(RESOURCE)`;
the compiled path then answers a root field built on it with one statement. A function
not declared (one with a rule of its own: a narrower scope, a check, a computed value)
keeps its root field on the resolvers. A test checks every declared function adds
nothing to the generic read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from resolvers.core.resources import Resource

F = TypeVar("F", bound=Callable[..., Any])

# Declared functions, by identity, and the resource whose generic read each one is.
_GENERIC: dict[int, tuple[Callable[..., Any], str]] = {}


def generic_read(res: Resource | str) -> Callable[[F], F]:
    """Declares the decorated function the generic read of `res` (or of the resource of
    that name, where the module registers its resource below its functions) and
    nothing more."""
    name = res if isinstance(res, str) else res.name

    def declare(fn: F) -> F:
        _GENERIC[id(fn)] = (fn, name)
        return fn

    return declare


def is_generic_read(fn: object, res: Resource) -> bool:
    found = _GENERIC.get(id(fn))
    return found is not None and found[0] is fn and found[1] == res.name


def declared() -> list[tuple[Callable[..., Any], str]]:
    """Every declared function and its resource's name (for the test that checks them)."""
    return list(_GENERIC.values())
