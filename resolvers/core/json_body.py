"""JSON text a client sent: one reader for every body (GraphQL over HTTP and WebSocket,
persisted query variables, multipart operations, the REST dialects).

Stricter than RFC 8259 allows a parser to be, on purpose: a key given twice is refused
rather than letting the last one win silently (two readers of one body would disagree
on what it says), and nesting past MAX_DEPTH is refused before anything recurses on it
(a 100,000-deep array used to exhaust the stack of whoever walked it next).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Deeper than any document or filter the API takes (GraphQL queries stop at 12 levels),
# far below where the stdlib's parser or graphql-core's coercion would recurse too deep.
MAX_DEPTH = 64


class RefusedJson(json.JSONDecodeError):
    """Well-formed JSON the API still refuses (a repeated key, too deep); `msg` says why."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg, "", 0)


def loads(text: str | bytes) -> Any:
    """The value of `text`; json.JSONDecodeError (orjson's, or RefusedJson) otherwise."""
    # orjson first: fast, exact about syntax, and it stops at 1,024 levels without
    # recursing on the C stack. The checks below walk only what it accepted.
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if exc.msg.startswith("depth limit"):
            raise RefusedJson(f"nested more than {MAX_DEPTH} levels deep") from None
        raise
    if isinstance(value, dict | list):
        _check_depth(value)
        if _has_objects(value):
            json.loads(text, object_pairs_hook=_unique_keys)
    return value


def _check_depth(value: dict[str, Any] | list[Any]) -> None:
    level: list[Any] = [value]
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise RefusedJson(f"nested more than {MAX_DEPTH} levels deep")
        below: list[Any] = []
        for item in level:
            children = item.values() if isinstance(item, dict) else item
            below.extend(c for c in children if isinstance(c, dict | list))
        level = below
        depth += 1


def _has_objects(value: dict[str, Any] | list[Any]) -> bool:
    if isinstance(value, dict):
        return True
    stack: list[Any] = list(value)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            return True
        if isinstance(item, list):
            stack.extend(item)
    return False


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RefusedJson(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return value
