"""Where a webhook may point, and where its deliveries go: IPv6 transition prefixes and
IPv4 embeddings are judged by the IPv4 host they reach, and a delivery connects to the
address its check resolved, with the receiver's name in the Host header (no second DNS
answer, no rebinding)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gateway.webhook_worker import WebhookWorker
from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.webhooks import WebhookConfig, guard, pinning
from tests.factories import make_customer
from tests.webhooks.receiver import receiver

REFUSED = [
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:c0a8:101::1]/",  # 6to4 of 192.168.1.1
    "http://[2002:808:808::1]/",  # 6to4 of a public address: the prefix itself is refused
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://[64:ff9b:1::a00:1]/",  # local-use NAT64
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:a9fe:a9fe]/",  # IPv4-mapped 169.254.169.254
    "http://[::7f00:1]/",  # IPv4-compatible 127.0.0.1
    "http://[::a00:1]/",  # IPv4-compatible 10.0.0.1
]


@pytest.mark.parametrize("url", REFUSED)
async def test_ipv6_embeddings_and_transition_prefixes_are_refused(
    strict: WebhookConfig, url: str
) -> None:
    with pytest.raises(guard.Refused):
        await guard.check(url, allow_private=False)
    with pytest.raises(Invalid):
        await guard.check_field(url, allow_private=False)


async def test_a_public_ipv6_receiver_is_accepted(strict: WebhookConfig) -> None:
    [address] = await guard.check("https://[2606:4700:4700::1111]/hook", allow_private=False)
    assert str(address) == "2606:4700:4700::1111"


async def test_registration_refuses_a_6to4_loopback(ctx: Ctx, strict: WebhookConfig) -> None:
    with pytest.raises(Invalid) as refused:
        await webhooks.create_webhook(ctx, {"url": "http://[2002:7f00:1::]/", "events": ["*"]})
    assert "6to4" in refused.value.errors["url"]


async def test_a_delivery_connects_to_the_address_its_check_resolved(
    ctx: Ctx, config: WebhookConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name answers the checked receiver to the registration and the delivery's own
    # check, then rebinds to another host: only a second lookup would ever reach it.
    with receiver() as checked:
        port = urlsplit(checked.url).port
        assert port is not None
        with receiver(bind="127.0.0.2", port=port) as rebound:
            loop = asyncio.get_running_loop()
            real = loop.getaddrinfo
            lookups = 0

            async def dns(host: Any, *args: Any, **kwargs: Any) -> Any:
                nonlocal lookups
                if host == "rebind.test":
                    lookups += 1
                    host = "127.0.0.1" if lookups <= 2 else "127.0.0.2"
                return await real(host, *args, **kwargs)

            monkeypatch.setattr(loop, "getaddrinfo", dns)
            url = f"http://rebind.test:{port}/hook"
            created = await webhooks.create_webhook(ctx, {"url": url, "events": ["customer.*"]})
            await make_customer(ctx, company="Rebound Co")
            worker = WebhookWorker(ctx.db, config)
            sent = await worker.run_once()
            await worker.stop()

    assert sent == 1
    assert lookups == 2
    assert rebound.snapshot() == []
    [got] = checked.snapshot()
    assert got.host == f"rebind.test:{port}"
    assert got.verified(created.secret)


async def test_a_client_without_a_checked_address_does_not_connect(config: WebhookConfig) -> None:
    with receiver() as hook:
        async with pinning.pinned_client(httpx.Limits()) as client:
            with pytest.raises(httpx.ConnectError):
                await client.post(hook.url, content=b"{}")
            with pinning.pinned(hook.url, await guard.check(hook.url, allow_private=True)):
                assert (await client.post(hook.url, content=b"{}")).status_code == 200
    assert len(hook.snapshot()) == 1


def test_the_loopback_alias_is_usable() -> None:
    # The rebinding test needs a second loopback address to stand for the other host.
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
