"""Clients generated from a live gateway's /openapi.json, with the tools users run:
openapi-python-client generates every operation (no warning, nothing skipped) and its
client reads each dialect with parsed, typed successes; openapi-typescript types every
success body as a schema, not `never`. Under CI=true a missing tool fails the test."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clients.node import install_lock
from tests.security.conftest import Live, live  # noqa: F401

HERE = Path(__file__).resolve().parent
TOOLS = HERE / "openapi"
BIN = Path(sys.executable).parent
NPM_CACHE = Path.home() / ".cache" / "crm-clients"
README = HERE.parents[1] / "README.md"
# PDFs are bytes to the generated client, as any file download is.
CONFIG = "content_type_overrides:\n  application/pdf: application/octet-stream\n"


def _tool(path: Path, name: str) -> Path:
    if path.exists():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed ({path})")
    pytest.skip(f"{name} is not installed ({path})")


def _npm_tools() -> Path:
    bin_dir = TOOLS / "node_modules" / ".bin"
    # One `npm ci` at a time: pytest-xdist workers and concurrent runs share this folder.
    with install_lock():
        if not bin_dir.exists() and shutil.which("npm"):
            subprocess.run(
                ["npm", "ci", "--cache", str(NPM_CACHE), "--no-audit", "--no-fund"],
                cwd=TOOLS, check=True, timeout=600, capture_output=True,
            )  # fmt: skip
    return _tool(bin_dir, "the npm tools (tests/clients/openapi)")


@pytest.fixture(scope="module")
def document(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    path = tmp_path_factory.mktemp("openapi") / "openapi.json"
    path.write_bytes(httpx.get(f"{live.base}/openapi.json", timeout=30).content)
    return path


@pytest.fixture(scope="module")
def generated(document: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    """The client openapi-python-client writes from the live document, importable."""
    generator = _tool(BIN / "openapi-python-client", "openapi-python-client")
    where = tmp_path_factory.mktemp("generated")
    config = where / "config.yaml"
    config.write_text(CONFIG)
    run = subprocess.run(
        [str(generator), "generate", "--path", str(document), "--meta", "none",
         "--config", str(config), "--output-path", str(where / "crm_client")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    said = run.stdout + run.stderr
    assert run.returncode == 0, f"openapi-python-client: {said}"
    sys.path.insert(0, str(where))
    try:
        yield Generated(where, said)
    finally:
        sys.path.remove(str(where))
        for name in [m for m in sys.modules if m.startswith("crm_client")]:
            del sys.modules[name]


@dataclass(frozen=True)
class Generated:
    root: Path
    output: str

    def op(self, dialect: str, operation: str) -> Any:
        return importlib.import_module(f"crm_client.api.{dialect}.{operation}")

    def model(self, name: str) -> Any:
        return getattr(importlib.import_module("crm_client.models"), name)

    def client(self, server: Live, header: str) -> Any:
        module: Any = importlib.import_module("crm_client")
        return module.AuthenticatedClient(
            base_url=server.base, token=server.token, prefix="", auth_header_name=header
        )


def test_openapi_python_client_skips_no_operation(generated: Generated) -> None:
    # It says WARNING for an operation or a response it leaves out, and why.
    warnings = re.findall(r"^WARNING.*$", generated.output, flags=re.MULTILINE)
    assert not warnings, f"openapi-python-client: {generated.output}"


def _parsed(answer: Any, status: int, what: str) -> Any:
    assert answer.status_code == status, f"{what}: {answer.status_code} {answer.content!r}"
    assert answer.parsed is not None, f"openapi-python-client parsed no {what}"
    return answer.parsed


def test_the_generated_client_lists_creates_and_gets_in_perfex(
    generated: Generated,
    live: Live,  # noqa: F811
) -> None:
    g = generated
    with g.client(live, "authtoken") as client:
        listed = _parsed(g.op("perfex", "perfex_get_api_customers").sync_detailed(client=client),
                         200, "perfex list")  # fmt: skip
        assert isinstance(listed, list) and isinstance(listed[0], g.model("PerfexCustomer"))
        assert isinstance(listed[0].userid, str)
        body = g.model("PerfexPostApiCustomersDataBody")(company="Generated perfex Ltd")
        made = _parsed(
            g.op("perfex", "perfex_post_api_customers").sync_detailed(client=client, body=body),
            200, "perfex create",
        )  # fmt: skip
        assert made.status is True and isinstance(made.id, int)
        got = _parsed(
            g.op("perfex", "perfex_get_api_customers_id").sync_detailed(made.id, client=client),
            200, "perfex record",
        )  # fmt: skip
        assert got.company == "Generated perfex Ltd" and got.userid == str(made.id)


def test_the_generated_client_lists_creates_and_gets_in_tech9(
    generated: Generated,
    live: Live,  # noqa: F811
) -> None:
    g = generated
    with g.client(live, "authtoken") as client:
        listing = g.op("perfex", "perfex_get_api_customers")
        page = _parsed(listing.sync_detailed(client=client, page=1, per_page=5), 200, "tech9 list")
        assert page.page == 1 and page.per_page == 5
        assert isinstance(page.data[0], g.model("Tech9Customer"))
        body = g.model("PerfexPostApiCustomersJsonBody")(company="Generated tech9 Ltd")
        made = _parsed(
            g.op("perfex", "perfex_post_api_customers").sync_detailed(client=client, body=body),
            201, "tech9 create",
        )  # fmt: skip
        assert isinstance(made.id, int)
        got = _parsed(
            g.op("perfex", "perfex_get_api_customers_id").sync_detailed(made.id, client=client),
            200, "tech9 record",
        )  # fmt: skip
        assert got.company == "Generated tech9 Ltd"


def test_the_generated_client_lists_creates_and_gets_in_v1(
    generated: Generated,
    live: Live,  # noqa: F811
) -> None:
    g = generated
    with g.client(live, "X-API-KEY") as client:
        page = _parsed(g.op("v1", "v1_get_api_v1_customers").sync_detailed(client=client),
                       200, "v1 list")  # fmt: skip
        assert isinstance(page.data[0], g.model("V1Customer")) and page.meta.page == 1
        body = g.model("V1PostApiV1CustomersBody")(company="Generated v1 Ltd")
        made = _parsed(
            g.op("v1", "v1_post_api_v1_customers").sync_detailed(client=client, body=body),
            201, "v1 create",
        )  # fmt: skip
        assert isinstance(made, g.model("V1Customer")) and isinstance(made.id, int)
        got = _parsed(
            g.op("v1", "v1_get_api_v1_customers_id").sync_detailed(made.id, client=client),
            200, "v1 record",
        )  # fmt: skip
        assert got.company == "Generated v1 Ltd" and got.active is True


def test_the_generated_client_lists_creates_and_gets_in_v2(
    generated: Generated,
    live: Live,  # noqa: F811
) -> None:
    g = generated
    with g.client(live, "X-API-KEY") as client:
        page = _parsed(g.op("v2", "v2_get_api_v2_customers").sync_detailed(client=client),
                       200, "v2 list")  # fmt: skip
        assert page.success is True and isinstance(page.data[0], g.model("V2Customer"))
        body = g.model("V2PostApiV2CustomersBody")(account="Generated v2 Ltd")
        made = _parsed(
            g.op("v2", "v2_post_api_v2_customers").sync_detailed(client=client, body=body),
            201, "v2 create",
        )  # fmt: skip
        assert isinstance(made.data.id, int)
        got = _parsed(
            g.op("v2", "v2_get_api_v2_customers_id").sync_detailed(made.data.id, client=client),
            200, "v2 record",
        )  # fmt: skip
        assert got.data.account == "Generated v2 Ltd"


def test_the_generated_client_lists_creates_and_gets_in_ninja(
    generated: Generated,
    live: Live,  # noqa: F811
) -> None:
    g = generated
    with g.client(live, "X-API-TOKEN") as client:
        page = _parsed(g.op("ninja", "ninja_get_api_v1_clients").sync_detailed(client=client),
                       200, "ninja list")  # fmt: skip
        assert isinstance(page.data[0], g.model("NinjaClient"))
        assert page.meta.pagination.current_page == 1
        body = g.model("NinjaPostApiV1ClientsBody")(name="Generated ninja Ltd")
        made = _parsed(
            g.op("ninja", "ninja_post_api_v1_clients").sync_detailed(client=client, body=body),
            200, "ninja create",
        )  # fmt: skip
        # Ninja's ids are hashed strings.
        assert isinstance(made.data.id, str) and not made.data.id.isdigit()
        got = _parsed(
            g.op("ninja", "ninja_get_api_v1_clients_id").sync_detailed(made.data.id, client=client),
            200, "ninja record",
        )  # fmt: skip
        assert got.data.name == "Generated ninja Ltd" and got.data.contacts == []


def test_openapi_typescript_types_every_success_body(document: Path, tmp_path: Path) -> None:
    tools = _npm_tools()
    out = tmp_path / "api.d.ts"
    run = subprocess.run(
        [str(tools / "openapi-typescript"), str(document), "--output", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, f"openapi-typescript: {run.stdout}{run.stderr}"
    types = out.read_text()
    # A 2xx reply without a body schema comes out as `content?: never`.
    successes = re.findall(r"\n\s+(20[01]): \{\n(.*?)\n\s+\};", types, flags=re.DOTALL)
    assert len(successes) > 300, len(successes)
    untyped = [body for _, body in successes if "content?: never" in body]
    assert not untyped, f"openapi-typescript: {len(untyped)} success bodies typed never"


# Warnings of the recommended rules the document keeps, and why: the dialects document
# paths like /api/tasks/search/{keysearch} beside /api/tasks/{id}/checklist (a request
# finds one route: ids are integers); the project states no licence; /healthz answers
# nothing but 200.
ACCEPTED_WARNINGS = {"no-ambiguous-paths", "info-license", "operation-4xx-response"}


def test_redocly_lint_with_the_recommended_rules_finds_no_error(document: Path) -> None:
    tools = _npm_tools()
    run = subprocess.run(
        [str(tools / "redocly"), "lint", "--format=json", str(document)],
        capture_output=True, text=True, timeout=600, cwd=TOOLS,
    )  # fmt: skip
    problems = json.loads(run.stdout)["problems"]
    errors = [f"{p['ruleId']}: {p['message']}" for p in problems if p["severity"] == "error"]
    assert not errors, f"@redocly/cli lint: {errors}"
    other = {p["ruleId"] for p in problems} - ACCEPTED_WARNINGS
    assert not other, f"@redocly/cli lint warns: {other}"


def _readme_snippet(title: str, language: str) -> str:
    text = README.read_text()
    section = text.split(f"### {title}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    found = re.search(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert found is not None, f"README's '### {title}' has no {language} block"
    return found.group(1)


def test_the_readme_generated_client_snippet_runs(
    generated: Generated,
    live: Live,  # noqa: F811
    tmp_path: Path,
) -> None:
    shell = _readme_snippet("Generated REST clients", "sh")
    assert "openapi-python-client==0.27.1" in shell and "--config" in shell
    snippet = _readme_snippet("Generated REST clients", "python")
    script = tmp_path / "snippet.py"
    script.write_text(snippet.replace("http://127.0.0.1:8000", live.base))
    run = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "TOKEN": live.token, "PYTHONPATH": str(generated.root)},
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, f"the README's generated client: {run.stdout}{run.stderr}"
    created, names = run.stdout.strip().split(" ", 1)
    assert created.isdigit() and "Acme Generated Ltd" in names
