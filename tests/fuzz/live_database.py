"""A fresh PostgreSQL database for .ci/schemathesis.sh's live gateway, beside the one the
test suite uses: `python -m tests.fuzz.live_database create URL` prints the new database's
URL (`<database>_live` on the same server, emptied first); `drop URL` removes it."""

from __future__ import annotations

import asyncio
import re
import sys

import asyncpg
from sqlalchemy.engine import make_url


def live_url(url: str) -> str:
    parsed = make_url(url)
    name = parsed.database or "crm"
    if not name.endswith("_live"):
        name = f"{name}_live"
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise ValueError(f"not a plain database name: {name!r}")
    return parsed.set(database=name).render_as_string(hide_password=False)


async def _admin(url: str, statement: str) -> None:
    parsed = make_url(url)
    connection = await asyncpg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        database="postgres",
        timeout=30,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create(url: str) -> str:
    target = live_url(url)
    name = make_url(target).database
    await _admin(target, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(target, f'CREATE DATABASE "{name}"')
    return target


async def drop(url: str) -> None:
    name = make_url(url).database
    await _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"create", "drop"}:
        sys.stderr.write("usage: python -m tests.fuzz.live_database create|drop URL\n")
        return 2
    command, url = argv
    if command == "create":
        sys.stdout.write(asyncio.run(create(url)) + "\n")
    else:
        asyncio.run(drop(live_url(url)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
