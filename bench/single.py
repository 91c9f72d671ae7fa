"""S and R in process: microseconds a request through the whole ASGI app, no network.

    python -m bench.single [--profile] [--cpu] [S|R|L ...]

Reads the SQLite database `make bench` built (CRM_BENCH_DIR, /tmp/crm-bench by default),
or BENCH_DATABASE_URL, and calls the app directly with ASGI messages, so that what is
timed is the gateway alone: middleware, authentication, the handler, SQL and encoding.
`--profile` prints where the time goes (pyinstrument). `--cpu` times the process's CPU
instead of the wall clock (on SQLite, whose reads run on the loop's thread, the whole
request), the steadier figure on a shared machine. docs/performance.md records what
each change to the single-record path bought with it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path
from typing import Any

import orjson
from starlette.types import ASGIApp, Message

from bench import dataset
from bench.run import SECRET, say, targets
from bench.servers import gateway_env
from gateway.app import create_app
from gateway.settings import Settings

WORKDIR = Path(os.environ.get("CRM_BENCH_DIR", "/tmp/crm-bench"))


async def call(app: ASGIApp, spec: dict[str, Any]) -> tuple[int, bytes]:
    """One request through the app; its status and body."""
    body = orjson.dumps(spec["json"]) if "json" in spec else b""
    headers = [(k.lower().encode(), v.encode()) for k, v in spec["headers"].items()]
    headers += [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")]
    headers.append((b"content-length", str(len(body)).encode()))
    path: str = spec["path"]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": spec["method"], "scheme": "http", "path": path,
        "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
        "state": {},
    }  # fmt: skip
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal sent
        if sent:
            await asyncio.Event().wait()  # the client never disconnects
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def measure(url: str, names: list[str], rounds: int, profile: bool, cpu: bool) -> None:
    os.environ.update(gateway_env(url, SECRET))
    specs = targets(dataset.token(url, SECRET))
    app = create_app(Settings.from_env())
    async with app.router.lifespan_context(app):
        for name in names:
            spec = specs[name]
            status, answer = await call(app, spec)
            if status != 200:
                raise SystemExit(f"{name} answered {status}: {answer[:300]!r}")
            for _ in range(rounds // 10):
                await call(app, spec)
            clock = time.process_time if cpu else time.perf_counter
            started = clock()
            for _ in range(rounds):
                await call(app, spec)
            each = (clock() - started) / rounds
            what = "CPU us" if cpu else "us"
            say(f"{name}: {each * 1e6:.0f} {what} a request ({1 / each:,.0f} a second, one core)")
            if profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0001)
                profiler.start()
                for _ in range(rounds):
                    await call(app, spec)
                profiler.stop()
                say(profiler.output_text(unicode=False, color=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.single")
    parser.add_argument("names", nargs="*", default=["S", "R"], choices=["S", "R", "L", "N"])
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite+aiosqlite:///{WORKDIR}/crm-1000.db"
    asyncio.run(measure(url, args.names, args.rounds, args.profile, args.cpu))


if __name__ == "__main__":
    main()
