"""Request quotas behind the X-RateLimit-* headers: an interface and an in-process default.

The router asks the limiter once per request; a shared store (Redis) can replace the
in-process one by implementing `Limiter`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

DEFAULT_PER_HOUR = 1000
WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset: int  # epoch seconds when the window starts again

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    @property
    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.remaining, 0)),
            "X-RateLimit-Reset": str(self.reset),
        }


class Limiter(Protocol):
    async def hit(self, key: str, limit: int) -> Quota: ...


class MemoryLimiter:
    """Fixed hourly windows per key, in this process only."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[int, int]] = {}
        self._lock = asyncio.Lock()

    async def hit(self, key: str, limit: int) -> Quota:
        now = int(self._clock())
        start = now - now % WINDOW_SECONDS
        async with self._lock:
            window, used = self._windows.get(key, (start, 0))
            if window != start:
                window, used = start, 0
            used += 1
            self._windows[key] = (window, used)
            if len(self._windows) > 100_000:
                self._forget(start)
        return Quota(limit=limit, remaining=limit - used, reset=start + WINDOW_SECONDS)

    def _forget(self, current: int) -> None:
        for key in [k for k, (w, _) in self._windows.items() if w != current]:
            del self._windows[key]
