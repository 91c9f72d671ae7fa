"""Bodies hold to what /openapi.json states, as forms, multipart and JSON: the server takes
a body the document calls valid and refuses, naming the field, one it calls invalid."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import pytest

from gateway.database import Database
from gateway.openapi import openapi_document
from resolvers.demo_data import seed_demo
from tests.factories import make_token


@pytest.fixture
async def demo_token(db: Database, tmp_path: Path) -> str:
    """A token over the demo data: record 1 of every kind exists."""
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    return (await make_token(db, "*")).token


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


@cache
def _document() -> dict[str, Any]:
    return openapi_document()


def documented(method: str, path: str, media: str, body: dict[str, Any]) -> bool:
    """Whether /openapi.json takes `body` sent as `media` (formats asserted, as
    schemathesis asserts them)."""
    document = _document()
    content = document["paths"][path][method.lower()]["requestBody"]["content"]
    root = {**content[media]["schema"], "components": document["components"]}
    return bool(jsonschema_rs.validator_for(root, validate_formats=True).is_valid(body))


async def answer(
    client: httpx.AsyncClient,
    token: str,
    method: str,
    path: str,
    body: dict[str, Any],
    *,
    form: bool = False,
) -> httpx.Response:
    if form:
        return await client.request(method, path, data=body, headers=auth(token))
    return await client.request(method, path, json=body, headers=auth(token))


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/subscriptions/1", "taxes"),
        ("/api/tasks/1", "assignees"),
        ("/api/tasks/1", "followers"),
        ("/api/projects/1", "project_members"),
    ],
)
@pytest.mark.parametrize("blank", [{"{field}": ""}, {"{field}[]": ["", "1"]}, {"{field}": "1,,2"}])
async def test_a_blank_in_a_form_list_of_ids_is_refused_naming_the_field(
    client: httpx.AsyncClient, demo_token: str, path: str, field: str, blank: dict[str, object]
) -> None:
    form = {key.format(field=field): value for key, value in blank.items()}

    response = await client.put(path, data=form, headers=auth(demo_token))

    assert 400 <= response.status_code < 500, response.text
    assert any(name.split(".")[0] == field for name in response.json()["errors"]), response.text


@pytest.mark.parametrize(
    ("password", "taken"),
    [(None, True), ("", True), ("   ", True), ("new-pass-456", True), ("short", False),
     (12345678, False), (True, False), (["new-pass-456"], False)],
)  # fmt: skip
async def test_a_staff_update_takes_the_password_the_document_states(
    client: httpx.AsyncClient, demo_token: str, password: object, taken: bool
) -> None:
    body = {"password": password}

    response = await answer(client, demo_token, "PUT", "/api/staffs/2", body)

    assert documented("PUT", "/api/staffs/{id}", "application/json", body) is taken
    assert (response.status_code == 200) is taken, response.text
    if not taken:
        assert list(response.json()["errors"]) == ["password"]


PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("form", "refused"),
    [({"x-unknown-property": "42"}, "x-unknown-property"),
     ({"visible_to_customer": "42"}, "visible_to_customer"),
     ({"visible_to_customer": "true"}, None), ({"visible_to_customer": " Off "}, None)],
)  # fmt: skip
async def test_an_upload_refuses_a_part_the_document_does_not_state(
    client: httpx.AsyncClient, demo_token: str, form: dict[str, str], refused: str | None
) -> None:
    sent = {"rel_type": "lead", "rel_id": "1", **form}
    # As the document types the parts: the id a number, the file its bytes.
    body = {**sent, "rel_id": 1, "file": "file.png"}

    response = await client.post(
        "/api/files",
        data=sent,
        files={"file": ("file.png", PNG, "image/png")},
        headers={"Authorization": f"Bearer {demo_token}"},
    )

    assert documented("POST", "/api/files", "multipart/form-data", body) is (refused is None)
    if refused is None:
        assert response.status_code == 201, response.text
    else:
        assert response.status_code == 400, response.text
        assert list(response.json()["errors"]) == [refused]


async def test_a_sign_in_refuses_a_field_it_does_not_read(
    client: httpx.AsyncClient, demo_token: str
) -> None:
    body = {"email": "ops@example.com", "password": "not-the-password", "remember": True}

    response = await client.post("/api/v1/auth/login", json=body)

    assert not documented("POST", "/api/v1/auth/login", "application/json", body)
    assert response.status_code == 400, response.text
    assert list(response.json()["errors"]) == ["remember"]


@pytest.mark.parametrize(
    ("recurring", "taken"),
    [(False, False), (True, False), ("false", False), ("no", False), (3, True), (0, True),
     ("custom", True), (" Custom ", True), ("", True), (400, False)],
)  # fmt: skip
@pytest.mark.parametrize("form", [False, True])
async def test_an_invoice_repeats_by_a_count_never_by_true_or_false(
    client: httpx.AsyncClient, demo_token: str, recurring: object, taken: bool, form: bool
) -> None:
    if form and isinstance(recurring, bool):
        recurring = str(recurring).lower()  # a form sends the words
    body = {"recurring": recurring}
    media = "application/x-www-form-urlencoded" if form else "application/json"
    sent = {"recurring": str(recurring)} if form else body

    response = await answer(client, demo_token, "PUT", "/api/invoices/1", sent, form=form)

    assert documented("PUT", "/api/invoices/{id}", media, body) is taken
    assert (response.status_code == 200) is taken, response.text
    if not taken:
        assert list(response.json()["errors"]) == ["recurring"]


# Every dialect's lead create: where it is sent, how, and the rest of a valid body.
LEAD_CREATES = [
    ("/api/leads", False, {}),  # tech9 (JSON)
    ("/api/v2/leads", False, {}),
    ("/api/v1/leads", False, {"name": "Ann Lee"}),
    ("/api/leads", True, {"name": "Ann Lee", "source": 1, "status": 1, "assigned": 1}),  # perfex
]


@pytest.mark.parametrize(("path", "form", "base"), LEAD_CREATES)
@pytest.mark.parametrize(
    ("names", "taken"),
    [({"first_name": ""}, False), ({"first_name": "  "}, False),
     ({"first_name": "", "last_name": "Lee"}, False), ({"first_name": "Ann"}, True),
     ({"first_name": "Ann", "last_name": ""}, True)],
)  # fmt: skip
async def test_a_lead_needs_a_name_as_the_document_states(
    client: httpx.AsyncClient,
    demo_token: str,
    path: str,
    form: bool,
    base: dict[str, object],
    names: dict[str, str],
    taken: bool,
) -> None:
    body = {**base, **names}
    media = "application/x-www-form-urlencoded" if form else "application/json"
    headers = {**auth(demo_token), "X-API-KEY": demo_token}

    sent = {"data": {k: str(v) for k, v in body.items()}} if form else {"json": body}
    response = await client.post(path, headers=headers, **sent)

    assert documented("POST", path, media, body) is taken
    assert (response.status_code in (200, 201)) is taken, response.text
    if not taken:
        assert "first_name" in response.json()["errors"], response.text


@pytest.mark.parametrize(
    ("modes", "taken"), [(["1", "2"], True), (["1", "x", "2"], False), (["1"] * 51, False)]
)
async def test_a_form_key_given_again_is_a_list_checked_whole(
    client: httpx.AsyncClient, demo_token: str, modes: list[str], taken: bool
) -> None:
    # httpx sends a list as the key given again, as OpenAPI's form encoding does.
    sent = {"allowed_payment_modes": modes}
    body = {"allowed_payment_modes": [int(m) if m.isdigit() else m for m in modes]}

    response = await answer(client, demo_token, "PUT", "/api/invoices/1", sent, form=True)

    media = "application/x-www-form-urlencoded"
    assert documented("PUT", "/api/invoices/{id}", media, body) is taken
    assert (response.status_code == 200) is taken, response.text
    if not taken:
        assert [n.split(".")[0] for n in response.json()["errors"]] == ["allowed_payment_modes"]


@pytest.mark.parametrize(("path", "fields"), [
    ("/api/expenses", {"note": "moved"}),
    ("/api/credit_notes", {"adminnote": "moved"}),
])  # fmt: skip
@pytest.mark.parametrize("form", [True, False])
async def test_an_update_naming_its_record_in_the_body_documents_that_id(
    client: httpx.AsyncClient, demo_token: str, path: str, fields: dict[str, Any], form: bool
) -> None:
    """Perfex's PUT /api/expenses and /api/credit_notes take the record's id in the body: a
    generated client can send it only if the document states it, and required."""
    media = "application/x-www-form-urlencoded" if form else "application/json"
    named = {"id": 1, **fields}

    changed = await answer(client, demo_token, "PUT", path, named, form=form)
    unnamed = await answer(client, demo_token, "PUT", path, fields, form=form)

    assert documented("PUT", path, media, named)
    assert changed.status_code == 200, changed.text
    assert not documented("PUT", path, media, fields)
    assert 400 <= unnamed.status_code < 500 and "id" in unnamed.text, unnamed.text
