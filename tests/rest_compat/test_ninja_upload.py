"""ninja: documents uploaded on a client, shown with include=documents, downloaded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

from gateway.app import jwt_keys
from gateway.authentication import AuthenticationMiddleware
from gateway.database import Database
from gateway.openapi import openapi_document
from resolvers import files
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from rest_compat import build_routes
from rest_compat.ids import HashedIds
from tests.factories import make_customer, make_token
from tests.rest_compat.conftest import SETTINGS

PNG = b"\x89PNG\r\n\x1a\n a small picture"
HASHED = HashedIds(SETTINGS.secret_key)
DOCUMENT = openapi_document()


@pytest.fixture
async def app(db: Database, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    keys = jwt_keys(SETTINGS)
    template = Ctx(db=db, keys=keys, storage_dir=tmp_path / "storage", max_upload_bytes=1024)
    starlette = Starlette(
        routes=build_routes(SETTINGS, ctx=template),
        middleware=[Middleware(AuthenticationMiddleware, db=db, keys=keys)],
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=starlette), base_url="http://ninja.test"
    ) as client:
        yield client


def auth(token: str) -> dict[str, str]:
    return {"X-API-TOKEN": token}


async def test_documents_are_uploaded_listed_and_downloaded(
    app: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    client_id = HASHED.encode(customer["id"])

    uploaded = await app.put(
        f"/api/v1/clients/{client_id}/upload",
        data={"_method": "PUT"},
        files=[("documents[]", ("filename.png", PNG, "image/png")),
               ("documents[]", ("notes.txt", b"hello", "text/plain"))],
        headers=auth(token),
    )  # fmt: skip
    shown = await app.get(f"/api/v1/clients/{client_id}?include=documents", headers=auth(token))
    plain = await app.get(f"/api/v1/clients/{client_id}", headers=auth(token))
    listed = await app.get("/api/v1/clients?include=contacts,documents", headers=auth(token))
    stored = await files.list_files(ctx, PageArgs(), rel_type="customer", rel_id=customer["id"])

    assert uploaded.status_code == 200
    documents = uploaded.json()["data"]["documents"]
    assert uploaded.json()["data"]["id"] == client_id
    assert [d["name"] for d in documents] == ["filename.png", "notes.txt"]
    assert [d["id"] for d in documents] == [HASHED.encode(r["id"]) for r in stored.rows]
    assert documents[0]["type"] == "png" and documents[0]["size"] == len(PNG)
    assert all(isinstance(d["id"], str) and not d["id"].isdigit() for d in documents)
    assert shown.json()["data"]["documents"] == documents
    assert plain.json()["data"]["documents"] == []
    assert listed.json()["data"][0]["documents"] == documents

    download = await app.get(documents[0]["url"], headers=auth(token))
    assert download.status_code == 200 and download.content == PNG
    assert download.headers["content-type"] == "image/png"
    assert 'filename="filename.png"' in download.headers["content-disposition"]


async def test_a_download_needs_the_clients_permission_and_a_real_id(
    app: httpx.AsyncClient, token: str, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    client_id = HASHED.encode(customer["id"])
    uploaded = await app.put(f"/api/v1/clients/{client_id}/upload",
                             files={"documents[]": ("a.txt", b"x", "text/plain")},
                             headers=auth(token))  # fmt: skip
    url = uploaded.json()["data"]["documents"][0]["url"]
    limited = await make_token(db, "leads:get", name="leads only")

    refused = await app.get(url, headers=auth(limited.token))
    unknown = await app.get("/api/v1/documents/notAnId99/download", headers=auth(token))
    anonymous = await app.get(url)

    assert refused.status_code == 403
    assert unknown.status_code == 404
    assert anonymous.status_code == 401


async def test_upload_failures(app: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    client_id = HASHED.encode(customer["id"])

    nothing = await app.put(f"/api/v1/clients/{client_id}/upload", data={"_method": "PUT"},
                            headers=auth(token))  # fmt: skip
    unknown = await app.put(f"/api/v1/clients/{HASHED.encode(999)}/upload",
                            files={"documents[]": ("a.txt", b"x")},
                            headers=auth(token))  # fmt: skip
    too_big = await app.put(f"/api/v1/clients/{client_id}/upload",
                            files={"documents[]": ("big.bin", b"x" * 2048)},
                            headers=auth(token))  # fmt: skip
    extra = await app.put(f"/api/v1/clients/{client_id}/upload", data={"colour": "red"},
                          files={"documents[]": ("a.txt", b"x")}, headers=auth(token))  # fmt: skip

    # The document asks for one file at least and as many as a write stores, as the server.
    upload = DOCUMENT["paths"]["/api/v1/clients/{id}/upload"]["put"]["requestBody"]
    documents = upload["content"]["multipart/form-data"]["schema"]["properties"]["documents"]
    assert (documents["minItems"], documents["maxItems"]) == (1, files.MAX_FILES)
    assert nothing.status_code == 422
    assert nothing.json()["errors"] == {"documents": [nothing.json()["errors"]["documents"][0]]}
    assert unknown.status_code == 404
    assert too_big.status_code == 422 and "file" in too_big.json()["errors"]
    assert extra.status_code == 422 and "colour" in extra.json()["errors"]
    left = await files.list_files(ctx, PageArgs(), rel_type="customer", rel_id=customer["id"])
    assert left.rows == []


async def test_every_documents_part_is_a_file_stored_as_the_document_sends_an_array(
    app: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    client_id = HASHED.encode(customer["id"])
    upload = DOCUMENT["paths"]["/api/v1/clients/{id}/upload"]["put"]["requestBody"]
    documents = upload["content"]["multipart/form-data"]["schema"]["properties"]["documents"]

    # An array of files is sent as one part per file under the property's own name.
    sent = await app.put(
        f"/api/v1/clients/{client_id}/upload",
        files=[("documents", ("a.png", PNG, "image/png")), ("documents", ("empty.txt", b""))],
        headers=auth(token),
    )  # fmt: skip
    texts = await app.put(
        f"/api/v1/clients/{client_id}/upload", data={"documents": "not a file"},
        headers=auth(token),
    )  # fmt: skip
    too_many = await app.put(
        f"/api/v1/clients/{client_id}/upload",
        files=[("documents", (f"{n}.txt", b"x")) for n in range(files.MAX_FILES + 1)],
        headers=auth(token),
    )  # fmt: skip

    assert documents["type"] == "array" and documents["items"]["format"] == "binary"
    assert sent.status_code == 200, sent.text
    assert [d["name"] for d in sent.json()["data"]["documents"]] == ["a.png", "empty.txt"]
    assert texts.status_code == 422 and "documents" in texts.json()["errors"]
    assert too_many.status_code == 422 and "documents" in too_many.json()["errors"]
