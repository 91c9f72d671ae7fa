"""The Node side of the client suite: Node and npm on the machine, the pinned packages of
tests/clients/js installed with `npm ci` (again only when the lock changed), and each
client scenario run as a script whose failure quotes the client's own error."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.security.conftest import Live

JS = Path(__file__).resolve().parent / "js"
LOCK = JS / "package-lock.json"
MODULES = JS / "node_modules"
# Written after a successful `npm ci`: the lock it installed.
STAMP = MODULES / ".crm-installed-lock"
# npm's download cache, outside the tree, so a rerun installs offline.
CACHE = Path.home() / ".cache" / "crm-clients"
INSTALL_SECONDS = 900


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(message: str) -> None:
    """A tool the suite needs is absent: CI fails; a developer without root, who cannot
    have it installed here, is told what to install."""
    if in_ci() or os.geteuid() == 0:
        pytest.fail(message)
    pytest.skip(message)


def ensure_node() -> None:
    """Node and npm, installed from Debian's packages when missing (as
    .ci/graphql-http/run.sh does)."""
    if shutil.which("node") and shutil.which("npm"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "nodejs", "npm"],
        ):
            subprocess.run(command, env=env, capture_output=True, timeout=INSTALL_SECONDS)
    if not (shutil.which("node") and shutil.which("npm")):
        missing("tests/clients needs node and npm (Debian: apt-get install nodejs npm)")


@contextmanager
def install_lock() -> Iterator[None]:
    # Two test runs at once (SQLite and PostgreSQL) must not run `npm ci` into one folder.
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / "install.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def ensure_packages() -> None:
    """`npm ci` of the pinned packages unless node_modules holds exactly this lock."""
    ensure_node()
    with install_lock():
        digest = lock_digest()
        if STAMP.is_file() and STAMP.read_text().strip() == digest:
            return
        try:
            done = subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline",
                 "--loglevel=error", "--cache", str(CACHE / "npm")],
                cwd=JS, capture_output=True, text=True, timeout=INSTALL_SECONDS,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail(f"npm ci in {JS} did not finish within {INSTALL_SECONDS}s")
        if done.returncode != 0:
            pytest.fail(f"npm ci in {JS} failed: {done.stderr.strip() or done.stdout.strip()}")
        STAMP.write_text(digest)


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class NodeClients:
    """Runs the scenarios of tests/clients/js against a live gateway."""

    root: Path

    def execute(
        self, script: Path, live: Live, token: str | None, timeout: float, env: dict[str, str]
    ) -> Outcome:
        environment = {
            **os.environ,
            "GRAPHQL_URL": f"{live.base}/graphql",
            "TOKEN": token or live.token,
            # The script gives up first, so its own words explain a slow client.
            "SCENARIO_SECONDS": str(max(timeout - 5, 5)),
            **env,
        }
        try:
            done = subprocess.run(
                ["node", str(script)], cwd=script.parent, env=environment,
                capture_output=True, text=True, timeout=timeout,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
            return Outcome(-1, "", f"no result within {timeout}s; {stderr.strip()}")
        return Outcome(done.returncode, done.stdout, done.stderr)

    def run(
        self,
        client: str,
        script: str,
        live: Live,
        *,
        token: str | None = None,
        timeout: float = 60,
        **env: str,
    ) -> dict[str, Any]:
        """The JSON result the scenario printed; a failure names the client and quotes it."""
        outcome = self.execute(self.root / script, live, token, timeout, env)
        if outcome.returncode != 0:
            pytest.fail(
                f"{client} ({script}) failed: {outcome.stderr.strip() or outcome.stdout.strip()}",
                pytrace=False,
            )
        lines = outcome.stdout.strip().splitlines()
        assert lines, f"{client} ({script}) printed no result; stderr: {outcome.stderr}"
        result: dict[str, Any] = json.loads(lines[-1])
        return result
