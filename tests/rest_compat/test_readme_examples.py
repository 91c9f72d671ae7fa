"""The README's "The REST dialects" examples are true: each dialect's curl command, run
as written (method, path, headers, body) against the whole app over demo data, answers
2xx in the shape the README and the dialect's document describe."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.database import Database
from resolvers import customers, invoices
from resolvers.core.context import Ctx
from resolvers.demo_data import seed_demo
from resolvers.totals import DRAFT
from rest_compat.ids import HashedIds
from tests.factories import make_token
from tests.rest_compat.conftest import SETTINGS

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "The REST dialects"
DIALECTS = ("perfex", "tech9", "v1", "v2", "ninja")
CREDENTIAL = {"perfex": "authtoken", "tech9": "Authtoken", "v1": "X-API-KEY",
              "v2": "X-API-KEY", "ninja": "X-API-TOKEN"}  # fmt: skip


@dataclass
class Example:
    method: str = "GET"
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    data: str | None = None


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match is not None, f"README has no '## {title}' section"
    return match.group(1)


def examples_by_dialect(text: str) -> dict[str, str]:
    """`### dialect` -> the one fenced sh block under it."""
    found: dict[str, str] = {}
    for part in re.split(r"^### ", section(text, SECTION), flags=re.M)[1:]:
        name, _, body = part.partition("\n")
        blocks = re.findall(r"^```sh\n(.*?)^```", body, re.M | re.S)
        assert len(blocks) == 1, f"{name}: one fenced sh block, found {len(blocks)}"
        found[name.strip()] = blocks[0]
    return found


def parse_curl(command: str, env: dict[str, str]) -> Example:
    """The curl options the README uses; any other option fails, so an example never
    says more than this test runs."""
    words = shlex.split(command.replace("\\\n", " "))
    assert words[0] == "curl", command
    example = Example()
    args = iter(words[1:])
    for word in args:
        if word in ("-s", "-S", "-sS"):
            continue
        if word == "-X":
            example.method = next(args)
        elif word == "-H":
            name, _, value = next(args).partition(":")
            example.headers[name.strip()] = expand(value.strip(), env)
        elif word in ("-d", "--data", "--data-raw"):
            example.data = next(args)
            example.method = example.method if "-X" in words else "POST"
        elif word.startswith("http"):
            example.url = expand(word, env)
        else:
            raise AssertionError(f"curl option the README test does not know: {word}")
    assert example.url, command
    return example


def expand(value: str, env: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: env[m.group(1)], value)


def readme_examples(token: str) -> dict[str, Example]:
    blocks = examples_by_dialect(README.read_text())
    return {name: parse_curl(block.strip(), {"TOKEN": token}) for name, block in blocks.items()}


def test_the_section_has_one_example_per_dialect_each_with_its_credential() -> None:
    examples = readme_examples("T")

    assert tuple(examples) == DIALECTS
    for dialect, example in examples.items():
        assert example.url.startswith("http://127.0.0.1:8000/api/"), dialect
        assert example.headers.get(CREDENTIAL[dialect]) == "T", dialect
        if example.data is not None:
            json.loads(example.data)  # the bodies are JSON as written
            assert example.headers.get("Content-Type") == "application/json", dialect


@pytest.fixture
async def demo(db: Database) -> Database:
    await seed_demo(db, customers=4)
    return db


@pytest.fixture
async def app_client(demo: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(SETTINGS, db=demo))
    async with httpx.AsyncClient(transport=transport) as client:
        yield client


async def run(client: httpx.AsyncClient, example: Example) -> Any:
    content = example.data.encode() if example.data is not None else None
    response = await client.request(
        example.method, example.url, headers=example.headers, content=content
    )
    assert 200 <= response.status_code < 300, (example, response.status_code, response.text)
    return response.status_code, response.json()


async def check_perfex(status: int, body: Any, ctx: Ctx) -> None:
    # a bare array of customers, Perfex names, ids and flags as strings
    assert status == 200 and isinstance(body, list) and body
    first = body[0]
    assert first["userid"].isdigit() and isinstance(first["active"], str)
    assert all(v is None or isinstance(v, str) for v in first.values() if not isinstance(v, list))
    found = await customers.get_customer(ctx, int(first["userid"]))
    assert found is not None and found["company"] == first["company"]


async def check_tech9(status: int, body: Any, ctx: Ctx) -> None:
    # 201 {"id": N, "status": "draft"}: a draft invoice of the example's line
    assert status == 201 and set(body) == {"id", "status"} and body["status"] == "draft"
    stored = await invoices.get_invoice(ctx, body["id"])
    assert stored is not None and stored["status"] == DRAFT and stored["customer_id"] == 1
    assert str(stored["total"]) == "3800.00"


async def check_v1(status: int, body: Any, ctx: Ctx) -> None:
    # 201 with the record: an integer id, the company and its primary contact's email
    assert status == 201 and isinstance(body["id"], int)
    assert (body["company"], body["email"]) == ("ACME Corp", "contact@acme.com")
    stored = await customers.get_customer(ctx, body["id"])
    assert stored is not None and stored["company"] == "ACME Corp"


async def check_v2(status: int, body: Any, ctx: Ctx) -> None:
    assert status == 200 and body["success"] is True
    assert len(body["data"]) == 2 and all(isinstance(r["id"], int) for r in body["data"])
    assert {"account", "email", "country"} <= set(body["data"][0])
    assert body["meta"] == {"current_page": 1, "total_pages": 2, "total_records": 4}


async def check_ninja(status: int, body: Any, ctx: Ctx) -> None:
    # hashed string ids that decode to real clients, and Ninja's pagination
    assert status == 200 and len(body["data"]) == 2
    hashed = HashedIds(SETTINGS.secret_key)
    for client in body["data"]:
        assert isinstance(client["id"], str) and not client["id"].isdigit()
        assert len(client["id"]) >= 10
        found = await customers.get_customer(ctx, hashed.decode(client["id"]))
        assert found is not None and found["company"] == client["name"]
    assert body["meta"]["pagination"]["total"] == 4


CHECKS: dict[str, Callable[[int, Any, Ctx], Any]] = {
    "perfex": check_perfex, "tech9": check_tech9, "v1": check_v1, "v2": check_v2,
    "ninja": check_ninja,
}  # fmt: skip


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_the_readme_example_answers_as_documented(
    dialect: str, app_client: httpx.AsyncClient, demo: Database, ctx: Ctx
) -> None:
    # given demo data and the token `make serve` would print
    token = (await make_token(demo, "*", name="make serve")).token
    example = readme_examples(token)[dialect]

    # when the README's command runs
    status, body = await run(app_client, example)

    # then it answers as the section says
    await CHECKS[dialect](status, body, ctx)
