"""The rule joining perfex and tech9, which document some of the same paths.

- A write sent as a form gets the perfex reply; sent as JSON, the tech9 reply.
- A list asked for with `page`, `per_page` or a filter only tech9 documents (`owner_id`)
  gets tech9's paginated envelope; without them, perfex's bare array.
- A record read answers the union of both documents' fields.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson
from starlette.requests import Request
from starlette.responses import Response

from rest_compat.envelopes import reply
from rest_compat.errors import BadRequest, failure_of, render
from rest_compat.requests import read_body
from rest_compat.routing import Dialect, Endpoint, Services, run

PAGE_PARAMS = ("page", "per_page")


async def join(
    services: Services, candidates: Sequence[tuple[Dialect, Endpoint]], request: Request
) -> Response:
    by_name = {dialect.name: (dialect, row) for dialect, row in candidates}
    perfex, tech9 = by_name.get("perfex"), by_name.get("tech9")
    if perfex is None or tech9 is None or len(by_name) != len(candidates):
        raise RuntimeError(f"no join rule for {[d.name for d, _ in candidates]}")
    if request.method in ("GET", "HEAD"):
        tech9_only = {p.name for p in tech9[1].query} - {p.name for p in perfex[1].query}
        if any(p in request.query_params for p in (*PAGE_PARAMS, *tech9_only)):
            return await run(services, *tech9, request)
        return await _union(services, perfex, tech9, request)
    try:
        kind = (await read_body(request)).kind
    except BadRequest as exc:
        # An unreadable body still says how it was meant: JSON is tech9's, forms perfex's.
        dialect, row = tech9 if _says_json(request) else perfex
        status, content = render(dialect.name, failure_of(exc), row.fail)
        return reply(content, status)
    chosen = tech9 if kind == "json" else perfex
    return await run(services, *chosen, request)


def _says_json(request: Request) -> bool:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


async def _union(
    services: Services,
    perfex: tuple[Dialect, Endpoint],
    tech9: tuple[Dialect, Endpoint],
    request: Request,
) -> Response:
    first = await run(services, *perfex, request)
    # Only two objects make a union: a perfex list is answered as it is, without running
    # tech9's read only to throw it away (twice the work for /api/customers).
    if first.status_code != 200 or not bytes(first.body).lstrip().startswith(b"{"):
        return first
    second = await run(services, *tech9, request)
    if second.status_code != 200:
        return first
    left, right = orjson.loads(first.body), orjson.loads(second.body)
    if not isinstance(left, dict) or not isinstance(right, dict):
        return first
    # perfex's values win where both name a field: the perfex shape is the older contract.
    return reply({**right, **left}, 200)
