"""What the webhook rows of tech9 and v2 share: the registration body and the record as
both show it (v2 adds `updated_at`)."""

from __future__ import annotations

from typing import TypedDict

from resolvers.core.context import Row
from resolvers.webhooks import WebhookCreate
from resolvers.webhooks.patterns import PATTERN_TEXT, split
from rest_compat.envelopes import iso_time
from rest_compat.renames import FieldMap


def webhook_in(example: str, wildcard: str) -> FieldMap:
    """The registration body; `example` and `wildcard` are the events the dialect's notes
    name."""
    return FieldMap(
        fields={},
        model=WebhookCreate,
        required=("url", "events"),
        schema={"events": {"type": "array", "minItems": 1,
                           "items": {"type": "string", "pattern": PATTERN_TEXT},
                           "description": f'Event names or wildcards: "{example}", '
                           f'"{wildcard}"'}},
    )  # fmt: skip


class Webhook(TypedDict):
    """Each dialect names its own subclass: the OpenAPI schema is named by its module."""

    id: int
    url: str
    events: list[str]
    active: bool
    created_at: str


def webhook_fields(row: Row) -> Webhook:
    return {
        "id": row["id"],
        "url": row["url"],
        "events": split(row["events"]),
        "active": row["active"],
        "created_at": iso_time(row["created_at"]),
    }
