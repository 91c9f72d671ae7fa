"""Registering webhooks: patterns, the secret shown once, receivers on private networks
refused, permissions, listing and deleting."""

from __future__ import annotations

import pytest

from gateway.database import Database
from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.core.errors import Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.webhooks import WebhookConfig, guard, patterns

PUBLIC_URL = "https://93.184.215.14/hooks/crm"


@pytest.mark.parametrize(
    ("wanted", "event", "expected"),
    [
        (["invoice.paid"], "invoice.paid", True),
        (["invoice.paid"], "invoice.created", False),
        (["invoice.*"], "invoice.created", True),
        (["invoice.*"], "invoice_item.created", False),
        (["invoice.*"], "payment.received", False),
        (["*"], "ticket.replied", True),
        (["lead.created", "invoice.*"], "invoice.sent", True),
    ],
)
def test_patterns_match_names_resources_and_everything(
    wanted: list[str], event: str, expected: bool
) -> None:
    assert patterns.matches(patterns.normalise(wanted), event) is expected


@pytest.mark.parametrize("bad", ["invoice", "*.paid", "invoice.pa*", "", "in voice.paid"])
def test_malformed_patterns_are_invalid_naming_the_entry(bad: str) -> None:
    with pytest.raises(Invalid) as caught:
        patterns.normalise(["invoice.paid", bad])
    assert list(caught.value.errors) == ["events.1"]


async def test_create_answers_the_secret_once_and_reads_never_show_it(
    ctx: Ctx, strict: WebhookConfig
) -> None:
    created = await webhooks.create_webhook(
        ctx, {"url": PUBLIC_URL, "events": ["Invoice.*", "payment.received", "invoice.*"]}
    )

    assert created.secret.startswith("whsec_") and len(created.secret) > 30
    assert "secret" not in created.row
    assert created["events"] == "invoice.*,payment.received"
    read = await webhooks.get_webhook(ctx, created["id"])
    assert read is not None and "secret" not in read
    listed = await webhooks.list_webhooks(ctx, PageArgs(first=10))
    assert [r["id"] for r in listed.rows] == [created["id"]]
    assert all("secret" not in r for r in listed.rows)
    second = await webhooks.create_webhook(ctx, {"url": PUBLIC_URL, "events": ["*"]})
    assert second.secret != created.secret


async def test_missing_and_unknown_fields_are_invalid(ctx: Ctx, strict: WebhookConfig) -> None:
    with pytest.raises(Invalid) as no_events:
        await webhooks.create_webhook(ctx, {"url": PUBLIC_URL})
    with pytest.raises(Invalid) as empty:
        await webhooks.create_webhook(ctx, {"url": PUBLIC_URL, "events": []})
    with pytest.raises(Invalid) as bad_scheme:
        await webhooks.create_webhook(ctx, {"url": "ftp://93.184.215.14/x", "events": ["*"]})

    assert list(no_events.value.errors) == ["events"]
    assert list(empty.value.errors) == ["events"]
    assert list(bad_scheme.value.errors) == ["url"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://localhost:9000/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://192.168.1.10/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
    ],
)
async def test_private_and_loopback_receivers_are_refused_naming_url(
    ctx: Ctx, strict: WebhookConfig, url: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await webhooks.create_webhook(ctx, {"url": url, "events": ["*"]})

    assert list(caught.value.errors) == ["url"]
    assert "private or reserved" in caught.value.errors["url"]


async def test_the_operator_flag_allows_loopback(ctx: Ctx, config: WebhookConfig) -> None:
    created = await webhooks.create_webhook(
        ctx, {"url": "http://127.0.0.1:9/hook", "events": ["*"]}
    )

    assert created["url"] == "http://127.0.0.1:9/hook"


async def test_delivery_time_check_refuses_a_host_that_now_resolves_privately() -> None:
    # Registration passed once; DNS may change, so each send checks again.
    with pytest.raises(guard.Refused):
        await guard.check("http://localhost/hook", allow_private=False)
    await guard.check("http://localhost/hook", allow_private=True)
    await guard.check(PUBLIC_URL, allow_private=False)


async def test_delete_hides_the_webhook_and_unknown_ids_are_not_found(
    ctx: Ctx, strict: WebhookConfig
) -> None:
    created = await webhooks.create_webhook(ctx, {"url": PUBLIC_URL, "events": ["*"]})

    deleted = await webhooks.delete_webhook(ctx, created["id"])

    assert deleted["deleted_at"] is not None and "secret" not in deleted
    assert await webhooks.get_webhook(ctx, created["id"]) is None
    with pytest.raises(NotFound):
        await webhooks.delete_webhook(ctx, created["id"])


async def test_webhooks_need_their_own_grants(db: Database, strict: WebhookConfig) -> None:
    reader = Ctx(db=db, principal=Principal("token", 5, "reader", frozenset({"webhooks:get"})))

    with pytest.raises(Forbidden):
        await webhooks.create_webhook(reader, {"url": PUBLIC_URL, "events": ["*"]})
    page = await webhooks.list_webhooks(reader, PageArgs(first=5))
    assert page.rows == []
    with pytest.raises(Forbidden):
        await webhooks.list_webhook_deliveries(
            Ctx(db=db, principal=Principal("token", 6, "c", frozenset({"customers:get"}))),
            PageArgs(first=5),
        )


async def test_delivery_status_filter_is_checked(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as caught:
        await webhooks.list_webhook_deliveries(ctx, PageArgs(first=5), status="lost")

    assert list(caught.value.errors) == ["status"]
