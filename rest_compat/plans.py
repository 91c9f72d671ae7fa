"""REST read plans: a GET row whose reply maps columns straight to fields, answered by one
statement whose text is the reply's body.

What does not depend on the request (the route, the columns, the SQL text, the field
mapping) is decided once: the shape here, the statement in `resolvers.core.json_records`,
made once per dialect. A request decodes its path id as the row's reader does, and the
service checks its grant as the row's operation does; the reply is the statement's text,
with no row decoded and no JSON encoded in Python. A row keeps its reader, operation and
shaper: they describe it (the OpenAPI document reads them), and
tests/rest_compat/test_read_plans.py checks that both give the same bytes.
"""

from __future__ import annotations

from starlette.responses import Response

from resolvers.core import json_records
from resolvers.core.errors import NotFound
from resolvers.core.json_records import JsonShape
from resolvers.core.preconditions import etag
from rest_compat.routing import Call, Plan


class _Body(Response):
    media_type = "application/json"  # what rest_compat.envelopes.JSON answers


def record(shape: JsonShape) -> Plan:
    """One record by the path's {id}: 404 in the dialect's shape when there is none."""

    async def answer(call: Call) -> Response:
        record_id = call.id()
        found = await json_records.one_json(call.ctx, shape, record_id)
        if found is None:
            raise NotFound(call.row.label, call.path("id"))
        text, updated_at = found
        return _Body(text, headers={"ETag": etag(record_id, updated_at)})

    return answer


def every(shape: JsonShape) -> Plan:
    """Every live record, by id, as a bare array."""

    async def answer(call: Call) -> Response:
        return _Body(await json_records.all_json(call.ctx, shape))

    return answer
