"""`crm-gateway token create --rate-limit N` stores the token's own hourly limit."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.gateway.test_server_process import cli

pytestmark = pytest.mark.server


def test_token_create_stores_its_rate_limit(tmp_path: Path) -> None:
    path = f"{tmp_path}/crm.db"
    env = {**os.environ, "CRM_DATABASE_URL": f"sqlite+aiosqlite:///{path}",
           "CRM_SECRET_KEY": "cli-test-secret-key-long-enough-for-hs256"}  # fmt: skip
    cli(env, "migrate")

    cli(env, "token", "create", "--name", "tight", "--all", "--rate-limit", "7")
    cli(env, "token", "create", "--name", "default", "--all")

    with sqlite3.connect(path) as conn:
        rows = dict(conn.execute("SELECT name, rate_limit_per_hour FROM api_tokens").fetchall())
    assert rows == {"tight": 7, "default": None}
