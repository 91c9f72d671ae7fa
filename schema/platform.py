"""The query and mutation roots of what surrounds the records: webhooks, the change feed,
documents; schema/__init__.py merges them."""

from __future__ import annotations

from schema.custom_tables.mutations import CustomTableMutation
from schema.custom_tables.queries import CustomTableQuery
from schema.live.queries import ChangeQuery
from schema.live.subscriptions import LiveSubscription
from schema.webhooks.mutations import WebhookMutation, WebhookWrites
from schema.webhooks.queries import WebhookQuery

QUERIES: tuple[type, ...] = (ChangeQuery, WebhookQuery, CustomTableQuery)
SUBSCRIPTIONS: tuple[type, ...] = (LiveSubscription,)
MUTATIONS: tuple[type, ...] = (WebhookMutation, WebhookWrites, CustomTableMutation)
