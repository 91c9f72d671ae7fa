"""Invoice Ninja's clients API (`/api/v1/clients`, `X-API-TOKEN`): hashed string ids,
`{"data": ...}` replies, lists with `meta.pagination`."""

from __future__ import annotations

from rest_compat.ids import HashedIds
from rest_compat.routing import Dialect


def dialect(secret: str, public_url: str = "") -> Dialect:
    return Dialect(
        name="ninja", ids=HashedIds(secret), security=("x_api_token",), public_url=public_url
    )
