"""Automatic persisted queries, as Apollo Client sends them.

A client first sends only `extensions.persistedQuery {version: 1, sha256Hash}`; when the
hash is unknown it is told `PersistedQueryNotFound` and retries with the query, which is
checked against the hash and kept. The store sits behind `QueryStore` so a shared one
(Redis) can replace the in-process LRU without touching the view.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Protocol

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
BAD_REQUEST = "BAD_REQUEST"


class QueryStore(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, query: str) -> None: ...


class LruQueryStore:
    """Bounded in count and in the size of what it keeps, so a client sending many or
    huge documents cannot grow the process: it only evicts the least recently used."""

    def __init__(self, maxsize: int = 1000, max_query_length: int = 100_000) -> None:
        self.maxsize = maxsize
        self.max_query_length = max_query_length
        self._queries: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._queries)

    async def get(self, sha256: str) -> str | None:
        query = self._queries.get(sha256)
        if query is not None:
            self._queries.move_to_end(sha256)
        return query

    async def put(self, sha256: str, query: str) -> None:
        if len(query) > self.max_query_length:
            return
        self._queries[sha256] = query
        self._queries.move_to_end(sha256)
        while len(self._queries) > self.maxsize:
            self._queries.popitem(last=False)


class PersistedQueryError(Exception):
    """A request error: answered as a GraphQL error with this code, nothing executed."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def _requested_hash(extensions: Mapping[str, Any] | None) -> str | None:
    if not extensions or extensions.get("persistedQuery") is None:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, Mapping):
        raise PersistedQueryError("extensions.persistedQuery must be an object", BAD_REQUEST)
    if persisted.get("version") != 1:
        raise PersistedQueryError("Unsupported persisted query version", BAD_REQUEST)
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not sha256:
        raise PersistedQueryError(
            "extensions.persistedQuery.sha256Hash must be a non-empty string", BAD_REQUEST
        )
    return sha256.lower()


async def resolve_query(
    store: QueryStore, query: str | None, extensions: Mapping[str, Any] | None
) -> str | None:
    """The document to execute: the one sent, or the stored one its hash names."""
    sha256 = _requested_hash(extensions)
    if sha256 is None:
        return query
    if query is None:
        stored = await store.get(sha256)
        if stored is None:
            raise PersistedQueryError("PersistedQueryNotFound", NOT_FOUND)
        return stored
    if sha256_of(query) != sha256:
        raise PersistedQueryError(
            "The persisted query's sha256Hash does not match the query", HASH_MISMATCH
        )
    await store.put(sha256, query)
    return query
