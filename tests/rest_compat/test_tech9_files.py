"""tech9's multipart upload and a project's files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

from gateway.app import jwt_keys
from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from resolvers import files, projects
from resolvers.core.context import Ctx
from rest_compat import build_routes
from tests.factories import make_customer
from tests.rest_compat.conftest import SETTINGS

PDF = b"%PDF-1.7 scope of work, version 2"


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    return tmp_path / "storage"


@pytest.fixture
async def uploads(db: Database, storage: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The REST app with its uploads kept under a temporary directory."""
    keys = jwt_keys(SETTINGS)
    template = Ctx(db=db, keys=keys, storage_dir=storage, max_upload_bytes=1024)
    app = Starlette(
        routes=build_routes(SETTINGS, ctx=template),
        middleware=[Middleware(AuthenticationMiddleware, db=db, keys=keys)],
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://crm.test"
    ) as client:
        yield client


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_a_file_uploaded_to_a_project_is_listed_on_it(
    uploads: httpx.AsyncClient, token: str, ctx: Ctx, storage: Path
) -> None:
    customer = await make_customer(ctx)
    project = await projects.create_project(ctx, {"name": "Rollout", "customer_id": customer["id"]})

    sent = await uploads.post(
        "/api/files",
        files={"file": ("scope-v2.pdf", PDF, "application/pdf")},
        data={"rel_type": "project", "rel_id": str(project["id"]), "visible_to_customer": "true"},
        headers=auth(token),
    )
    listed = await uploads.get(f"/api/projects/{project['id']}/files", headers=auth(token))
    row, path = await files.open_file(replace(ctx, storage_dir=storage), sent.json()["id"])

    assert sent.status_code == 201
    assert sent.json() == {"id": row["id"], "name": "scope-v2.pdf"}
    assert listed.status_code == 200
    assert [(f["id"], f["name"]) for f in listed.json()] == [(row["id"], "scope-v2.pdf")]
    assert listed.json()[0]["visible_to_customer"] is True
    assert path.read_bytes() == PDF and storage in path.parents
    assert row["rel_type"] == "project" and row["content_type"] == "application/pdf"


async def test_upload_failures_name_the_field(
    uploads: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    no_file = await uploads.post("/api/files", data={"rel_type": "customer", "rel_id": "1"},
                                 headers=auth(token))  # fmt: skip
    as_json = await uploads.post("/api/files", json={"rel_type": "customer"}, headers=auth(token))
    nowhere = await uploads.post(
        "/api/files", files={"file": ("a.txt", b"x")},
        data={"rel_type": "customer", "rel_id": "999"}, headers=auth(token),
    )  # fmt: skip
    bad_kind = await uploads.post(
        "/api/files", files={"file": ("a.txt", b"x")},
        data={"rel_type": "planet", "rel_id": str(customer["id"])}, headers=auth(token),
    )  # fmt: skip
    too_big = await uploads.post(
        "/api/files", files={"file": ("a.bin", b"x" * 2048)},
        data={"rel_type": "customer", "rel_id": str(customer["id"])}, headers=auth(token),
    )  # fmt: skip

    assert no_file.status_code == 400 and "file" in no_file.json()["errors"]
    assert as_json.status_code == 400 and "file" in as_json.json()["errors"]
    assert nowhere.status_code == 400 and "rel_id" in nowhere.json()["errors"]
    assert bad_kind.status_code == 400 and "rel_type" in bad_kind.json()["errors"]
    assert too_big.status_code == 400 and "file" in too_big.json()["errors"]


async def test_the_files_of_an_unknown_project_are_404(
    uploads: httpx.AsyncClient, token: str
) -> None:
    response = await uploads.get("/api/projects/999/files", headers=auth(token))

    assert response.status_code == 404 and response.json()["error"] == "not_found"
