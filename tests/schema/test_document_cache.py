"""schema.document_cache: once per document object, never across objects."""

from __future__ import annotations

from graphql import DocumentNode, parse

from schema.document_cache import PerDocument


def test_a_result_is_computed_once_per_document_and_key_objects() -> None:
    seen: list[tuple[DocumentNode, object]] = []

    def compute(document: DocumentNode, other: object) -> int:
        seen.append((document, other))
        return len(seen)

    cache = PerDocument(compute, maxsize=2)
    first, twin, limits, other_limits = parse("{ a }"), parse("{ a }"), object(), object()

    assert [cache(first, limits), cache(first, limits)] == [1, 1]
    # Equal but distinct objects are other keys: identity is the key, never equality.
    assert cache(twin, limits) == 2
    assert cache(first, other_limits) == 3
    # Only the two most recently used entries stay: the first one was dropped.
    assert cache(twin, limits) == 2
    assert cache(first, limits) == 4
