"""Callers already resolved, kept a few seconds so a request does not pay a lookup.

Resolving a credential costs one to three SQL statements, as much as the single-record
read the caller came for. A principal is kept for `ttl_seconds` under the SHA-256 of its
credential, never past the credential's own expiry; refusals are never kept, so a new
token works at once. Any write of this process to the tables a principal is built from
empties the cache in the same moment (`watch`); another process sees such a change when
its entry runs out, so `ttl_seconds` bounds how long a revoked credential or a changed
grant can still act on another worker. A ttl of 0 turns the cache off.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from datetime import datetime
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary, WeakSet

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import UpdateBase

from resolvers.core.permissions import Principal
from resolvers.models import ApiToken, Role, Staff, StaffPermission, table_of

# The tables whose rows a principal is built from (resolvers.core.identity).
CREDENTIAL_TABLES = frozenset(
    table_of(model).name for model in (ApiToken, Staff, Role, StaffPermission)
)


class PrincipalCache:
    def __init__(self, ttl_seconds: float, *, max_entries: int = 10_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[bytes, tuple[Principal, float]] = OrderedDict()

    @staticmethod
    def _key(credential: str) -> bytes:
        return hashlib.sha256(credential.encode()).digest()

    def get(self, credential: str) -> Principal | None:
        if not self.ttl_seconds:
            return None
        key = self._key(credential)
        entry = self._entries.get(key)
        if entry is None:
            return None
        principal, until = entry
        if until <= time.monotonic():
            del self._entries[key]
            return None
        return principal

    def put(self, credential: str, principal: Principal, expires_at: datetime | None) -> None:
        if not self.ttl_seconds:
            return
        until = time.monotonic() + self.ttl_seconds
        if expires_at is not None:
            until = min(until, time.monotonic() + (expires_at.timestamp() - time.time()))
        key = self._key(credential)
        self._entries[key] = (principal, until)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def watch(self, engine: Engine) -> None:
        """Empty this cache whenever `engine` writes to a credential table."""
        caches = _watching.get(engine)
        if caches is None:
            # One listener per engine, however many apps (and caches) share it.
            caches = _watching[engine] = WeakSet()
            event.listen(engine, "after_execute", partial(_written, caches))
        caches.add(self)


_watching: WeakKeyDictionary[Engine, WeakSet[PrincipalCache]] = WeakKeyDictionary()


def _written(caches: WeakSet[PrincipalCache], conn: Connection, statement: Any, *_: Any) -> None:
    table = getattr(statement, "table", None) if isinstance(statement, UpdateBase) else None
    if getattr(table, "name", None) in CREDENTIAL_TABLES:
        for cache in list(caches):
            cache.clear()
