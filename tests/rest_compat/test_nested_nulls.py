"""A list of records inside a body (tech9's and v2's lines, ninja's contacts, v2's batch of
customers) is a list as the document states it: a null is refused naming the field, not
read as the field left out (schemathesis' data checks, issue 14)."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema_rs
import pytest

from gateway.openapi import openapi_document
from resolvers.core.context import Ctx
from tests.factories import make_customer

DOCUMENT = openapi_document()
LINE = {"description": "Consulting", "qty": 1, "unit_price": "10"}


def headers(token: str) -> dict[str, str]:
    return {"authtoken": token, "X-API-KEY": token, "X-API-TOKEN": token,
            "X-Requested-With": "XMLHttpRequest"}  # fmt: skip


def documented(path: str, field: str, value: Any) -> bool:
    content = DOCUMENT["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    root = {**content["schema"]["properties"][field], "components": DOCUMENT["components"]}
    return bool(jsonschema_rs.validator_for(root).is_valid(value))


@pytest.mark.parametrize(
    ("path", "field", "body"),
    [("/api/proposals", "items", {"subject": "Offer", "rel_type": "customer"}),
     ("/api/invoices", "items", {}),
     ("/api/estimates", "items", {}),
     ("/api/v2/invoices", "items", {}),
     ("/api/v2/quotes", "items", {}),
     ("/api/v1/clients", "contacts", {"name": "Nested Null"}),
     ("/api/v2/batch/customers", "customers", {})],
)  # fmt: skip
async def test_a_null_nested_list_is_refused_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx, path: str, field: str, body: dict[str, Any]
) -> None:
    customer = await make_customer(ctx)
    party = {"rel_id": customer["id"]} if "rel_type" in body else {"customer_id": customer["id"]}
    sent = {**body, **(party if field == "items" else {}), field: None}

    response = await client.post(path, json=sent, headers=headers(token))

    assert not documented(path, field, None)
    assert response.status_code in (400, 422), response.text
    assert field in response.text and "must not be null" in response.text, response.text


async def test_a_proposal_with_its_lines_is_still_created(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    body = {"subject": "Offer", "rel_type": "customer", "rel_id": customer["id"],
            "items": [LINE]}  # fmt: skip

    response = await client.post("/api/proposals", json=body, headers=headers(token))

    assert response.status_code == 201, response.text
