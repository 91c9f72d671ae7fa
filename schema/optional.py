"""The input field a client may leave out: absent (UNSET) is not null, so an update
touches only what it names."""

from __future__ import annotations

from typing import Any

import strawberry


def optional(description: str) -> Any:
    """A described input field, UNSET when the client leaves it out."""
    return strawberry.field(default=strawberry.UNSET, description=description)
