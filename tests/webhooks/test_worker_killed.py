"""At-least-once across a crash: `crm-gateway webhooks deliver` as a real process, killed
with SIGKILL while deliveries are in flight to a slow receiver, then a fresh worker.
Every event arrives, signed; the repeats carry the same delivery id, so a receiver can
drop them. Runs on the test database (SQLite file, or PostgreSQL under
CRM_TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.webhooks import WebhookConfig, sealing
from tests.factories import make_customer
from tests.webhooks.receiver import Receiver, receiver

BIN = Path(sys.executable).parent
EVENTS = 12
APP_SECRET = "webhook-kill-test-secret-key-long-enough"
DEADLINE = 60.0


@contextmanager
def worker(database_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "CRM_DATABASE_URL": database_url,
        "CRM_SECRET_KEY": APP_SECRET,
        "CRM_WEBHOOK_ALLOW_PRIVATE": "1",
        "CRM_WEBHOOK_LEASE_SECONDS": "2",
        "CRM_WEBHOOK_BACKOFF_SECONDS": "0.2",
        "CRM_WEBHOOK_TIMEOUT_SECONDS": "5",
    }
    command = [str(BIN / "crm-gateway"), "webhooks", "deliver", "--concurrency", "3",
               "--poll-seconds", "0.1", "--grace-seconds", "5"]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=15)


async def wait_for(condition: Callable[[], object], what: str, log: Path) -> None:
    deadline = time.monotonic() + DEADLINE
    while not await _holds(condition):
        if time.monotonic() > deadline:
            output = await asyncio.to_thread(log.read_text)
            raise AssertionError(f"timed out waiting for {what}; worker log:\n{output}")
        await asyncio.sleep(0.05)


async def _holds(condition: Callable[[], object]) -> bool:
    result = condition()
    if asyncio.iscoroutine(result):
        result = await result
    return bool(result)


def record_ids(hook: Receiver, secret: str) -> list[int]:
    return [r.payload["record_id"] for r in hook.snapshot() if r.verified(secret)]


async def test_every_event_arrives_at_least_once_across_a_killed_worker(
    ctx: Ctx, config: WebhookConfig, database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    # Sealed here as the worker process, with the same CRM_SECRET_KEY, will unseal it.
    webhooks.configure(sealing_key=sealing.derive_key(APP_SECRET))
    with receiver(delay=0.4) as hook:
        created = await webhooks.create_webhook(
            ctx, {"url": hook.url, "events": ["customer.created"]}
        )
        customers = [await make_customer(ctx, company=f"Company {n}") for n in range(EVENTS)]
        wanted = {c["id"] for c in customers}

        with worker(database_url, log) as first:
            await wait_for(lambda: len(hook.snapshot()) >= 4, "the first deliveries", log)
            # The fourth request has just arrived and the receiver sits on it: in flight.
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=15)
        before_kill = hook.snapshot()
        counts = await webhooks.delivery_counts(ctx.db)
        assert counts["delivered"] < EVENTS

        with worker(database_url, log) as second:

            async def all_delivered() -> bool:
                return (await webhooks.delivery_counts(ctx.db))["delivered"] == EVENTS

            await wait_for(all_delivered, "every delivery", log)
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=15) == 0

        received = hook.snapshot()

    assert all(r.verified(created.secret) for r in received)
    assert set(record_ids(hook, created.secret)) == wanted
    by_delivery: dict[str, set[int]] = {}
    for r in received:
        by_delivery.setdefault(r.delivery, set()).add(r.payload["record_id"])
    # De-duplicated by delivery id: one per event, each id naming one event.
    assert len(by_delivery) == EVENTS
    assert all(len(ids) == 1 for ids in by_delivery.values())
    # What was in flight when the worker died was sent again, under the same id.
    cut_off = {r.delivery for r in before_kill[-1:]}
    repeats = [r.delivery for r in received].count(next(iter(cut_off)))
    assert repeats >= 2, f"in-flight delivery {cut_off} was not retried"
    assert len(before_kill) < len(received)
