"""GraphiQL, as a frontend developer opens it on `make serve`: the gateway's own page in
Debian's headless Chromium, every request to a host other than the gateway's failed (and
none may be attempted). A query runs and shows its data; a subscription runs and shows
the change a write over HTTP makes while it is open."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.gateway.test_graphiql_browser import (
    DevTools,
    chromium_page,
    customer_written_over_http,
    graphql,
    open_graphiql,
    open_tab,
    response_with,
    run,
    subscription_started,
    until_shown,
)
from tests.security.conftest import Live

pytestmark = pytest.mark.server


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[DevTools]:
    async with chromium_page(tmp_path / "chromium-profile") as devtools:
        yield devtools


async def test_graphiql_runs_a_query_and_a_subscription_offline(
    live: Live, browser: DevTools
) -> None:
    # given GraphiQL opened with the token `make serve` printed
    await open_graphiql(browser, live.base, live.token)

    # when the default query runs, its data is on screen
    expected = graphql(live, "{ customers(first: 1) { nodes { company } } }")
    company = expected["data"]["customers"]["nodes"][0]["company"]
    await run(browser)
    reply = await response_with(browser, company, "reply to the default query")
    assert "errors" not in reply, f"GraphiQL: {reply}"
    assert reply["data"]["customers"]["edges"][0]["node"]["company"] == company

    # when the saved subscription runs and a customer is written over HTTP meanwhile
    await open_tab(browser, "RecordChanged")
    await run(browser)
    await subscription_started(browser)
    event = await until_shown(
        browser, customer_written_over_http(live, "GraphiQL Subscriber"), "customer change"
    )

    # then GraphiQL shows the change, the new record in it
    change = event["data"]["recordChanged"]
    assert change["type"] == "customer.created", f"GraphiQL: {event}"
    assert change["record"]["company"].startswith("GraphiQL Subscriber"), f"GraphiQL: {event}"

    # and nothing but the gateway was asked for anything
    browser.assert_offline_but_for(live.base)
