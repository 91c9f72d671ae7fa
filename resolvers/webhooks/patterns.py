"""Which events a webhook wants: exact names ("invoice.paid"), a resource's events
("invoice.*") or everything ("*")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from resolvers.core.errors import Invalid

MAX_PATTERNS = 50
# A resource and an action, as events.record names them; either side may be "*" only
# as the whole action or the whole pattern.
_PATTERN = re.compile(r"^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$")
# What `normalise` takes of one pattern as sent, for the OpenAPI document (ECMA-262, no
# flags): any case, and around it what str.strip() removes (Python's whitespace, which
# is not ECMA's \\s).
SPACE = r"[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
PATTERN_TEXT = rf"^{SPACE}*(\*|[a-zA-Z][a-zA-Z0-9_]*\.(\*|[a-zA-Z][a-zA-Z0-9_]*)){SPACE}*$"


def normalise(patterns: Iterable[str]) -> list[str]:
    """Validated, lower-cased patterns, each once, in the order given."""
    found: list[str] = []
    for n, raw in enumerate(patterns):
        pattern = raw.strip().lower()
        if not _PATTERN.match(pattern):
            raise Invalid.field(
                f"events.{n}",
                f"{raw!r} is not an event name: use resource.action, resource.* or *",
            )
        if pattern not in found:
            found.append(pattern)
    if not found:
        raise Invalid.field("events", "name at least one event (or * for every event)")
    if len(found) > MAX_PATTERNS:
        raise Invalid.field("events", f"at most {MAX_PATTERNS} patterns")
    return found


def split(stored: str) -> list[str]:
    return [p for p in (part.strip() for part in stored.split(",")) if p]


def matches(patterns: Iterable[str], event_type: str) -> bool:
    resource = event_type.split(".", 1)[0]
    for pattern in patterns:
        if pattern in ("*", event_type) or pattern == f"{resource}.*":
            return True
    return False
