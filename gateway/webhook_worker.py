"""The webhook worker: fans the event log out into deliveries and sends them.

It runs inside the app (started by the lifespan when CRM_WEBHOOK_WORKER is on) or alone
as `crm-gateway webhooks deliver`; any number may run at once against one database.

    worker = WebhookWorker(db, webhook_config(settings))
    await worker.start()           # returns at once; the worker runs in the background
    ...
    await worker.stop(grace_seconds=10)

`stop` claims nothing more, lets in-flight deliveries finish for up to `grace_seconds`,
then cancels the rest and hands them back (due at once, the attempt not counted), so
whatever was not sent stays in the outbox for the next worker. It is idempotent.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections import Counter
from contextlib import suppress

import httpx

from gateway import metrics, tracing
from gateway.database import Database as Engines
from gateway.settings import Settings, grouped
from resolvers import webhooks
from resolvers.core.context import Database
from resolvers.webhooks import Claimed, Dispatcher, WebhookConfig, pinning, sealing

log = logging.getLogger("gateway.webhooks")

DEFAULT_GRACE_SECONDS = 10.0


def webhook_config(settings: Settings) -> WebhookConfig:
    return grouped(
        settings, WebhookConfig, "webhook_", sealing_key=sealing.derive_key(settings.secret_key)
    )


class WebhookWorker:
    def __init__(
        self,
        db: Database,
        config: WebhookConfig | None = None,
        *,
        concurrency: int = 8,
        poll_seconds: float = 0.5,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.db = db
        self.config = config or webhooks.current()
        self.concurrency = max(concurrency, 1)
        self.poll_seconds = poll_seconds
        self.dispatcher = Dispatcher(db, settle_seconds=self.config.settle_seconds)
        # Outcomes this process recorded: delivered, failed, dead (for metrics).
        self.outcomes: Counter[str] = Counter()
        self._client = client
        self._owns_client = client is None
        self._inflight: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._loop: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._loop is not None and not self._loop.done()

    @property
    def in_flight(self) -> int:
        return len(self._inflight)

    async def start(self) -> None:
        if self.running:
            return
        self._stopping.clear()
        self._loop = asyncio.create_task(self._run(), name="webhook-worker")

    async def stop(self, grace_seconds: float = DEFAULT_GRACE_SECONDS) -> None:
        self._stopping.set()
        self._wake.set()
        if self._loop is not None:
            await self._loop
        if self._inflight:
            _, late = await asyncio.wait(set(self._inflight), timeout=max(grace_seconds, 0))
            for task in late:
                task.cancel()
            if late:
                log.info("webhook worker stopping: %d deliveries handed back", len(late))
                await asyncio.gather(*late, return_exceptions=True)
        await self._close_client()

    async def run_once(self) -> int:
        """One pass, waited for: fan out, claim what is due, send it all. Answers how
        many deliveries were sent (tests and one-shot runs)."""
        await self.dispatcher.run_once()
        claimed = await webhooks.claim(self.db, self.concurrency, self.config)
        tasks = [self._spawn(c) for c in claimed]
        await asyncio.gather(*tasks)
        return len(claimed)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            room = self.concurrency - len(self._inflight)
            claimed: list[Claimed] = []
            try:
                await self.dispatcher.run_once()
                if room > 0:
                    claimed = await webhooks.claim(self.db, room, self.config)
            except Exception:  # the database may be away for a moment: try again later
                log.exception("webhook worker pass failed")
            for delivery in claimed:
                self._spawn(delivery)
            if claimed and len(claimed) == room:
                continue
            self._wake.clear()
            # Not wait_for: on 3.11 it swallows a stop's cancel that arrives with a wake.
            with suppress(TimeoutError):  # nothing woke it: poll on schedule
                async with asyncio.timeout(self.poll_seconds):
                    await self._wake.wait()

    def _spawn(self, claimed: Claimed) -> asyncio.Task[None]:
        task = asyncio.create_task(self._deliver(claimed), name=f"webhook-delivery-{claimed.id}")
        self._inflight.add(task)
        return task

    async def _deliver(self, claimed: Claimed) -> None:
        try:
            attributes = {"url.full": claimed.url, "crm.event": claimed.event_type}
            with tracing.span("webhook deliver", attributes):
                status = await webhooks.deliver(self.db, self._http(), claimed, self.config)
            if status:
                self.outcomes[status] += 1
                metrics.count_webhook_delivery(status)
        except asyncio.CancelledError:
            await webhooks.release(self.db, claimed)
            raise
        except Exception:  # its lease runs out and another pass retries it
            log.exception("webhook delivery %s failed", claimed.id)
        finally:
            self._inflight.discard(asyncio.current_task())  # type: ignore[arg-type]
            self._wake.set()

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            limits = httpx.Limits(max_connections=self.concurrency * 2)
            # Connects only to the addresses each delivery's check resolved.
            self._client = pinning.pinned_client(limits)
        return self._client

    async def _close_client(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None


async def run_worker(
    settings: Settings, concurrency: int, poll_seconds: float, grace_seconds: float
) -> None:
    """`crm-gateway webhooks deliver`: run until SIGTERM or SIGINT, then stop gracefully."""
    db = Engines(settings.database_url)
    config = webhooks.configure(**vars(webhook_config(settings)))
    worker = WebhookWorker(db, config, concurrency=concurrency, poll_seconds=poll_seconds)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await worker.start()
    log.info("webhook worker running (concurrency %d)", concurrency)
    try:
        await stopping.wait()
    finally:
        await worker.stop(grace_seconds)
        await db.dispose()
