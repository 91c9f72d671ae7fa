"""argon2 checks run off the event loop, at most a bounded number at once: the loop keeps
ticking while they run, and a burst past the queue is refused at once."""

from __future__ import annotations

import asyncio
import time

import pytest
from argon2 import PasswordHasher

from resolvers.core import identity
from resolvers.core.errors import Unauthenticated

# At production cost whatever the suite's CRM_ARGON2_PROFILE: the bound is about slow checks.
HASH = PasswordHasher.from_parameters(identity.PASSWORD_PROFILES["RFC_9106_LOW_MEMORY"]).hash(
    "the-right-password"
)


async def test_checks_leave_the_loop_free_and_a_burst_past_the_queue_is_refused() -> None:
    room = identity.VERIFY_THREADS + identity.VERIFY_QUEUE
    lags: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        while not stop.is_set():
            started = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - started - 0.01)

    ticking = asyncio.create_task(ticker())
    started = time.monotonic()
    results = await asyncio.gather(
        *(identity.verify_off_loop(HASH, "wrong") for _ in range(room + 3)),
        return_exceptions=True,
    )
    took = time.monotonic() - started
    stop.set()
    await ticking

    refused = [r for r in results if isinstance(r, Unauthenticated)]
    assert len(refused) == 3
    assert "Too many sign-in attempts" in refused[0].message
    assert [r for r in results if not isinstance(r, Unauthenticated)] == [False] * room
    # seconds of argon2 in all, yet the loop never waited long for its turn
    assert took > 0.5
    assert max(lags) < took / 4, (max(lags), took)


async def test_the_right_password_still_verifies_and_the_count_goes_back_to_zero() -> None:
    assert await identity.verify_off_loop(HASH, "the-right-password") is True
    assert await identity.verify_off_loop("", "anything") is False
    assert identity._pending == 0


@pytest.mark.parametrize("stored", ["not-a-hash", "$argon2id$v=19$broken"])
async def test_a_damaged_hash_is_a_refusal_not_an_error(stored: str) -> None:
    assert await identity.verify_off_loop(stored, "anything") is False
