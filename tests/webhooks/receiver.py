"""A real webhook receiver on 127.0.0.1 for the tests: a stdlib HTTP server in a thread
that records every request, verifies its signature, and answers as told."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from resolvers.webhooks import signing


@dataclass(frozen=True)
class Received:
    delivery: str
    event: str
    signature: str
    body: bytes
    host: str = ""

    @property
    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.body)
        return data

    def verified(self, secret: str) -> bool:
        return signing.verify(secret, self.signature, self.body)


@dataclass
class Receiver:
    url: str
    # Request number (from 1) -> the status to answer.
    status: Callable[[int], int] = lambda n: 200
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, item: Received) -> int:
        with self.lock:
            self.received.append(item)
            return len(self.received)

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)


@contextmanager
def receiver(*, bind: str = "127.0.0.1", port: int = 0, **options: Any) -> Iterator[Receiver]:
    state = Receiver(url="", **options)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            n = state.record(
                Received(
                    delivery=self.headers.get(signing.DELIVERY_HEADER, ""),
                    event=self.headers.get(signing.EVENT_HEADER, ""),
                    signature=self.headers.get(signing.HEADER, ""),
                    body=body,
                    host=self.headers.get("Host", ""),
                )
            )
            state.started.set()
            if state.delay:
                time.sleep(state.delay)
            try:
                self.send_response(state.status(n))
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:  # the sender went away (killed mid-flight)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((bind, port), Handler)
    server.daemon_threads = True
    state.url = f"http://{bind}:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
