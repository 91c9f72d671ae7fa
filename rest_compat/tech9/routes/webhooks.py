"""tech9's webhooks: `POST /api/webhooks` as documented (201 with the id, plus the
signing secret, shown once); listing and deleting (`GET /api/webhooks`,
`DELETE /api/webhooks/{id}` answering 204, as its notes do) are this gateway's own."""

from __future__ import annotations

import asyncio
from typing import TypedDict

from starlette.responses import Response

from resolvers import webhooks
from resolvers.core.context import Row
from resolvers.core.pagination import Page, PageArgs
from resolvers.webhooks import CreatedWebhook, WebhookCreate
from resolvers.webhooks.patterns import split
from rest_compat.envelopes import iso_time, reply
from rest_compat.readers import body, path_id
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import INTEGER, STRING, obj, replies, shape_schema
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.routes.common import PAGING, deleted, page, page_of, paginated

WEBHOOK_IN = FieldMap(
    fields={},
    model=WebhookCreate,
    required=("url", "events"),
    schema={"events": {"type": "array", "items": {"type": "string"},
                       "description": 'Event names or wildcards: "lead.created", "invoice.*"'}},
)  # fmt: skip


class Webhook(TypedDict):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: str


async def webhook(row: Row) -> Webhook:
    return {
        "id": row["id"],
        "url": row["url"],
        "events": split(row["events"]),
        "active": row["active"],
        "created_at": iso_time(row["created_at"]),
    }


@replies(obj(id=INTEGER, secret=STRING))
async def registered(call: Call, result: CreatedWebhook) -> Response:
    return reply({"id": result["id"], "secret": result.secret}, 201)


async def webhook_page(call: Call) -> Args:
    asked = page_of(call)
    return (PageArgs(first=asked.per_page, offset=asked.offset),), {}


@replies(page(shape_schema(webhook)))
async def webhook_list(call: Call, result: Page) -> Response:
    data = await asyncio.gather(*(webhook(r) for r in result.rows))
    return paginated(call, data, result.total)


ROUTES = [
    R("POST", "/api/webhooks", webhooks.create_webhook, body(), registered,
      "Receive callbacks when events occur.", fields=WEBHOOK_IN, status=201),
    R("GET", "/api/webhooks", webhooks.list_webhooks, webhook_page, webhook_list,
      "List webhooks (not in the document)", query=PAGING),
    R("DELETE", "/api/webhooks/{id}", webhooks.delete_webhook, path_id(), deleted,
      "Delete a webhook (not in the document)", status=204, label="Webhook"),
]  # fmt: skip
