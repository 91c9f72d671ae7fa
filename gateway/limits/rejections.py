"""How many requests each limit refused, for metrics: a counter and listeners.

Kinds: rate (request quota), cost (GraphQL cost budget), nodes, depth, aliases, tokens,
batch, timeout, body. Counts are per process, like any Prometheus counter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

KINDS = ("rate", "cost", "nodes", "depth", "aliases", "tokens", "batch", "timeout", "body")

Listener = Callable[[str], None]

_counts: Counter[str] = Counter()
_listeners: list[Listener] = []


def record_rejection(kind: str) -> None:
    _counts[kind] += 1
    for listener in list(_listeners):
        listener(kind)


def rejections() -> dict[str, int]:
    """Refusals by kind since the process started (every kind present, zero or not)."""
    return {kind: _counts[kind] for kind in KINDS}


def on_rejection(listener: Listener) -> Callable[[], None]:
    """Call `listener(kind)` on every refusal; returns a function that unsubscribes."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)
