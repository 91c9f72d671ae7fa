"""The query and mutation roots of what surrounds the records: webhooks, the change feed,
documents; schema/__init__.py merges them."""

from __future__ import annotations

QUERIES: tuple[type, ...] = ()
MUTATIONS: tuple[type, ...] = ()
