"""The quota stores: the in-process one and Redis, which must agree and be exact."""

from __future__ import annotations

import asyncio

from gateway.limits import on_rejection, record_rejection, rejections
from gateway.limits.redis_store import RedisLimiter
from gateway.limits.stack import limiter_for
from gateway.limits.store import Limiter, MemoryLimiter
from gateway.settings import Settings


async def counts_per_key_and_resets_each_hour(limiter: Limiter, now: list[float]) -> None:
    first = await limiter.hit("a", 2)
    await limiter.hit("a", 2)
    third = await limiter.hit("a", 2)
    other = await limiter.hit("b", 2)
    now[0] += 3600
    later = await limiter.hit("a", 2)

    assert (first.remaining, first.exceeded) == (1, False)
    assert (third.remaining, third.exceeded) == (0, True)
    assert (other.remaining, later.remaining) == (1, 1)
    assert first.reset == 10800 and later.reset == 14400
    assert first.headers == {
        "X-RateLimit-Limit": "2",
        "X-RateLimit-Remaining": "1",
        "X-RateLimit-Reset": "10800",
    }


async def a_cost_that_does_not_fit_takes_nothing(limiter: Limiter) -> None:
    taken = await limiter.hit("cost", 10, cost=7)
    refused = await limiter.hit("cost", 10, cost=4)
    fits = await limiter.hit("cost", 10, cost=3)
    left = await limiter.peek("cost", 10)

    assert (taken.remaining, refused.exceeded, refused.remaining) == (3, True, 3)
    assert (fits.exceeded, fits.remaining, left.remaining) == (False, 0, 0)


async def test_the_memory_limiter_counts_per_key_and_resets_each_hour() -> None:
    now = [7200.0]
    await counts_per_key_and_resets_each_hour(MemoryLimiter(clock=lambda: now[0]), now)


async def test_the_memory_limiter_refuses_a_charge_whole() -> None:
    await a_cost_that_does_not_fit_takes_nothing(MemoryLimiter())


async def test_the_redis_limiter_counts_per_key_and_resets_each_hour(
    redis_url: str, redis_prefix: str
) -> None:
    now = [7200.0]
    limiter = RedisLimiter.from_url(redis_url, prefix=redis_prefix, clock=lambda: now[0])
    try:
        await counts_per_key_and_resets_each_hour(limiter, now)
    finally:
        await limiter.close()


async def test_the_redis_limiter_refuses_a_charge_whole(redis_limiter: RedisLimiter) -> None:
    await a_cost_that_does_not_fit_takes_nothing(redis_limiter)


async def test_redis_counts_are_exact_under_concurrent_clients(
    redis_url: str, redis_prefix: str
) -> None:
    # Given four clients (as four workers would have) racing for a budget of 30
    workers = [RedisLimiter.from_url(redis_url, prefix=redis_prefix) for _ in range(4)]
    try:
        # When they charge 100 requests at once
        quotas = await asyncio.gather(*(workers[i % 4].hit("shared", 30) for i in range(100)))
    finally:
        for worker in workers:
            await worker.close()

    # Then exactly 30 got through and every remaining count from 29 to 0 was seen once
    allowed = [q for q in quotas if not q.exceeded]
    assert len(allowed) == 30
    assert sorted(q.remaining for q in allowed) == list(range(30))


async def test_redis_windows_expire(redis_limiter: RedisLimiter, redis_prefix: str) -> None:
    await redis_limiter.hit("ttl", 5)

    keys = await redis_limiter.client.keys(f"{redis_prefix}*")
    ttl = await redis_limiter.client.ttl(keys[0])

    assert len(keys) == 1 and 0 < ttl <= 3600 + 60


async def test_the_store_is_redis_only_when_a_url_is_set(redis_url: str) -> None:
    shared = limiter_for(Settings(redis_url=redis_url))
    local = limiter_for(Settings())
    try:
        assert isinstance(shared, RedisLimiter) and isinstance(local, MemoryLimiter)
    finally:
        await shared.close()


def test_rejections_are_counted_by_kind_and_reported_to_listeners() -> None:
    seen: list[str] = []
    before = rejections()
    stop = on_rejection(seen.append)
    try:
        record_rejection("rate")
        record_rejection("depth")
    finally:
        stop()
    record_rejection("rate")

    after = rejections()
    assert seen == ["rate", "depth"]
    assert after["rate"] - before["rate"] == 2 and after["depth"] - before["depth"] == 1
    assert after["timeout"] == before["timeout"]
