"""`crm-gateway check-config`, the log formats, and tracing that costs nothing when off."""

from __future__ import annotations

import json
import logging
import logging.config
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway.cli import app
from gateway.config_check import check
from gateway.logging_config import dict_config, resolve_format

GOOD = {
    "CRM_SECRET_KEY": "a-secret-that-must-never-be-printed-0123456789",
    "CRM_DATABASE_URL": "postgresql+asyncpg://crm:pa55word@db.internal:5432/crm",
    "CRM_REDIS_URL": "redis://:redispass@cache.internal:6379/0",
    "CRM_METRICS_TOKEN": "metrics-secret",
    "CRM_SHUTDOWN_GRACE_SECONDS": "30",
}


def test_check_config_prints_the_values_in_effect_with_secrets_masked(tmp_path: Path) -> None:
    lines, errors, warnings = check({**GOOD, "CRM_STORAGE_DIR": str(tmp_path / "files")})
    assert not errors and not warnings
    shown = dict(line.split("=", 1) for line in lines)
    assert shown["CRM_DATABASE_URL"] == "postgresql+asyncpg://crm:****@db.internal:5432/crm"
    assert shown["CRM_REDIS_URL"] == "redis://:****@cache.internal:6379/0"
    assert shown["CRM_SECRET_KEY"] == "****"
    assert shown["CRM_METRICS_TOKEN"] == "****"
    assert shown["CRM_SHUTDOWN_GRACE_SECONDS"] == "30"
    assert shown["CRM_MAX_QUERY_TOKENS"] == "5000"  # a limit, not a secret
    text = "\n".join(lines)
    assert "pa55word" not in text and "redispass" not in text and "never-be-printed" not in text


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CRM_DATABASE_URL", "mysql://x@y/z", "unsupported database 'mysql'"),
        ("CRM_REDIS_URL", "http://cache:6379", "expected a redis/rediss URL"),
        ("CRM_JWT_TTL_SECONDS", "0", "must be positive"),
        ("CRM_MAX_QUERY_DEPTH", "twelve", "not a whole number"),
        ("CRM_READY_TIMEOUT_SECONDS", "-1", "must be a positive number"),
        ("CRM_GRAPHIQL", "maybe", "expected 1/0"),
        ("CRM_LOG_FORMAT", "xml", "expected one of auto, json, text"),
        ("CRM_LOG_LEVEL", "loud", "expected one of"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "expected a http/https URL"),
        ("CRM_STORAGE_DIR", "/proc/version/files", "is not a directory"),
    ],
)
def test_check_config_names_an_invalid_setting(name: str, value: str, message: str) -> None:
    _, errors, _ = check({**GOOD, name: value})
    assert len(errors) == 1
    assert errors[0].startswith(f"{name}: ") and message in errors[0]


def test_the_command_exits_2_on_an_invalid_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in GOOD.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CRM_MAX_ALIASES", "-5")
    result = CliRunner().invoke(app, ["check-config"])
    assert result.exit_code == 2
    assert "invalid: CRM_MAX_ALIASES: must be positive" in result.output


def test_the_command_warns_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRM_SECRET_KEY", raising=False)
    _, errors, warnings = check({})
    assert not errors
    assert warnings and "CRM_SECRET_KEY is unset" in warnings[0]


def test_json_logs_are_one_object_per_line_through_dict_config(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logging.config.dictConfig(dict_config("json", "info"))
    try:
        logging.getLogger("crm.request").info("request", extra={"fields": {"status": 204}})
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        logging.getLogger("crm").handlers.clear()
        logging.getLogger("crm").propagate = True
    parsed = json.loads(line)
    assert parsed["message"] == "request" and parsed["status"] == 204
    assert parsed["level"] == "info" and parsed["logger"] == "crm.request"


def test_auto_log_format_is_text_in_development() -> None:
    assert resolve_format("auto", development=True) == "text"
    assert resolve_format("json", development=True) == "json"


def test_nothing_of_opentelemetry_is_imported_when_tracing_is_off(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from gateway.app import create_app\n"
        "from gateway.settings import Settings\n"
        f"create_app(Settings(secret_key='x' * 48, database_url='sqlite+aiosqlite:///{tmp_path}/t.db'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2], env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


TRACED = """
import asyncio, sys
import httpx
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from gateway import tracing
from gateway.app import create_app
from gateway.settings import Settings

exporter = InMemorySpanExporter()
settings = Settings(secret_key="x" * 48, database_url=sys.argv[1], otel=True)
tracing.setup(settings, exporter=exporter)
app = create_app(settings)

async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        await c.post("/graphql", json={"query": "query Traced { __typename }"})
        await c.get("/readyz")
        await c.get("/api/v1/customers/7")

asyncio.run(main())
for span in exporter.get_finished_spans():
    print(span.name)
"""


def test_spans_for_requests_graphql_operations_and_sql(tmp_path: Path) -> None:
    pytest.importorskip("opentelemetry.sdk", reason="the [otel] extra is not installed")
    done = subprocess.run(
        [sys.executable, "-c", TRACED, f"sqlite+aiosqlite:///{tmp_path}/t.db"],
        capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2], env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = done.stdout.split("\n")
    assert "graphql Traced" in names
    assert "HTTP POST /graphql" in names
    assert "HTTP GET /readyz" in names
    assert "HTTP GET /api/v1/customers/{id}" in names
    assert any(name.startswith("sql ") for name in names), names
