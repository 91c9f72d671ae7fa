"""Load from wrk (a standard load generator in its own process) against 127.0.0.1 only."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import orjson

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Load:
    clients: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def _lua(method: str, body: bytes | None, headers: Mapping[str, str]) -> str:
    lines = [f'wrk.method = "{method}"']
    for name, value in headers.items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    if body is not None:
        # A Lua long string keeps the GraphQL document's quotes and newlines as they are.
        lines.append(f"wrk.body = [==[{body.decode()}]==]")
    # Count non-2xx replies: wrk only reports them, and a fast error is no speed.
    lines.append(
        "errors = 0\nresponse = function(status, headers, body)\n"
        "  if status >= 300 then errors = errors + 1 end\nend"
    )
    return "\n".join(lines) + "\n"


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unreadable wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run(
    url: str,
    *,
    clients: int,
    seconds: float,
    method: str = "GET",
    json: object | None = None,
    headers: Mapping[str, str] | None = None,
) -> Load:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("load is only sent to 127.0.0.1")
    body = orjson.dumps(json) if json is not None else None
    all_headers = dict(headers or {})
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(method, body, all_headers))
    threads = min(clients, 2)
    argv = [wrk_binary(), f"-t{threads}", f"-c{clients}", f"-d{seconds:.0f}s", "--latency"]
    argv += ["--timeout", "30s", "-s", script.name, url]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60).stdout
    Path(script.name).unlink()
    drain(url)
    return _parse(out, clients)


def drain(url: str, timeout: float = 90) -> None:
    """Wait until the server has finished what wrk left in flight, so the next cell does
    not pay for this one's backlog."""
    base = url.split("/", 3)
    probe = f"{base[0]}//{base[2]}/healthz"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            httpx.get(probe, timeout=timeout)
        except httpx.HTTPError:
            return
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def _parse(out: str, clients: int) -> Load:
    percent = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    if not rps or "50" not in percent or "99" not in percent:
        raise RuntimeError(f"wrk printed no figures:\n{out}")
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Load(clients, float(rps.group(1)), _ms(percent["50"]), _ms(percent["99"]), errors)
