"""The v2 API (`/api/v2/`, API key): `{success, data, meta}` replies; the rate-limit
headers its document shows come from the gateway's request quota (gateway/limits)."""

from __future__ import annotations

from rest_compat.ids import IntegerIds
from rest_compat.routing import Dialect

DIALECT = Dialect(name="v2", ids=IntegerIds(), security=("x_api_key", "bearer"))
