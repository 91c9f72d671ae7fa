"""Trusted documents over HTTP: the manifest formats, every way a request names a
document, what `enforce` refuses, and a manifest the server refuses to start with."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.config_check import check
from gateway.database import Database
from gateway.settings import Settings
from gateway.trusted_documents import ManifestError, load_manifest, parse_manifest
from resolvers.core.context import Ctx
from tests.factories import make_customer, make_token

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")
LISTED = "query Listed($id: Int!) { customer(databaseId: $id) { company } }"
OTHER = "query Other { customers(first: 1) { nodes { company } } }"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def apollo_manifest(*bodies: str) -> dict[str, Any]:
    return {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [
            {"id": sha256(b), "name": b.split()[1].split("(")[0], "type": "query", "body": b}
            for b in bodies
        ],
    }


def write(tmp_path: Path, manifest: object) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    return path


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db, "customers:get")).token


async def serve(db: Database, manifest: Path, mode: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = dataclasses.replace(
        SETTINGS, trusted_documents=manifest, trusted_documents_mode=mode
    )
    app = create_app(settings, db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client


@pytest.fixture
async def enforced(db: Database, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in serve(db, write(tmp_path, apollo_manifest(LISTED)), "enforce"):
        yield client


@pytest.fixture
async def allowed(db: Database, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    relay = {"relay-listed-1": LISTED}
    async for client in serve(db, write(tmp_path, relay), "allow"):
        yield client


async def post(client: httpx.AsyncClient, token: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", json=body, headers={"Authorization": f"Bearer {token}"})


def test_both_manifest_formats_are_read() -> None:
    apollo = parse_manifest(json.dumps(apollo_manifest(LISTED)).encode())
    relay = parse_manifest(json.dumps({"abc123": LISTED}).encode(), "enforce")

    assert [(op.id, op.name, op.body) for op in apollo] == [(sha256(LISTED), "Listed", LISTED)]
    assert relay.lookup("abc123") is not None and relay.enforce
    # A listed body is known by its own hash too, with or without the sha256: prefix.
    assert relay.lookup(f"sha256:{sha256(LISTED)}") == relay.lookup("abc123")


@pytest.mark.parametrize(
    ("manifest", "says"),
    [
        ("[]", "expected a JSON object"),
        ('{"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}',
         "unsupported version 2"),
        ('{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{}]}',
         "operations[0].id"),
        ('{"format": "other"}', "unknown format 'other'"),
        ('{"x": 1}', "document 'x'"),
        ("{", "not JSON"),
    ],
)  # fmt: skip
def test_a_manifest_it_cannot_use_is_refused_saying_why(
    tmp_path: Path, manifest: str, says: str
) -> None:
    path = tmp_path / "m.json"
    path.write_text(manifest)
    with pytest.raises(ManifestError, match=says.replace("[", r"\[").replace("]", r"\]")):
        load_manifest(path)
    with pytest.raises(ManifestError, match="CRM_TRUSTED_DOCUMENTS_MODE"):
        load_manifest(path, "strict")


async def test_a_listed_document_the_schema_refuses_stops_the_start(
    db: Database, tmp_path: Path
) -> None:
    broken = "query Broken { customers(first: 1) { nodes { noSuchField } } }"
    deep = "query Deep { customers { nodes { contacts { nodes { email } } } } }"
    path = write(tmp_path, apollo_manifest(LISTED, broken, deep))
    settings = dataclasses.replace(SETTINGS, trusted_documents=path, max_query_depth=3)

    with pytest.raises(ManifestError) as refused:
        create_app(settings, db=db)

    assert "2 trusted documents are refused" in str(refused.value)
    assert "Broken: Cannot query field 'noSuchField'" in str(refused.value)
    assert "Deep: 'Deep' exceeds maximum operation depth of 3" in str(refused.value)


async def test_every_way_of_naming_a_listed_document_runs_it(
    allowed: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="Atlas Logistics")
    variables = {"id": customer["id"]}
    bodies = [
        {"documentId": "relay-listed-1"},
        {"documentId": f"sha256:{sha256(LISTED)}"},
        {"doc_id": "relay-listed-1"},
        {"id": "relay-listed-1"},
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(LISTED)}}},
        {"query": LISTED},
    ]
    for body in bodies:
        reply = await post(allowed, token, {"variables": variables, **body})
        assert reply.status_code == 200, (body, reply.text)
        assert reply.json()["data"] == {"customer": {"company": "Atlas Logistics"}}, body
    # allow: any other document too.
    other = await post(allowed, token, {"query": OTHER})
    assert other.json()["data"] == {"customers": {"nodes": [{"company": "Atlas Logistics"}]}}


async def test_enforced_runs_listed_documents_and_refuses_the_rest_by_code(
    enforced: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="Atlas Logistics")
    variables = {"id": customer["id"]}

    listed = await post(enforced, token, {"documentId": sha256(LISTED), "variables": variables})
    as_text = await post(enforced, token, {"query": LISTED, "variables": variables})
    other = await post(enforced, token, {"query": OTHER})
    unknown = await post(enforced, token, {"documentId": "nope"})
    apq_unknown = await post(
        enforced,
        token,
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(OTHER)}}},
    )
    apq_register = await post(
        enforced,
        token,
        {
            "query": OTHER,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(OTHER)}},
        },
    )
    by_get = await enforced.get(
        "/graphql", params={"query": OTHER}, headers={"Authorization": f"Bearer {token}"}
    )

    assert listed.json()["data"] == {"customer": {"company": "Atlas Logistics"}}
    assert as_text.json()["data"] == listed.json()["data"]
    for refused in (other, apq_register, by_get):
        assert refused.status_code == 400, refused.text
        assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
        assert "data" not in refused.json()
    for missing in (unknown, apq_unknown):
        # 200 under application/json: Apollo's link reads the code (as for APQ).
        assert missing.status_code == 200, missing.text
        assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_a_prepared_listed_document_still_checks_its_caller(
    enforced: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    reader = (await make_token(db, "customers:get", name="reader")).token
    other = (await make_token(db, "invoices:get", name="other")).token
    body = {"documentId": sha256(LISTED), "variables": {"id": customer["id"]}}

    for _ in range(2):
        assert (await post(enforced, reader, body)).json()["data"]["customer"]
    refused = (await post(enforced, other, body)).json()

    assert refused["data"]["customer"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_check_config_names_a_manifest_or_mode_it_cannot_use(tmp_path: Path) -> None:
    good = write(tmp_path, apollo_manifest(LISTED))
    (tmp_path / "bad.json").write_text('{"format": "apollo-persisted-query-manifest"}')

    _, fine, _ = check({"CRM_TRUSTED_DOCUMENTS": str(good), "CRM_PREPARED_OPERATIONS": "0"})
    _, errors, _ = check(
        {
            "CRM_TRUSTED_DOCUMENTS": str(tmp_path / "bad.json"),
            "CRM_TRUSTED_DOCUMENTS_MODE": "strict",
        }
    )

    assert fine == []
    assert errors == [
        f"CRM_TRUSTED_DOCUMENTS: {tmp_path / 'bad.json'}: unsupported version None: expected 1",
        "CRM_TRUSTED_DOCUMENTS_MODE: expected one of allow, enforce",
    ]
