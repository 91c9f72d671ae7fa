"""GraphiQL in a real browser: a `crm-gateway serve` process on 127.0.0.1 and Debian's
headless Chromium driven over the DevTools protocol, with no network beyond the gateway."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from gateway.database import Database
from resolvers.context import Ctx
from resolvers.permissions import ALL, Principal
from tests.factories import make_contact, make_customer

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent
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
]


def chromium() -> str:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    if Path(found).exists():
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI: .ci/run installs it with apt")
    pytest.skip("chromium is not installed (apt-get install chromium); CI always runs this test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Gateway:
    base: str
    token: str


async def cli(env: dict[str, str], *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        str(BIN / "crm-gateway"), *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    return out.decode()


async def wait_until_up(base: str, log: Path) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(150):
            try:
                if (await client.get(f"{base}/healthz", timeout=1)).status_code == 200:
                    return
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    output = await asyncio.to_thread(log.read_text)
    pytest.fail(f"gateway did not start:\n{output}")


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}"
    env = {
        **os.environ,
        "CRM_DATABASE_URL": url,
        "CRM_SECRET_KEY": "browser-test-secret-key-long-enough-for-hs256",
    }
    env.pop("CRM_TEST_DATABASE_URL", None)
    await cli(env, "migrate")
    token = (await cli(env, "token", "create", "--name", "browser", "--all")).splitlines()[-1]

    db = Database(url)
    try:
        ctx = Ctx(
            db=db, principal=Principal(kind="token", id=0, name="seed", grants=frozenset({ALL}))
        )
        customer = await make_customer(ctx, company="Orbit Labs")
        await make_contact(ctx, customer["id"], n=1, email="lina@orbitlabs.ae")
    finally:
        await db.dispose()

    port = free_port()
    log = tmp_path / "gateway.log"
    with log.open("w") as out:
        process = await asyncio.create_subprocess_exec(
            str(BIN / "crm-gateway"), "serve", "--host", "127.0.0.1", "--port", str(port),
            env=env, cwd=tmp_path, stdout=out, stderr=out,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_until_up(base, log)
        yield Gateway(base=base, token=token)
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=15)


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands, and the events seen."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.last_id = 0
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        await self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("id") == self.last_id:
                assert "error" not in message, message
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    async def wait_for(self, expression: str, what: str, seconds: float = 30) -> Any:
        for _ in range(int(seconds / 0.2)):
            if value := await self.evaluate(expression):
                return value
            await asyncio.sleep(0.2)
        errors = [e["params"] for e in self.events if e["method"] == "Runtime.exceptionThrown"]
        pytest.fail(f"timed out waiting for {what}; page errors: {errors}")

    def requested_urls(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[DevTools]:
    binary = chromium()
    profile = tmp_path / "chromium-profile"
    process = await asyncio.create_subprocess_exec(
        binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        active = profile / "DevToolsActivePort"
        for _ in range(150):
            if active.exists() and active.read_text().strip():
                break
            await asyncio.sleep(0.2)
        port = active.read_text().split()[0]
        async with httpx.AsyncClient() as client:
            targets = (await client.get(f"http://127.0.0.1:{port}/json/list")).json()
        page = next(t for t in targets if t["type"] == "page")
        async with connect(page["webSocketDebuggerUrl"], max_size=None) as ws:
            yield DevTools(ws)
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=15)


RESPONSE_TEXT = """
(() => {
  const editor = document.querySelector('.graphiql-response .CodeMirror');
  return editor ? editor.CodeMirror.getValue() : '';
})()
"""
EDITOR_TEXTS = (
    "Array.from(document.querySelectorAll('.CodeMirror')).map(e => e.CodeMirror.getValue())"
)


async def test_graphiql_runs_the_default_query_with_the_token_from_the_url(
    gateway: Gateway, browser: DevTools, tmp_path: Path
) -> None:
    # given the page opened with a token, offline but for the gateway
    for domain in ("Network", "Runtime", "Page"):
        await browser.call(f"{domain}.enable")
    await browser.call("Page.navigate", url=f"{gateway.base}/graphql?token={gateway.token}")
    await browser.wait_for(
        "!!document.querySelector('.graphiql-execute-button')", "GraphiQL to render"
    )
    await browser.wait_for(
        "!!document.querySelector('.graphiql-doc-explorer')", "the docs explorer"
    )

    # the header editor holds the token, and the address bar no longer does
    editors = await browser.evaluate(EDITOR_TEXTS)
    assert any(f'"Authorization": "Bearer {gateway.token}"' in text for text in editors), editors
    assert "token=" not in await browser.evaluate("window.location.href")

    # when the default query runs
    await browser.evaluate("document.querySelector('.graphiql-execute-button').click()")
    result = await browser.wait_for(
        f"(() => {{ const t = {RESPONSE_TEXT}; return t.includes('Orbit Labs') ? t : ''; }})()",
        "the query result",
    )

    # then the customer and its contacts are on screen
    data = json.loads(result)["data"]["customers"]["nodes"][0]
    assert data["company"] == "Orbit Labs"
    assert data["contacts"]["nodes"][0]["email"] == "lina@orbitlabs.ae"
    shot = await browser.call("Page.captureScreenshot", format="png")
    png = tmp_path / "graphiql.png"
    png.write_bytes(base64.b64decode(shot["data"]))
    print(f"screenshot: {png}")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # and nothing was fetched from anywhere but the gateway
    urls = browser.requested_urls()
    assert f"{gateway.base}/static/graphiql/graphiql.min.js" in urls
    assert [u for u in urls if not u.startswith((gateway.base, "data:"))] == []
    errors = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"]
    assert errors == []

    # and a later visit with another token shows that one, not what the last visit had
    await browser.call("Page.navigate", url=f"{gateway.base}/graphql?token=crm_another")
    await browser.wait_for(
        f"({EDITOR_TEXTS}).some(t => t.includes('Bearer crm_another'))", "the new token"
    )
