"""Files over the GraphQL multipart request spec, through the whole app: the bytes land
in the storage directory under a safe name, only with a header that forces a CORS
preflight, within the size limit, and only for callers who may read the record. And a
download follows the permission of the record the file is on, for every kind."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import files, leads
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, NotFound
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from tests.factories import make_token
from tests.schema.graph import SETTINGS, data, error_code, global_id, graph_client

LIMIT = 64
PDF = b"%PDF-1.7 signed scope"
PREFLIGHT = {"Apollo-Require-Preflight": "true"}

UPLOAD = """
mutation($input: FileUploadInput!) {
  uploadFile(input: $input) {
    record { id fileName contentType size sha256 record { ... on Lead { name } } }
    userErrors { field code message }
  }
}
"""
UPLOAD_MANY = """
mutation($input: FilesUploadInput!) {
  uploadFiles(input: $input) {
    records { fileName size }
    userErrors { field code }
  }
}
"""


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
async def client(db: Database, uploads: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(SETTINGS, storage_dir=uploads, max_upload_bytes=LIMIT)
    async with graph_client(db, settings) as c:
        yield c


@pytest.fixture
async def lead(ctx: Ctx) -> Row:
    return await leads.create_lead(ctx, {"name": "Jonas Weiss"})


def stored(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def file_rows(db: Database) -> int:
    async with db.read() as conn:
        return int((await conn.execute(select(func.count()).select_from(files.files))).scalar_one())


async def multipart(
    client: httpx.AsyncClient,
    token: str,
    query: str,
    variables: dict[str, Any],
    parts: dict[str, tuple[str, bytes, str]],
    paths: dict[str, list[str]],
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """A request as the multipart spec lays it out: operations, map, then the files."""
    form = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps(paths),
    }
    return await client.post(
        "/graphql",
        data=form,
        files=parts,
        headers={"Authorization": f"Bearer {token}", **(PREFLIGHT if headers is None else headers)},
    )


def one_file(lead: Row, **extra: Any) -> dict[str, Any]:
    return {"input": {"relType": "LEAD", "recordId": global_id("Lead", lead["id"]),
                      "file": None, **extra}}  # fmt: skip


async def test_a_file_part_is_stored_under_a_safe_name(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path
) -> None:
    response = await multipart(
        client, token, UPLOAD, one_file(lead),
        {"0": ("../../etc/.signed scope.pdf", PDF, "application/pdf")},
        {"0": ["variables.input.file"]},
    )  # fmt: skip

    payload = data(response.json())["uploadFile"]
    assert payload["userErrors"] == []
    record = payload["record"]
    assert {k: v for k, v in record.items() if k != "id"} == {
        "fileName": "signed scope.pdf", "contentType": "application/pdf", "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(), "record": {"name": "Jonas Weiss"},
    }  # fmt: skip
    [path] = stored(uploads)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(uploads) and "scope" not in str(path.relative_to(uploads))


async def test_several_file_parts_are_written_together(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path, db: Database
) -> None:
    variables = {"input": {"relType": "LEAD", "recordId": global_id("Lead", lead["id"]),
                           "files": [None, None]}}  # fmt: skip
    paths = {"0": ["variables.input.files.0"], "1": ["variables.input.files.1"]}

    fine = await multipart(
        client, token, UPLOAD_MANY, variables,
        {"0": ("a.txt", b"first", "text/plain"), "1": ("b.txt", b"second", "text/plain")}, paths,
    )  # fmt: skip
    too_big = await multipart(
        client, token, UPLOAD_MANY, variables,
        {"0": ("c.txt", b"third", "text/plain"), "1": ("d.txt", b"x" * (LIMIT + 1), "text/plain")},
        paths,
    )  # fmt: skip

    assert data(fine.json())["uploadFiles"] == {
        "records": [{"fileName": "a.txt", "size": 5}, {"fileName": "b.txt", "size": 6}],
        "userErrors": [],
    }
    # all or none: the first file of the refused request left nothing behind
    assert data(too_big.json())["uploadFiles"] == {
        "records": [], "userErrors": [{"field": "files", "code": "INVALID"}],
    }  # fmt: skip
    assert sorted(p.read_bytes() for p in stored(uploads)) == [b"first", b"second"]
    assert await file_rows(db) == 2


async def test_without_a_preflight_header_a_multipart_post_is_refused(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path, db: Database
) -> None:
    response = await multipart(
        client, token, UPLOAD, one_file(lead), {"0": ("a.pdf", PDF, "application/pdf")},
        {"0": ["variables.input.file"]}, headers={},
    )  # fmt: skip

    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert "Apollo-Require-Preflight" in response.json()["errors"][0]["message"]
    assert stored(uploads) == [] and await file_rows(db) == 0


async def test_a_file_past_the_limit_is_refused_and_leaves_nothing(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path, db: Database
) -> None:
    response = await multipart(
        client, token, UPLOAD, one_file(lead), {"0": ("big.bin", b"x" * (LIMIT + 1), "")},
        {"0": ["variables.input.file"]},
    )  # fmt: skip

    payload = data(response.json())["uploadFile"]
    assert payload["record"] is None
    assert payload["userErrors"][0]["field"] == "file"
    assert str(LIMIT) in payload["userErrors"][0]["message"]
    assert stored(uploads) == [] and await file_rows(db) == 0


async def test_a_body_past_the_cap_is_refused_before_it_is_parsed(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path
) -> None:
    # the cap: ten files of the limit plus a megabyte for the operations
    huge = b"x" * (LIMIT * 10 + 1024 * 1024 + 1)

    response = await multipart(
        client, token, UPLOAD, one_file(lead), {"0": ("huge.bin", huge, "")},
        {"0": ["variables.input.file"]},
    )  # fmt: skip

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert stored(uploads) == []


async def test_a_caller_who_may_not_read_the_record_cannot_upload_to_it(
    client: httpx.AsyncClient, lead: Row, uploads: Path, db: Database
) -> None:
    uploader = (await make_token(db, "files:create", name="uploader")).token
    reader = (await make_token(db, "files:create", "leads:get", name="reader")).token
    parts = {"0": ("a.pdf", PDF, "application/pdf")}
    paths = {"0": ["variables.input.file"]}

    refused = await multipart(client, uploader, UPLOAD, one_file(lead), parts, paths)
    allowed = await multipart(client, reader, UPLOAD, one_file(lead), parts, paths)

    assert error_code(refused.json()) == "FORBIDDEN"
    assert data(allowed.json())["uploadFile"]["userErrors"] == []
    assert len(stored(uploads)) == 1 and await file_rows(db) == 1


async def test_an_upload_variable_must_be_a_file_part(
    client: httpx.AsyncClient, token: str, lead: Row, uploads: Path
) -> None:
    # a JSON request cannot smuggle a string in as a file
    response = await client.post(
        "/graphql",
        json={"query": UPLOAD, "variables": one_file(lead, file="not a file")},
        headers={"Authorization": f"Bearer {token}"},
    )
    neither = await client.post(
        "/graphql",
        json={"query": UPLOAD, "variables": one_file(lead, fileName="a.txt")},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert data(response.json())["uploadFile"]["userErrors"][0]["field"] == "file"
    assert data(neither.json())["uploadFile"]["userErrors"][0]["field"] == "file"
    assert stored(uploads) == []


def caller(ctx: Ctx, *grants: str) -> Ctx:
    return replace(ctx, principal=Principal(kind="token", id=7, name="t", grants=frozenset(grants)))


@pytest.mark.parametrize("rel_type", sorted(files.REL_TYPES))
async def test_a_download_needs_the_right_to_read_the_record_of_each_kind(
    ctx: Ctx, db: Database, rel_type: str
) -> None:
    # given a file on a record of this kind (the record itself is gone: the rule is
    # checked before the record is looked up)
    async with db.write() as conn:
        row = await insert_row(
            conn, files.files,
            {"rel_type": rel_type, "rel_id": 999_999, "file_name": "a.pdf", "size": 1,
             "storage_key": f"ab/{rel_type}"},
        )  # fmt: skip
    grant = files.owner_grant(rel_type)
    others = {f"{files.owner_grant(k)}:get" for k in files.REL_TYPES if k != rel_type}

    # when someone who may read files and every other kind of record asks, then no
    with pytest.raises(Forbidden):
        await files.open_file(caller(ctx, "files:get", *others), row["id"])
    # and someone who may read this kind gets past the rule (to a record that is gone)
    with pytest.raises(NotFound):
        await files.open_file(caller(ctx, f"{grant}:get"), row["id"])
