"""The README's "Clients" snippets are true: each one, written to a file as it stands
(only the address changed to the live gateway's), runs with the token in TOKEN and prints
what the server holds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clients.graph import WAIT, global_id, graphql, without_typename
from tests.clients.node import JS, NodeClients
from tests.rest_compat.test_readme_examples import README, section
from tests.security.conftest import Live

pytestmark = pytest.mark.server

SECTION = "Clients"
# The subsections this test runs, and the language of the one fenced block each holds.
SNIPPETS = {"Apollo Client": "js", "urql": "js", "graphql-ws": "js", "Python gql": "python"}
ADDRESS = "127.0.0.1:8000"
CREATE = """
mutation($company: String!) {
  createCustomer(input: {company: $company}) { record { databaseId } userErrors { message } }
}
"""


def snippets(text: str) -> dict[str, tuple[str, str]]:
    """`### name` -> (language, code) of its one fenced block, for the names above."""
    found: dict[str, tuple[str, str]] = {}
    for part in re.split(r"^### ", section(text, SECTION), flags=re.M)[1:]:
        name, _, body = part.partition("\n")
        if name.strip() not in SNIPPETS:
            continue  # another part's subsection (the generated REST clients)
        blocks = re.findall(r"^```(\w+)\n(.*?)^```", body, re.M | re.S)
        assert len(blocks) == 1, f"{name}: one fenced block, found {len(blocks)}"
        found[name.strip()] = blocks[0]
    return found


def written(tmp_path: Path, name: str, live: Live) -> Path:
    """The snippet in a file beside the suite's node_modules, aimed at the live gateway."""
    language, code = snippets(README.read_text())[name]
    host = live.base.removeprefix("http://")
    path = tmp_path / ("snippet.mjs" if language == "js" else "snippet.py")
    path.write_text(code.replace(ADDRESS, host))
    (tmp_path / "node_modules").symlink_to(JS / "node_modules")
    return path


def snippet_env(live: Live) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "TOKEN": live.token}


def command(path: Path) -> list[str]:
    return ["node", str(path)] if path.suffix == ".mjs" else [sys.executable, str(path)]


def run(name: str, path: Path, live: Live) -> Any:
    """The JSON the snippet printed last; a failure names it and quotes its error."""
    try:
        done = subprocess.run(
            command(path), cwd=path.parent, env=snippet_env(live),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"README {name} snippet: no result within 60s", pytrace=False)
    if done.returncode != 0:
        pytest.fail(f"README {name} snippet failed: {done.stderr.strip()}", pytrace=False)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_section_shows_each_client_and_both_list_forms() -> None:
    text = section(README.read_text(), SECTION)

    assert set(snippets(README.read_text())) == set(SNIPPETS)
    assert "relayStylePagination" in text
    assert "edges { cursor node { id company } }" in text
    assert "nodes { company contacts { nodes { email } } }" in text
    for _, code in snippets(README.read_text()).values():
        assert ADDRESS in code and "TOKEN" in code, code


def test_the_apollo_snippet_merges_two_pages(
    live: Live, node_clients: NodeClients, tmp_path: Path
) -> None:
    companies = run("Apollo Client", written(tmp_path, "Apollo Client", live), live)

    expected = graphql(live, "{ customers(first: 4) { nodes { company } } }")
    assert companies == [node["company"] for node in expected["customers"]["nodes"]]


def test_the_urql_snippet_reads_customers_and_contacts(
    live: Live, node_clients: NodeClients, tmp_path: Path
) -> None:
    nodes = run("urql", written(tmp_path, "urql", live), live)

    expected = graphql(
        live, "{ customers(first: 2) { nodes { company contacts { nodes { email } } } } }"
    )
    assert without_typename(nodes) == expected["customers"]["nodes"]
    assert nodes[0]["contacts"]["nodes"]


def test_the_python_gql_snippet_reads_customers_and_contacts(live: Live, tmp_path: Path) -> None:
    nodes = run("Python gql", written(tmp_path, "Python gql", live), live)

    expected = graphql(
        live, "{ customers(first: 2) { nodes { company contacts { nodes { email } } } } }"
    )
    assert nodes == expected["customers"]["nodes"]


def test_the_graphql_ws_snippet_prints_the_next_customer_change(
    live: Live, node_clients: NodeClients, tmp_path: Path
) -> None:
    path = written(tmp_path, "graphql-ws", live)
    created: list[int] = []
    with (tmp_path / "stdout").open("w+") as out, (tmp_path / "stderr").open("w+") as err:
        process = subprocess.Popen(
            command(path), cwd=tmp_path, env=snippet_env(live),
            stdout=out, stderr=err,
        )  # fmt: skip
        try:
            # It prints the first change after it subscribed, which no message announces:
            # create customers until it has printed one and exited.
            deadline = time.monotonic() + WAIT
            while process.poll() is None and time.monotonic() < deadline:
                made = httpx.post(
                    f"{live.base}/graphql",
                    json={"query": CREATE, "variables": {"company": f"README ws {len(created)}"}},
                    headers={"Authorization": f"Bearer {live.token}"},
                    timeout=WAIT,
                ).json()["data"]["createCustomer"]
                created.append(made["record"]["databaseId"])
                time.sleep(0.3)
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pytest.fail(f"README graphql-ws snippet printed nothing within {WAIT}s", pytrace=False)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=5)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            pytest.fail(f"README graphql-ws snippet failed: {err.read().strip()}", pytrace=False)
        change = json.loads(out.read().strip().splitlines()[-1])

    assert (change["type"], change["resource"]) == ("customer.created", "customer")
    assert change["recordId"] in {global_id("Customer", database_id) for database_id in created}
