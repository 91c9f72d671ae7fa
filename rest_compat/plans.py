"""REST read plans: a GET row whose reply maps columns straight to fields, answered by one
statement whose text is the reply's body.

What does not depend on the request (the route, the columns, the SQL text, the field
mapping) is decided once: the shape here, the statement in `resolvers.core.json_records`,
made once per dialect. A request decodes its path id as the row's reader does, and the
service checks its grant as the row's operation does; the reply is the statement's text,
with no row decoded and no JSON encoded in Python (a dialect's envelope is written
around it as an `orjson.Fragment`). A list plan takes its paging parameters through the
row's own reader; a request with any other parameter (a search, a filter) is the row's
own to answer. A row keeps its reader, operation and shaper: they describe it (the
OpenAPI document reads them), and tests/rest_compat/test_read_plans.py checks that both
give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import orjson
from starlette.responses import Response

from resolvers.core import json_records
from resolvers.core.errors import NotFound
from resolvers.core.json_records import JsonShape
from resolvers.core.preconditions import etag
from rest_compat.envelopes import PageInfo, PageRequest
from rest_compat.routing import Call, Plan

# A dialect's envelope around a record (its text as a Fragment), and around a page.
Around = Callable[[orjson.Fragment], Mapping[str, Any]]
Envelope = Callable[[orjson.Fragment, PageInfo], Mapping[str, Any]]


class _Body(Response):
    media_type = "application/json"  # what rest_compat.envelopes.JSON answers


def record(shape: JsonShape, around: Around | None = None) -> Plan:
    """One record by the path's {id} (in the dialect's envelope): 404 in the dialect's
    shape when there is none."""

    async def answer(call: Call) -> Response:
        record_id = call.id()
        found = await json_records.one_json(call.ctx, shape, record_id)
        if found is None:
            raise NotFound(call.row.label, call.path("id"))
        text, updated_at = found
        body = text if around is None else orjson.dumps(around(orjson.Fragment(text)))
        return _Body(body, headers={"ETag": etag(record_id, updated_at)})

    return answer


def every(shape: JsonShape) -> Plan:
    """Every live record, by id, as a bare array."""

    async def answer(call: Call) -> Response:
        return _Body(await json_records.all_json(call.ctx, shape))

    return answer


def page(
    shape: JsonShape,
    asked: Callable[[Call], PageRequest],
    envelope: Envelope,
    takes: Collection[str],
) -> Plan:
    """A numbered page of every live record, by id, in the dialect's envelope; `asked` is
    the row's own reading of the paging parameters `takes` names."""

    async def answer(call: Call) -> Response | None:
        if any(name not in takes for name in call.query):
            return None
        wanted = asked(call)
        total, text = await json_records.page_json(call.ctx, shape, wanted.offset, wanted.per_page)
        shown = max(0, min(wanted.per_page, total - wanted.offset))
        info = PageInfo(wanted.page, wanted.per_page, total, shown)
        return _Body(orjson.dumps(envelope(orjson.Fragment(text), info)))

    return answer
