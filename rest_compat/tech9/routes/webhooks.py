"""tech9's webhooks: `POST /api/webhooks` as documented (201 with the id, plus the
signing secret, shown once); listing and deleting (`GET /api/webhooks`,
`DELETE /api/webhooks/{id}` answering 204, as its notes do) are this gateway's own."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import webhooks
from resolvers.core.context import Ctx, Row
from resolvers.webhooks import CreatedWebhook
from rest_compat.envelopes import reply
from rest_compat.readers import body, path_id
from rest_compat.reply_schemas import INTEGER, STRING, obj, replies
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.routes.common import PAGING, deleted, listed, page_of
from rest_compat.webhooks import Webhook as SharedWebhook
from rest_compat.webhooks import webhook_fields, webhook_in

WEBHOOK_IN = webhook_in("lead.created", "invoice.*")


class Webhook(SharedWebhook):
    """tech9's webhook: the shared fields."""


async def webhook(ctx: Ctx, row: Row) -> Webhook:
    return webhook_fields(row)


@replies(obj(id=INTEGER, secret=STRING))
async def registered(call: Call, result: CreatedWebhook) -> Response:
    return reply({"id": result["id"], "secret": result.secret}, 201)


async def webhook_page(call: Call) -> Args:
    return (page_of(call).args,), {}


ROUTES = [
    R("POST", "/api/webhooks", webhooks.create_webhook, body(), registered,
      "Receive callbacks when events occur.", fields=WEBHOOK_IN, status=201),
    R("GET", "/api/webhooks", webhooks.list_webhooks, webhook_page, listed(webhook),
      "List webhooks (not in the document)", query=PAGING),
    R("DELETE", "/api/webhooks/{id}", webhooks.delete_webhook, path_id(), deleted,
      "Delete a webhook (not in the document)", status=204, label="Webhook"),
]  # fmt: skip
