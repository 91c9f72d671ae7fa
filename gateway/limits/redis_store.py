"""The shared store: quotas counted in Redis, exact across workers and machines.

One Lua script reads, compares and increments in a single atomic step, so two workers
charging the last unit of a budget at once cannot both get it. Keys carry the window's
start and expire shortly after it ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from redis.asyncio import Redis

from gateway.limits.store import WINDOW_SECONDS, Quota, window_start

# KEYS[1] the window's counter; ARGV cost, limit, ttl. Returns {used, taken (1/0)}.
CHARGE = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[2]) then
  return {used, 0}
end
used = redis.call('INCRBY', KEYS[1], cost)
if used == cost then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return {used, 1}
"""


class RedisLimiter:
    def __init__(
        self,
        client: Redis,
        *,
        prefix: str = "crm:limit:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self._clock = clock
        self._charge: Any = client.register_script(CHARGE)

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> RedisLimiter:
        return cls(Redis.from_url(url), **kwargs)

    def _key(self, key: str, start: int) -> str:
        return f"{self.prefix}{key}:{start}"

    async def hit(self, key: str, limit: int, cost: int = 1) -> Quota:
        start = window_start(self._clock())
        ttl = WINDOW_SECONDS + 60  # a little past the window, for late clocks
        used, taken = cast(
            "list[int]", await self._charge(keys=[self._key(key, start)], args=[cost, limit, ttl])
        )
        return Quota(limit, limit - int(used), start + WINDOW_SECONDS, exceeded=not taken)

    async def peek(self, key: str, limit: int) -> Quota:
        start = window_start(self._clock())
        used = await self.client.get(self._key(key, start))
        return Quota(limit, limit - int(used or 0), start + WINDOW_SECONDS)

    async def close(self) -> None:
        await self.client.aclose()
