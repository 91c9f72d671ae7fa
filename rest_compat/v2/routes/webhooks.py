"""v2's webhooks: "Register Webhook" as documented; listing and deleting them (GET and
DELETE on the same path, in v2's envelope) are this gateway's own additions."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import webhooks
from resolvers.core.context import Ctx, Row
from resolvers.webhooks import CreatedWebhook
from rest_compat.envelopes import iso_time, reply
from rest_compat.readers import body, path_id
from rest_compat.reply_schemas import BOOLEAN, INTEGER, STRING, obj, replies, schema_of
from rest_compat.routing import Call
from rest_compat.routing import Endpoint as R
from rest_compat.v2.routes.common import list_row, one
from rest_compat.webhooks import Webhook as SharedWebhook
from rest_compat.webhooks import webhook_fields, webhook_in

WEBHOOK_IN = webhook_in("invoice.paid", "invoice.*")


class Webhook(SharedWebhook):
    updated_at: str


class Registered(Webhook):
    secret: str


async def webhook(ctx: Ctx, row: Row) -> Webhook:
    return {**webhook_fields(row), "updated_at": iso_time(row["updated_at"])}


@replies(one(schema_of(Registered)))
async def registered(call: Call, result: CreatedWebhook) -> Response:
    # The signing secret is shown here, once; no later read shows it.
    data = Registered(**await webhook(call.ctx, result.row), secret=result.secret)
    return reply({"success": True, "data": data}, 201)


@replies(obj(success=BOOLEAN, data=obj(id=INTEGER), message=STRING))
async def deleted(call: Call, result: Row) -> Response:
    return reply({"success": True, "data": {"id": result["id"]}, "message": "Webhook deleted"})


ROUTES = [
    R("POST", "/api/v2/webhooks", webhooks.create_webhook, body(), registered,
      "Register Webhook", fields=WEBHOOK_IN, status=201),
    list_row("/api/v2/webhooks", webhooks.list_webhooks, webhook,
             "List Webhooks (not in the document)"),
    R("DELETE", "/api/v2/webhooks/{id}", webhooks.delete_webhook, path_id(), deleted,
      "Delete Webhook (not in the document)", label="Webhook"),
]  # fmt: skip
