"""Turning GraphQL input objects into the plain data the service layer validates."""

from __future__ import annotations

from typing import Any

import strawberry


def given(data: object) -> dict[str, Any]:
    """The fields a client actually sent; UNSET ones are left out, so updates are partial."""
    return {k: v for k, v in vars(data).items() if v is not strawberry.UNSET}
