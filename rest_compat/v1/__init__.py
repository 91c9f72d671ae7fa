"""The v1 API (`/api/v1/`, `X-API-KEY` or a Bearer JWT): JSON records, paginated lists.

Lists answer `{"data": [...], "meta": {"page", "per_page", "total", "total_pages"}}`.
Over its quota a caller gets 429 with `Retry-After`, as the document's table says: the
gateway's request quota (gateway/limits) answers that, in v1's error shape.
"""

from __future__ import annotations

from rest_compat.ids import IntegerIds
from rest_compat.routing import Dialect

DIALECT = Dialect(name="v1", ids=IntegerIds(), security=("x_api_key", "bearer"))
