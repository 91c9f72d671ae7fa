"""Hourly quotas: the numbers behind X-RateLimit-*, an interface and an in-process store.

Windows are fixed clock hours (epoch seconds divisible by 3600), so every process and the
Redis store agree on when a window starts and `reset` is the same for every caller.
A charge that does not fit is refused whole and takes nothing: a caller over its limit
keeps seeing `remaining == 0` and is not pushed further into the next window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

DEFAULT_PER_HOUR = 1000
WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int  # after this charge, never below zero
    reset: int  # epoch seconds when the window starts again
    exceeded: bool = False  # this charge did not fit and took nothing

    def retry_after(self, now: float | None = None) -> int:
        current = time.time() if now is None else now
        return max(int(self.reset - current), 1)

    @property
    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.remaining, 0)),
            "X-RateLimit-Reset": str(self.reset),
        }


class Limiter(Protocol):
    async def hit(self, key: str, limit: int, cost: int = 1) -> Quota:
        """Take `cost` from `key`'s budget of `limit` for this hour, if it fits."""
        ...

    async def peek(self, key: str, limit: int) -> Quota:
        """The budget left without taking any."""
        ...

    async def close(self) -> None: ...


def window_start(now: float) -> int:
    second = int(now)
    return second - second % WINDOW_SECONDS


class MemoryLimiter:
    """Fixed hourly windows per key, in this process only (one worker)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[int, int]] = {}

    async def hit(self, key: str, limit: int, cost: int = 1) -> Quota:
        # No lock: nothing here awaits, so no other request runs between the read and
        # the write on the loop's thread.
        start = window_start(self._clock())
        used = self._used(key, start)
        fits = used + cost <= limit
        if fits:
            used += cost
            self._windows[key] = (start, used)
        if len(self._windows) > 100_000:
            self._forget(start)
        return Quota(limit, limit - used, start + WINDOW_SECONDS, exceeded=not fits)

    async def peek(self, key: str, limit: int) -> Quota:
        start = window_start(self._clock())
        return Quota(limit, limit - self._used(key, start), start + WINDOW_SECONDS)

    async def close(self) -> None:
        self._windows.clear()

    def _used(self, key: str, start: int) -> int:
        window, used = self._windows.get(key, (start, 0))
        return used if window == start else 0

    def _forget(self, current: int) -> None:
        for key in [k for k, (w, _) in self._windows.items() if w != current]:
            del self._windows[key]
