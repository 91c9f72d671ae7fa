"""Results computed once per parsed document, found by the document's identity.

graphql-core hashes a document by walking all of it (microseconds for a small query,
tens of them for a large one), and an lru_cache keyed on the document pays that walk on
every lookup, several times a request. Strawberry's parse cache hands out one document
object per query text, so the object's identity is as good a key and costs nothing.
Each entry keeps its key objects alive, so no id is reused while its entry exists.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from graphql import DocumentNode

T = TypeVar("T")


class PerDocument(Generic[T]):
    """`compute(document, *others)`, remembered for the same objects (the most recent
    `maxsize` of them)."""

    def __init__(self, compute: Callable[..., T], *, maxsize: int = 256) -> None:
        self.compute = compute
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], T]] = OrderedDict()

    def __call__(self, document: DocumentNode, *others: object) -> T:
        key = (id(document), *map(id, others))
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found[1]
        value = self.compute(document, *others)
        self._entries[key] = ((document, *others), value)
        if len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return value
