"""Writing webhooks: register (answering the signing secret once), and replay a dead
delivery; change and delete are the generated verbs."""

from __future__ import annotations

import strawberry

from resolvers import webhooks
from resolvers.webhooks import CreatedWebhook
from schema.context import Info
from schema.errors import Payload, UserError, mutate
from schema.inputs import given
from schema.verbs import verb
from schema.webhooks.types import WebhookDeliveryType, WebhookType
from schema.writes import mutations


@strawberry.input
class CreateWebhookInput:
    url: str
    events: list[str] = strawberry.field(
        description='Event names or wildcards: "invoice.paid", "invoice.*", "*".'
    )


@strawberry.input
class WebhookInput:
    url: str | None = strawberry.UNSET
    events: list[str] | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.type
class CreateWebhookPayload:
    record: WebhookType | None
    secret: str | None = strawberry.field(
        description="Signs every delivery (X-CRM-Signature); shown only here, once."
    )
    user_errors: list[UserError]


WebhookWrites = mutations(webhooks.WEBHOOKS, WebhookType, update_input=WebhookInput)


@strawberry.type
class WebhookMutation:
    @strawberry.mutation
    async def create_webhook(self, info: Info, input: CreateWebhookInput) -> CreateWebhookPayload:
        ctx = info.context.ctx

        async def write() -> CreatedWebhook:
            created = await webhooks.create_webhook(ctx, given(input))
            assert isinstance(created, CreatedWebhook)
            return created

        done: Payload[CreatedWebhook] = await mutate(write, lambda created: created)
        created = done.record
        return CreateWebhookPayload(
            record=WebhookType.from_row(created.row) if created else None,
            secret=created.secret if created else None,
            user_errors=done.user_errors,
        )

    replay_webhook_delivery = verb(webhooks.replay_webhook_delivery, WebhookDeliveryType)
