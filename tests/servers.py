"""Waiting for a `crm-gateway serve` process a test started."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest


def until_up(base: str, process: subprocess.Popen[Any], log: Path, seconds: float = 120) -> None:
    """Return once `base`/healthz answers 200; if the process ends or `seconds` pass first,
    stop it and fail with its log. Generous by default: on a busy machine importing the
    app alone takes many seconds."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    if process.poll() is None:
        process.kill()
        process.wait(timeout=15)
    pytest.fail(f"gateway did not start: {log.read_text()}")
