"""Sending deliveries to a real receiver on 127.0.0.1: fan-out, signatures, retries with
backoff, the dead letter and its replay, graceful stop."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from gateway.database import Database
from gateway.webhook_worker import WebhookWorker
from resolvers import webhooks
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from resolvers.models.types import utcnow
from resolvers.webhooks import Dispatcher, WebhookConfig
from resolvers.webhooks.resource import deliveries
from tests.factories import make_customer
from tests.webhooks.receiver import Receiver, receiver


async def all_deliveries(db: Database) -> list[Row]:
    async with db.read() as conn:
        query = select(deliveries).order_by(deliveries.c.id)
        return [r._mapping for r in await conn.execute(query)]


async def make_due(db: Database) -> None:
    """Skip the backoff wait: every waiting delivery is due now."""
    async with db.write() as conn:
        await conn.execute(
            update(deliveries)
            .where(deliveries.c.status.in_(("pending", "failed")))
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


async def arrived(hook: Receiver, count: int) -> None:
    """Wait (at most 10s) until the receiver has `count` requests."""
    async with asyncio.timeout(10):
        while len(hook.snapshot()) < count:  # noqa: ASYNC110 - the receiver is a thread
            await asyncio.sleep(0.02)


async def test_events_fan_out_once_per_matching_webhook(ctx: Ctx, config: WebhookConfig) -> None:
    invoices = await webhooks.create_webhook(
        ctx, {"url": "http://127.0.0.1:9/a", "events": ["invoice.*"]}
    )
    customers = await webhooks.create_webhook(
        ctx, {"url": "http://127.0.0.1:9/b", "events": ["customer.created"]}
    )
    everything = await webhooks.create_webhook(
        ctx, {"url": "http://127.0.0.1:9/c", "events": ["*"]}
    )
    customer = await make_customer(ctx)
    await make_customer(ctx, company="Second")

    created = await Dispatcher(ctx.db).run_once()
    again = await Dispatcher(ctx.db).run_once()  # a restarted dispatcher rescans

    rows = await all_deliveries(ctx.db)
    by_hook: dict[int, int] = {}
    for row in rows:
        by_hook[row["webhook_id"]] = by_hook.get(row["webhook_id"], 0) + 1
    # "*" is everything, its own webhook.created included (a first ping).
    assert created == 5 and again == 0
    assert by_hook == {customers["id"]: 2, everything["id"]: 3}
    assert invoices["id"] not in by_hook
    assert {r["status"] for r in rows} == {"pending"}
    assert customer["id"] > 0


async def test_events_before_a_webhook_existed_are_not_sent_to_it(
    ctx: Ctx, config: WebhookConfig
) -> None:
    await make_customer(ctx, company="Before")
    await Dispatcher(ctx.db).run_once()
    await webhooks.create_webhook(ctx, {"url": "http://127.0.0.1:9/a", "events": ["customer.*"]})
    await make_customer(ctx, company="After")

    await Dispatcher(ctx.db).run_once()

    rows = await all_deliveries(ctx.db)
    assert len(rows) == 1


async def test_a_delivery_is_signed_and_carries_its_event(ctx: Ctx, config: WebhookConfig) -> None:
    with receiver() as hook:
        created = await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        customer = await make_customer(ctx, company="Signed Co")
        worker = WebhookWorker(ctx.db, config)

        sent = await worker.run_once()
        await worker.stop()

    assert sent == 1
    [got] = hook.snapshot()
    assert got.verified(created.secret)
    assert not got.verified("whsec_someone-else")
    assert got.event == "customer.created"
    [row] = await all_deliveries(ctx.db)
    assert got.delivery == str(row["id"])
    payload = got.payload
    assert payload["id"] == row["id"] and payload["type"] == "customer.created"
    assert payload["resource"] == "customer" and payload["record_id"] == customer["id"]
    assert payload["data"] == {"company": "Signed Co"}
    assert payload["created_at"].endswith("Z")
    assert row["status"] == "delivered" and row["response_code"] == 200
    assert row["attempts"] == 1 and row["delivered_at"] is not None
    page = await webhooks.list_webhook_deliveries(ctx, PageArgs(first=5), status="delivered")
    assert [r["id"] for r in page.rows] == [row["id"]]


async def test_failures_back_off_then_die_and_a_replay_delivers(
    ctx: Ctx, config: WebhookConfig
) -> None:
    # Three failures (max_attempts=3), then the receiver recovers.
    with receiver(status=lambda n: 500 if n <= 3 else 204) as hook:
        created = await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        await make_customer(ctx)
        slow = webhooks.configure(backoff_seconds=30.0, backoff_cap_seconds=3600.0)
        worker = WebhookWorker(ctx.db, slow)
        waits = []
        for attempt in (1, 2, 3):
            sent = await worker.run_once()
            [row] = await all_deliveries(ctx.db)
            assert sent == 1 and row["attempts"] == attempt and row["response_code"] == 500
            if attempt < 3:
                assert row["status"] == "failed"
                waits.append((row["next_attempt_at"] - row["updated_at"]).total_seconds())
                assert await worker.run_once() == 0  # not due before its backoff
                await make_due(ctx.db)
        dead = row
        counts = await webhooks.delivery_counts(ctx.db)

        replayed = await webhooks.replay_webhook_delivery(ctx, dead["id"])
        assert await worker.run_once() == 1
        await worker.stop()

    assert abs(waits[0] - 30) < 0.5 and abs(waits[1] - 60) < 0.5
    assert dead["status"] == "dead" and dead["next_attempt_at"] is None
    assert dead["last_error"] == "answered 500"
    assert counts == {"pending": 0, "failed": 0, "delivered": 0, "dead": 1}
    assert replayed["status"] == "pending" and replayed["attempts"] == 0
    [final] = await all_deliveries(ctx.db)
    assert final["status"] == "delivered" and final["response_code"] == 204
    received = hook.snapshot()
    assert len(received) == 4
    assert {r.delivery for r in received} == {str(dead["id"])}
    assert all(r.verified(created.secret) for r in received)
    assert worker.outcomes == {"failed": 2, "dead": 1, "delivered": 1}


async def test_only_dead_deliveries_are_replayed(ctx: Ctx, config: WebhookConfig) -> None:
    from resolvers.core.errors import Conflict

    await webhooks.create_webhook(ctx, {"url": "http://127.0.0.1:9/x", "events": ["customer.*"]})
    await make_customer(ctx)
    await Dispatcher(ctx.db).run_once()
    [row] = await all_deliveries(ctx.db)

    try:
        await webhooks.replay_webhook_delivery(ctx, row["id"])
    except Conflict as exc:
        assert exc.field == "status"
    else:
        raise AssertionError("a pending delivery was replayed")


async def test_an_unreachable_receiver_fails_with_its_error(
    ctx: Ctx, config: WebhookConfig
) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused.
    await webhooks.create_webhook(ctx, {"url": "http://127.0.0.1:9/x", "events": ["customer.*"]})
    await make_customer(ctx)
    worker = WebhookWorker(ctx.db, config)

    await worker.run_once()
    await worker.stop()

    [row] = await all_deliveries(ctx.db)
    assert row["status"] == "failed" and row["response_code"] is None
    assert "ConnectError" in row["last_error"]


async def test_a_receiver_turned_private_is_refused_at_delivery(
    ctx: Ctx, config: WebhookConfig
) -> None:
    with receiver() as hook:
        await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        await make_customer(ctx)
        strict = webhooks.configure(allow_private=False)
        worker = WebhookWorker(ctx.db, strict)

        await worker.run_once()
        await worker.stop()

    assert hook.snapshot() == []
    [row] = await all_deliveries(ctx.db)
    assert row["status"] == "failed" and row["last_error"].startswith("refused:")


async def test_deliveries_of_a_deleted_webhook_are_not_sent(
    ctx: Ctx, config: WebhookConfig
) -> None:
    with receiver() as hook:
        created = await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        await make_customer(ctx)
        await Dispatcher(ctx.db).run_once()
        await webhooks.delete_webhook(ctx, created["id"])
        worker = WebhookWorker(ctx.db, config)

        assert await worker.run_once() == 0
        await worker.stop()

    assert hook.snapshot() == []


async def test_stop_lets_in_flight_finish_within_grace_and_hands_back_the_rest(
    ctx: Ctx, config: WebhookConfig
) -> None:
    with receiver(delay=1.0) as hook:
        await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        for n in range(3):
            await make_customer(ctx, company=f"Slow {n}")
        worker = WebhookWorker(ctx.db, config, concurrency=3, poll_seconds=0.05)
        await worker.start()
        await arrived(hook, 3)
        assert worker.in_flight == 3

        started = time.monotonic()
        await worker.stop(grace_seconds=0.2)
        stopped_in = time.monotonic() - started

    assert stopped_in < 0.9 and not worker.running
    rows = await all_deliveries(ctx.db)
    # Handed back: due now, the unfinished attempt not counted.
    assert [(r["status"], r["attempts"]) for r in rows] == [("pending", 0)] * 3
    assert all(r["next_attempt_at"] <= utcnow() for r in rows)


async def test_stop_with_enough_grace_finishes_in_flight(ctx: Ctx, config: WebhookConfig) -> None:
    with receiver(delay=0.3) as hook:
        await webhooks.create_webhook(ctx, {"url": hook.url, "events": ["customer.*"]})
        await make_customer(ctx)
        worker = WebhookWorker(ctx.db, config, poll_seconds=0.05)
        await worker.start()
        await arrived(hook, 1)

        await worker.stop(grace_seconds=5)

    [row] = await all_deliveries(ctx.db)
    assert row["status"] == "delivered"


async def test_an_injected_client_is_used_and_left_open(ctx: Ctx, config: WebhookConfig) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202)

    await webhooks.create_webhook(ctx, {"url": "http://127.0.0.1:9/mock", "events": ["customer.*"]})
    await make_customer(ctx)
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        worker = WebhookWorker(ctx.db, config, client=client)
        await worker.run_once()
        await worker.stop()
        assert not client.is_closed

    assert len(seen) == 1 and seen[0].headers["X-CRM-Event"] == "customer.created"
