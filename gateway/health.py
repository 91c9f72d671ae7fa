"""GET /healthz (the process answers), GET /readyz (it can serve: database reachable,
migrations current, Redis reachable when configured) and GET /metrics.

They are answered by the outermost layer (gateway.front_door), before authentication and
the limiters, so a probe is never authenticated, rate limited, or counted as traffic.
Each readiness check has its own short timeout: a stopped database gives 503 naming it,
never a hang."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable
from functools import cached_property
from urllib.parse import unquote, urlsplit

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from gateway.database import Database
from gateway.metrics import metrics_endpoint
from gateway.migrate import alembic_config

Check = Callable[[], Awaitable[None]]


class Unready(Exception):
    """A readiness check's failure, with a message fit for the response body."""


async def ping_redis(url: str) -> None:
    """PING over RESP with AUTH from the URL: no client library needed to ask "are you up"."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise Unready(f"unsupported Redis URL scheme {parts.scheme!r}")
    context = ssl.create_default_context() if parts.scheme == "rediss" else None
    reader, writer = await asyncio.open_connection(
        parts.hostname or "127.0.0.1", parts.port or 6379, ssl=context
    )
    try:
        commands: list[list[str]] = []
        if parts.password:
            user = [unquote(parts.username)] if parts.username else []
            commands.append(["AUTH", *user, unquote(parts.password)])
        commands.append(["PING"])
        for command in commands:
            payload = f"*{len(command)}\r\n" + "".join(
                f"${len(arg.encode())}\r\n{arg}\r\n" for arg in command
            )
            writer.write(payload.encode())
            await writer.drain()
            reply = (await reader.readline()).decode(errors="replace").strip()
            if reply.startswith("-"):
                raise Unready(f"Redis refused {command[0]}: {reply[1:]}")
        if reply != "+PONG":
            raise Unready(f"unexpected Redis reply {reply!r}")
    finally:
        writer.close()


class Readiness:
    def __init__(self, db: Database, *, redis_url: str | None, timeout: float) -> None:
        self.db = db
        self.redis_url = redis_url
        self.timeout = timeout

    @cached_property
    def script_heads(self) -> set[str]:
        return set(ScriptDirectory.from_config(alembic_config(self.db.url)).get_heads())

    async def current_heads(self) -> set[str]:
        """The migrations the database is at (none: never migrated)."""

        def heads(connection: Connection) -> set[str]:
            return set(MigrationContext.configure(connection).get_current_heads())

        async with self.db.read() as conn:
            return await conn.run_sync(heads)

    async def database(self) -> None:
        current = await self.current_heads()
        expected = self.script_heads
        if current != expected:
            have = ", ".join(sorted(current)) or "none"
            raise Unready(
                f"migrations not current: database at {have}, code at "
                f"{', '.join(sorted(expected))}; run `crm-gateway migrate`"
            )

    async def redis(self) -> None:
        assert self.redis_url is not None
        await ping_redis(self.redis_url)

    def checks(self) -> dict[str, Check]:
        checks: dict[str, Check] = {"database": self.database}
        if self.redis_url:
            checks["redis"] = self.redis
        return checks

    async def run(self) -> dict[str, str]:
        names = list(self.checks())
        outcomes = await asyncio.gather(*(self._bounded(check) for check in self.checks().values()))
        return dict(zip(names, outcomes, strict=True))

    async def _bounded(self, check: Check) -> str:
        try:
            async with asyncio.timeout(self.timeout):
                await check()
        except TimeoutError:
            return f"timed out after {self.timeout:g}s"
        except Unready as exc:
            return str(exc)
        except Exception as exc:  # any failure to reach a dependency means "not ready"
            return f"{type(exc).__name__}: {str(exc)[:200]}".rstrip(": ")
        return "ok"


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


async def readyz(request: Request, readiness: Readiness) -> Response:
    checks = await readiness.run()
    ready = all(outcome == "ok" for outcome in checks.values())
    failed = [name for name, outcome in checks.items() if outcome != "ok"]
    body: dict[str, object] = {"status": "ready" if ready else "unready", "checks": checks}
    if failed:
        body["error"] = "; ".join(f"{name}: {checks[name]}" for name in failed)
    return JSONResponse(
        body, status_code=200 if ready else 503, headers={"Cache-Control": "no-store"}
    )


class Operations:
    """Answers the three operational paths (gateway.front_door hands them over before
    authentication and the limits)."""

    def __init__(
        self, *, db: Database, redis_url: str | None, metrics_token: str | None, timeout: float
    ) -> None:
        self.db = db
        self.metrics_token = metrics_token
        self.timeout = timeout
        self.readiness = Readiness(db, redis_url=redis_url, timeout=timeout)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        request = Request(scope, receive)
        if request.method not in ("GET", "HEAD"):
            response: Response = JSONResponse(
                {"error": "method not allowed"}, status_code=405, headers={"Allow": "GET, HEAD"}
            )
        elif path == "/healthz":
            response = await healthz(request)
        elif path == "/readyz":
            response = await readyz(request, self.readiness)
        else:
            response = await metrics_endpoint(
                request, db=self.db, token=self.metrics_token, check_seconds=self.timeout
            )
        await response(scope, receive, send)
