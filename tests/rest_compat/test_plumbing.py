"""The shared plumbing: bracket keys, id codecs, field maps, the limiter, the docs."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from gateway.limits.store import MemoryLimiter
from gateway.openapi import documented_path, openapi_document, openapi_routes
from resolvers.core.errors import NotFound
from rest_compat import route_tables
from rest_compat.errors import BadRequest
from rest_compat.ids import HashedIds, IntegerIds
from rest_compat.ninja.fields import CLIENT_IN
from rest_compat.requests import nest
from tests.rest_compat.conftest import SETTINGS


def test_bracket_keys_become_nested_data() -> None:
    pairs = [
        ("company", "x"),
        ("custom_fields[customers][1]", "a"),
        ("custom_fields[customers][2]", "b"),
        ("newitems[0][description]", "d0"),
        ("newitems[0][qty]", "2"),
        ("newitems[1][description]", "d1"),
        ("permissions[]", "1"),
        ("permissions[]", "5"),
    ]

    assert nest(pairs) == {
        "company": "x",
        "custom_fields": {"customers": {"1": "a", "2": "b"}},
        "newitems": [{"description": "d0", "qty": "2"}, {"description": "d1"}],
        "permissions": ["1", "5"],
    }


@pytest.mark.parametrize(
    "pairs",
    [[("a[b", "1")], [("a]", "1")], [("a", "1"), ("a[b]", "2")], [("a[b]", "1"), ("a", "2")]],
)
def test_malformed_bracket_keys_are_refused_by_name(pairs: list[tuple[str, str]]) -> None:
    with pytest.raises(BadRequest) as caught:
        nest(pairs)

    assert pairs[-1][0] in caught.value.message or pairs[0][0] in caught.value.message


def test_hashed_ids_are_stable_per_secret_and_reject_what_they_did_not_issue() -> None:
    ids = HashedIds("secret")
    samples = [1, 2, 42, 2**31 - 1]

    encoded = [ids.encode(n) for n in samples]

    assert [HashedIds("secret").decode(e) for e in encoded] == samples
    assert all(len(e) >= 10 and e.isalnum() for e in encoded)
    assert HashedIds("other").encode(1) != encoded[0]
    # An id past the 32-bit id columns is no id this API issues.
    past = ids.encode(2**31)
    for bad in ("", "12", "not-an-id!", encoded[0] + "x", encoded[0][::-1], past):
        with pytest.raises(NotFound):
            ids.decode(bad)


def test_integer_ids_reject_anything_but_digits() -> None:
    assert IntegerIds().decode("17") == 17
    for bad in ("abc", "-1", "1.5", "9" * 40, "²", "٣", str(2**31), "9223372036854775808"):
        with pytest.raises(NotFound):
            IntegerIds().decode(bad)


def test_field_maps_rename_drop_echoes_and_name_client_fields_in_errors() -> None:
    data = CLIENT_IN.to_service(
        {"name": "N", "postal_code": "1", "balance": 9, "custom_value1": "",
         "settings": {"currency_id": "2"},
         "contacts": [{"first_name": "A", "send_email": False, "password": "****"}]}
    )  # fmt: skip

    assert data["company"] == "N" and data["zip"] == "1" and data["default_currency"] == "2"
    assert "balance" not in data and "custom_value1" not in data
    assert data["contacts"][0]["firstname"] == "A"
    assert data["contacts"][0]["invoice_emails"] is False
    assert "password" not in data["contacts"][0]
    assert CLIENT_IN.client_name("company") == "name"
    assert CLIENT_IN.client_name("contacts.3.firstname") == "contacts.3.first_name"


async def test_the_memory_limiter_counts_per_key_and_resets_each_hour() -> None:
    now = [7200.0]
    limiter = MemoryLimiter(clock=lambda: now[0])

    first = await limiter.hit("a", 2)
    await limiter.hit("a", 2)
    third = await limiter.hit("a", 2)
    other = await limiter.hit("b", 2)
    now[0] += 3600
    later = await limiter.hit("a", 2)

    assert (first.remaining, third.exceeded, other.remaining) == (1, True, 1)
    assert first.reset == 10800 and later.remaining == 1


def test_the_openapi_document_lists_every_row_with_auth_and_bodies() -> None:
    document = openapi_document()

    for dialect, rows in route_tables(SETTINGS):
        for row in rows:
            path = documented_path(document["paths"], row.path)
            operation = document["paths"][path][row.method.lower()]
            assert dialect.name in operation["tags"]
            # Only signing in answers without a credential.
            assert bool(operation["security"]) is not row.public
            if row.fields is not None:
                assert "requestBody" in operation, (row.method, row.path)
    schemes = document["components"]["securitySchemes"]
    assert {"authtoken", "x_api_key", "x_api_token", "bearer"} <= set(schemes)
    assert document["openapi"].startswith("3.1")
    perfex_add = document["paths"]["/api/customers"]["post"]
    assert {"multipart/form-data", "application/json"} <= set(perfex_add["requestBody"]["content"])
    form = perfex_add["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "phonenumber" in form["properties"]
    ninja_add = document["paths"]["/api/v1/clients"]["post"]["requestBody"]
    assert "name" in ninja_add["content"]["application/json"]["schema"]["properties"]


async def test_docs_are_served_without_credentials_from_vendored_assets() -> None:
    app = Starlette(routes=openapi_routes())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://docs.test") as client:
        spec = await client.get("/openapi.json")
        page = await client.get("/docs")
        bundle = await client.get("/docs/assets/swagger-ui-bundle.js")
        init = await client.get("/docs/assets/init.js")

    assert spec.status_code == 200 and "/api/v1/clients" in spec.json()["paths"]
    assert page.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from a CDN
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    assert "/openapi.json" in init.text
