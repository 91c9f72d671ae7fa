"""GraphiQL in a real browser: a `crm-gateway serve --demo` process on 127.0.0.1 (on the
engine the suite runs on: tests/security's `live`) and Debian's headless Chromium driven
over the DevTools protocol, with every request to a host other than the gateway's failed
and recorded.

tests/clients/test_graphiql.py reuses the machinery here for the client suite's check."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from graphql import OperationDefinitionNode, parse
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from gateway.graphiql import EXAMPLES, Example
from tests.security.conftest import Live, live  # noqa: F401

pytestmark = pytest.mark.server

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Every wait in a browser is bounded by this, in seconds.
WAIT = 30.0
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    # Belt and braces under the DevTools interception: whatever Chromium itself would
    # send elsewhere (WebSockets included, which the Fetch domain does not see) goes to
    # a proxy that is not there, and no name but localhost resolves. Loopback bypasses
    # proxies by default.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def chromium() -> str:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    if Path(found).exists():
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI: .ci/run installs it with apt")
    pytest.skip("chromium is not installed (apt-get install chromium); CI always runs this test")


# -- the gateway: tests/security's `live`, a `make serve` process on the suite's engine --


@pytest.fixture(scope="module")
def gateway(live: Live) -> Live:  # noqa: F811 (the fixture imported above)
    return live


def graphql(gateway: Live, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """A GraphQL request over HTTP, as any other client would make it: the whole reply."""
    response = httpx.post(
        f"{gateway.base}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {gateway.token}"},
        timeout=WAIT,
    )
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


# -- the browser ------------------------------------------------------------------------


@dataclass
class DevTools:
    """Just enough of the Chrome DevTools protocol: commands, the events seen, and a
    network where only loopback answers. One task reads the socket, so paused requests
    are answered while a test waits on something else."""

    ws: ClientConnection
    events: list[dict[str, Any]] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    last_id: int = 0
    replies: dict[int, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def read(self) -> None:
        with suppress(ConnectionClosed):
            async for raw in self.ws:
                message = json.loads(raw)
                if "id" in message:
                    if (reply := self.replies.pop(message["id"], None)) and not reply.done():
                        reply.set_result(message)
                    continue
                self.events.append(message)
                if message["method"] == "Fetch.requestPaused":
                    self.spawn(self.allow_loopback_only(message["params"]))

    def spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def allow_loopback_only(self, paused: dict[str, Any]) -> None:
        url = paused["request"]["url"]
        if is_local(url):
            await self.call("Fetch.continueRequest", requestId=paused["requestId"])
        else:
            self.blocked.append(url)
            await self.call(
                "Fetch.failRequest", requestId=paused["requestId"], errorReason="BlockedByClient"
            )

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        reply = asyncio.get_running_loop().create_future()
        self.replies[self.last_id] = reply
        await self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        message = await asyncio.wait_for(reply, timeout=WAIT)
        assert "error" not in message, (method, message)
        result: dict[str, Any] = message.get("result", {})
        return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    async def wait_for(self, expression: str, what: str, seconds: float = WAIT) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if value := await self.evaluate(expression):
                return value
            await asyncio.sleep(0.2)
        pytest.fail(
            f"GraphiQL in Chromium: timed out waiting for {what}; page errors: {self.page_errors()}"
        )

    def page_errors(self) -> list[dict[str, Any]]:
        return [e["params"] for e in self.events if e["method"] == "Runtime.exceptionThrown"]

    def attempted_urls(self) -> list[str]:
        """Every request and WebSocket the page opened or tried to."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ] + [e["params"]["url"] for e in self.events if e["method"] == "Network.webSocketCreated"]

    def frames_sent(self) -> list[dict[str, Any]]:
        return [
            json.loads(e["params"]["response"]["payloadData"])
            for e in self.events
            if e["method"] == "Network.webSocketFrameSent"
        ]

    def assert_offline_but_for(self, base: str) -> None:
        """Nothing but the gateway was asked for, and nothing had to be stopped."""
        assert self.blocked == []
        elsewhere = [u for u in self.attempted_urls() if not is_local(u)]
        assert elsewhere == []
        assert self.page_errors() == []
        assert f"{base}/static/graphiql/graphiql.min.js" in self.attempted_urls()

    async def screenshot(self, path: Path) -> Path:
        shot = await self.call("Page.captureScreenshot", format="png")
        png = base64.b64decode(shot["data"])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        await asyncio.to_thread(path.write_bytes, png)
        print(f"screenshot: {path}")
        return path


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK


@asynccontextmanager
async def chromium_page(profile: Path) -> AsyncIterator[DevTools]:
    """A fresh headless Chromium (its own profile: no stored tabs), its one page, with
    every request paused until checked: loopback goes on, the rest fails and is noted."""
    binary = chromium()
    process = await asyncio.create_subprocess_exec(
        binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + WAIT
        while not (active.exists() and active.read_text().strip()):
            if time.monotonic() > deadline:
                pytest.fail("chromium did not open its DevTools port")
            await asyncio.sleep(0.2)
        port = active.read_text().split()[0]
        async with httpx.AsyncClient() as client:
            targets = (await client.get(f"http://127.0.0.1:{port}/json/list", timeout=WAIT)).json()
        page = next(t for t in targets if t["type"] == "page")
        async with connect(page["webSocketDebuggerUrl"], max_size=None) as ws:
            devtools = DevTools(ws)
            reader = asyncio.ensure_future(devtools.read())
            try:
                for domain in ("Network", "Runtime", "Page"):
                    await devtools.call(f"{domain}.enable")
                await devtools.call("Fetch.enable", patterns=[{"urlPattern": "*"}])
                yield devtools
            finally:
                pending = [reader, *devtools.tasks]
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=15)


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[DevTools]:
    async with chromium_page(tmp_path / "chromium-profile") as devtools:
        yield devtools


# -- GraphiQL, as a user drives it -------------------------------------------------------

RESPONSE_TEXT = """
(() => {
  const editor = document.querySelector('.graphiql-response .CodeMirror');
  return editor ? editor.CodeMirror.getValue() : '';
})()
"""
EDITOR_TEXTS = (
    "Array.from(document.querySelectorAll('.CodeMirror')).map(e => e.CodeMirror.getValue())"
)
EXAMPLE_TITLES = [
    "CustomerWithContacts",
    "InvoicesPage",
    "LargeUnpaidInvoices",
    "CreateCustomer",
    "RecordChanged",
]
TAB_TITLES = (
    "Array.from(document.querySelectorAll('.graphiql-tab .graphiql-tab-button'))"
    ".map(b => b.textContent.trim())"
)


async def open_graphiql(browser: DevTools, base: str, token: str) -> None:
    await browser.call("Page.navigate", url=f"{base}/graphql?token={token}")
    await browser.wait_for(
        "!!document.querySelector('.graphiql-execute-button')", "GraphiQL to render"
    )
    # The schema is in once the docs explorer shows the root types.
    await browser.wait_for(
        "!!document.querySelector('.graphiql-doc-explorer-content a, .graphiql-doc-explorer a')",
        "the schema in the docs explorer",
    )


async def open_tab(browser: DevTools, title: str) -> None:
    clicked = await browser.evaluate(
        f"""(() => {{
          const button = Array.from(document.querySelectorAll('.graphiql-tab-button'))
            .find(b => b.textContent.trim() === {json.dumps(title)});
          if (button) button.click();
          return !!button;
        }})()"""
    )
    assert clicked, f"no tab {title}: {await browser.evaluate(TAB_TITLES)}"
    # GraphiQL reads the operation's name a moment after the editor changes (a 100 ms
    # debounce); run before that and it sends the previous tab's name.
    await browser.wait_for(
        "(() => { const e = document.querySelector('.graphiql-query-editor .CodeMirror');"
        f" return e && e.CodeMirror.operationName === {json.dumps(title)}; }})()",
        f"the {title} tab's operation",
    )


async def set_headers(browser: DevTools, headers: dict[str, str]) -> None:
    """Types into the header editor, as a user would."""
    text = json.dumps(headers, indent=2)
    done = await browser.evaluate(
        f"""(() => {{
          document.querySelector('.graphiql-editor-tools button[data-name="headers"]').click();
          const editor = document.querySelector(
            'section[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror'
          );
          if (editor) editor.CodeMirror.setValue({json.dumps(text)});
          return !!editor;
        }})()"""
    )
    assert done, await browser.evaluate(EDITOR_TEXTS)


async def run(browser: DevTools) -> None:
    await browser.evaluate("document.querySelector('.graphiql-execute-button').click()")


async def response_with(browser: DevTools, text: str, what: str) -> dict[str, Any]:
    """The reply GraphiQL shows once it holds `text`; a failure says what it showed."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        shown: str = await browser.evaluate(RESPONSE_TEXT)
        if text in shown:
            reply: dict[str, Any] = json.loads(shown)
            return reply
        await asyncio.sleep(0.2)
    pytest.fail(
        f"GraphiQL showed no {what}; its response pane: {shown!r}; "
        f"page errors: {browser.page_errors()}"
    )


async def frame_sent(browser: DevTools, kind: str, already: int = 0) -> None:
    """Waits until GraphiQL has sent more than `already` graphql-ws messages of a type."""

    def sent() -> int:
        return sum(1 for f in browser.frames_sent() if f.get("type") == kind)

    deadline = time.monotonic() + WAIT
    while sent() <= already:
        if time.monotonic() > deadline:
            pytest.fail(f"GraphiQL sent no {kind} message; page errors: {browser.page_errors()}")
        await asyncio.sleep(0.1)


async def subscription_started(browser: DevTools) -> None:
    await frame_sent(browser, "subscribe")


async def until_shown(
    browser: DevTools, write: Callable[[int], str], what: str, attempts: int = 10
) -> dict[str, Any]:
    """Makes a write (naming it by the attempt) until the running subscription shows one:
    the server starts a subscription a moment after GraphiQL sends it, and a write made
    before that is not in its feed. Returns the event shown."""
    for attempt in range(attempts):
        marker = await asyncio.to_thread(write, attempt)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            shown = await browser.evaluate(RESPONSE_TEXT)
            if marker in shown:
                reply: dict[str, Any] = json.loads(shown)
                return reply
            await asyncio.sleep(0.2)
    pytest.fail(
        f"GraphiQL showed no {what} after {attempts} writes; its response pane: "
        f"{await browser.evaluate(RESPONSE_TEXT)!r}; page errors: {browser.page_errors()}"
    )


CREATE_CUSTOMER = """
mutation($company: String!) {
  createCustomer(input: {company: $company}) { record { id } userErrors { message } }
}
"""


def customer_written_over_http(gateway: Live, prefix: str) -> Callable[[int], str]:
    def write(attempt: int) -> str:
        company = f"{prefix} {attempt}"
        reply = graphql(gateway, CREATE_CUSTOMER, {"company": company})
        assert reply["data"]["createCustomer"]["userErrors"] == [], reply
        return company

    return write


# -- the tests --------------------------------------------------------------------------


async def test_the_browser_reaches_nothing_but_loopback(browser: DevTools) -> None:
    # The guard the other tests rely on: a page with no CSP of its own asks for another
    # host, and the request is failed and recorded, not sent.
    outcome = await browser.evaluate(
        "fetch('http://graphiql-test.invalid/x').then(() => 'reached', () => 'failed')"
    )
    assert outcome == "failed"
    assert browser.blocked == ["http://graphiql-test.invalid/x"]


async def test_graphiql_runs_the_default_query_with_the_token_from_the_url(
    gateway: Live, browser: DevTools, tmp_path: Path
) -> None:
    # given the page opened with a token, offline but for the gateway
    await open_graphiql(browser, gateway.base, gateway.token)

    # the header editor holds the token, and the address bar no longer does
    editors = await browser.evaluate(EDITOR_TEXTS)
    assert any(f'"Authorization": "Bearer {gateway.token}"' in text for text in editors), editors
    assert "token=" not in await browser.evaluate("window.location.href")
    # and the saved examples are open as tabs, the default query first
    assert await browser.evaluate(TAB_TITLES) == EXAMPLE_TITLES

    # when the default query runs
    first = graphql(gateway, "{ customers(first: 1) { nodes { company } } }")
    company = first["data"]["customers"]["nodes"][0]["company"]
    await run(browser)
    reply = await response_with(browser, company, "the query result")

    # then the first customer and its contacts are on screen, read through edges
    node = reply["data"]["customers"]["edges"][0]["node"]
    assert node["company"] == company
    assert node["contacts"]["edges"][0]["node"]["email"]
    await browser.screenshot(tmp_path / "graphiql.png")

    # and nothing was fetched from anywhere but the gateway
    browser.assert_offline_but_for(gateway.base)

    # and a later visit with another token shows that one, in every tab
    await browser.call("Page.navigate", url=f"{gateway.base}/graphql?token=crm_another")
    await browser.wait_for(
        f"({EDITOR_TEXTS}).some(t => t.includes('Bearer crm_another'))", "the new token"
    )
    assert await browser.evaluate(TAB_TITLES) == EXAMPLE_TITLES  # reopened, none added
    await open_tab(browser, "RecordChanged")
    editors = await browser.evaluate(EDITOR_TEXTS)
    assert any("Bearer crm_another" in text for text in editors), editors
    # and so does a new tab
    await browser.evaluate("document.querySelector('.graphiql-tab-add').click()")
    await browser.wait_for(f"({TAB_TITLES}).length === {len(EXAMPLE_TITLES) + 1}", "a new tab")
    editors = await browser.evaluate(EDITOR_TEXTS)
    assert any("Bearer crm_another" in text for text in editors), editors


async def test_another_graphiqls_tabs_on_the_same_origin_stay_out(
    gateway: Live, browser: DevTools
) -> None:
    # given another project's GraphiQL left its tabs on the same origin (localhost:8000)
    await browser.call("Page.navigate", url=f"{gateway.base}/healthz")
    await browser.wait_for("document.readyState === 'complete'", "the origin to load")
    foreign = {
        "activeTabIndex": 0,
        "tabs": [
            {"id": "f", "hash": "f", "title": "Foreign", "query": "{ foreign }",
             "variables": None, "headers": None, "operationName": None, "response": None}
        ],
    }  # fmt: skip
    await browser.evaluate(
        f"localStorage.setItem('graphiql:tabState', {json.dumps(json.dumps(foreign))})"
    )

    # when GraphiQL opens, it shows the saved examples, not the other one's tabs
    await open_graphiql(browser, gateway.base, gateway.token)
    assert await browser.evaluate(TAB_TITLES) == EXAMPLE_TITLES

    # and leaves them where they were
    kept = await browser.evaluate("localStorage.getItem('graphiql:tabState')")
    assert json.loads(kept) == foreign


async def test_the_explorer_plugin_lists_the_schema_and_writes_the_query(
    gateway: Live, browser: DevTools, tmp_path: Path
) -> None:
    await open_graphiql(browser, gateway.base, gateway.token)

    # when the Explorer's button in the sidebar is pressed
    pressed = await browser.evaluate(
        """(() => {
          const button = document.querySelector('button[aria-label="Show GraphiQL Explorer"]');
          if (button) button.click();
          return !!button;
        })()"""
    )
    assert pressed, await browser.evaluate(
        "Array.from(document.querySelectorAll('.graphiql-sidebar button'))"
        ".map(b => b.getAttribute('aria-label'))"
    )

    # then its panel lists the root fields of the schema
    await browser.wait_for(
        "(() => { const root = document.querySelector('.graphiql-explorer-root');"
        " const t = root ? root.innerText : '';"
        " return t.includes('customers') && t.includes('invoices'); })()",
        "the root fields in the Explorer",
    )
    await browser.screenshot(tmp_path / "graphiql-explorer.png")

    # and ticking a field there writes it into the query being edited
    await browser.evaluate(
        "document.querySelector('.graphiql-explorer-root span[data-field-name=\"countries\"]')"
        ".click()"
    )
    await browser.wait_for(
        "document.querySelector('.graphiql-query-editor .CodeMirror')"
        ".CodeMirror.getValue().includes('countries')",
        "the ticked field in the query",
    )
    browser.assert_offline_but_for(gateway.base)


async def test_a_subscription_signs_in_with_the_headers_as_they_are_when_it_starts(
    gateway: Live, browser: DevTools
) -> None:
    # given the subscription's tab, with a token that does not exist in Headers
    await open_graphiql(browser, gateway.base, "crm_not_a_real_token")
    await open_tab(browser, "RecordChanged")

    # when it runs, the gateway refuses the connection and GraphiQL says why
    await run(browser)
    refused = await response_with(browser, "4403", "the refused connection")
    assert "is the token in Headers valid?" in json.dumps(refused)
    inits = [f for f in browser.frames_sent() if f.get("type") == "connection_init"]
    assert inits == [
        {"type": "connection_init", "payload": {"Authorization": "Bearer crm_not_a_real_token"}}
    ]

    # when the headers are changed to a real token and it runs again
    await set_headers(browser, {"Authorization": f"Bearer {gateway.token}"})
    await run(browser)

    # then the new connection carries the new credential, and changes arrive
    await subscription_started(browser)
    inits = [f for f in browser.frames_sent() if f.get("type") == "connection_init"]
    assert inits[-1] == {
        "type": "connection_init",
        "payload": {"Authorization": f"Bearer {gateway.token}"},
    }
    event = await until_shown(
        browser, customer_written_over_http(gateway, "Headers Changed"), "customer change"
    )
    assert event["data"]["recordChanged"]["resource"] == "customer"

    # and ■ ends it: GraphiQL tells the gateway it is complete
    await run(browser)
    await frame_sent(browser, "complete")
    browser.assert_offline_but_for(gateway.base)


def operation_of(example: Example) -> str:
    definition = parse(example.query).definitions[0]
    assert isinstance(definition, OperationDefinitionNode)
    assert definition.name is not None
    return f"{definition.operation.value} {definition.name.value}"


@pytest.mark.parametrize(
    "example",
    [e for e in EXAMPLES if not operation_of(e).startswith("subscription")],
    ids=operation_of,
)
def test_each_saved_example_runs_against_the_demo_data(gateway: Live, example: Example) -> None:
    reply = graphql(gateway, example.query, example.variables)
    assert "errors" not in reply, reply
    # Each shows records on the demo data, not just an empty shape.
    assert records_in(reply["data"]) > 0, reply


def records_in(value: object) -> int:
    """How many records a reply holds: edges' nodes and mutation payloads' records."""
    if isinstance(value, list):
        return sum(records_in(item) for item in value)
    if not isinstance(value, dict):
        return 0
    here = sum(1 for key in ("node", "record") if isinstance(value.get(key), dict))
    return here + sum(records_in(item) for item in value.values())
