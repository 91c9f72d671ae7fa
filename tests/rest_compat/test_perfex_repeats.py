"""Perfex's `recurring` and its custom repeat (`repeat_every_custom`, `repeat_type_custom`)
for invoices and expenses, read as /openapi.json states them: the custom fields bounded
as the record's own count and kind whenever sent, and an expense's `recurring` a count of
months, "custom" or a flag, whose repeat rule holds as the reader fills it (schemathesis'
data checks, issue 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import jsonschema_rs
import pytest

from gateway.openapi import openapi_document
from resolvers import expenses, invoices
from resolvers.core.context import Ctx, Row
from tests.factories import make_customer

DOCUMENT = openapi_document()
EXPENSE = {"category": 1, "amount": "10.00", "date": dt.date(2024, 1, 1)}


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


def documented(method: str, path: str, body: dict[str, Any]) -> bool:
    """Whether the JSON body is one the document calls valid."""
    content = DOCUMENT["paths"][path][method]["requestBody"]["content"]["application/json"]
    root = {**content["schema"], "components": DOCUMENT["components"]}
    return bool(jsonschema_rs.validator_for(root).is_valid(body))


async def make_invoice(ctx: Ctx) -> Row:
    customer = await make_customer(ctx)
    return await invoices.create_invoice(
        ctx, {"customer_id": customer["id"], "items": [{"description": "Work", "rate": "10"}]}
    )


async def send(
    client: httpx.AsyncClient, token: str, path: str, body: dict[str, Any], form: bool
) -> httpx.Response:
    if form:
        data = {k: "" if v is None else str(v) for k, v in body.items()}
        return await client.put(path, data=data, headers=auth(token))
    return await client.put(path, json=body, headers=auth(token))


@pytest.mark.parametrize("form", [True, False])
@pytest.mark.parametrize(
    ("record", "sent", "field"),
    [("invoice", {"recurring": 3, "repeat_every_custom": 366}, "repeat_every_custom"),
     ("invoice", {"recurring": "custom", "repeat_every_custom": 366,
                  "repeat_type_custom": "day"}, "repeat_every_custom"),
     ("invoice", {"recurring": 0, "repeat_type_custom": "fortnight"}, "repeat_type_custom"),
     ("expense", {"recurring": 2, "repeat_every_custom": 1001}, "repeat_every_custom"),
     ("expense", {"recurring": "no", "repeat_every_custom": "x"}, "repeat_every_custom"),
     ("expense", {"recurring": "custom", "repeat_every_custom": 2,
                  "repeat_type_custom": "fortnight"}, "repeat_type_custom")],
)  # fmt: skip
async def test_a_custom_repeat_past_the_records_own_rule_is_refused_whenever_sent(
    client: httpx.AsyncClient,
    token: str,
    ctx: Ctx,
    record: str,
    sent: dict[str, Any],
    field: str,
    form: bool,
) -> None:
    if record == "invoice":
        invoice = await make_invoice(ctx)
        path, documented_path, body = f"/api/invoices/{invoice['id']}", "/api/invoices/{id}", sent
    else:
        expense = await expenses.create_expense(ctx, EXPENSE)
        path = documented_path = "/api/expenses"
        body = {"id": expense["id"], **sent}

    response = await send(client, token, path, body, form)

    assert not documented("put", documented_path, body)
    assert 400 <= response.status_code < 500, response.text
    assert field in response.json()["errors"], response.text


@pytest.mark.parametrize("form", [True, False])
@pytest.mark.parametrize(
    ("sent", "every", "kind"),
    [({"recurring": 6}, 6, "month"),
     ({"recurring": "custom", "repeat_every_custom": 2, "repeat_type_custom": "week"}, 2, "week"),
     ({"recurring": "custom", "repeat_every_custom": 3, "recurring_type": "day"}, 3, "day"),
     ({"recurring": "yes", "recurring_type": "year"}, 1, "year"),
     ({"recurring": 0, "repeat_every_custom": 1000, "repeat_type_custom": "year"}, None, None)],
)  # fmt: skip
async def test_an_expense_repeats_as_perfex_reads_it_and_the_document_says(
    client: httpx.AsyncClient,
    token: str,
    ctx: Ctx,
    sent: dict[str, Any],
    every: int | None,
    kind: str | None,
    form: bool,
) -> None:
    expense = await expenses.create_expense(ctx, EXPENSE)
    body = {"id": expense["id"], **sent}

    response = await send(client, token, "/api/expenses", body, form)
    stored = await expenses.get_expense(ctx, expense["id"])

    assert documented("put", "/api/expenses", body)
    assert response.status_code == 200, response.text
    assert stored is not None
    assert bool(stored["recurring"]) is (every is not None)
    if every is not None:
        assert (stored["repeat_every"], stored["recurring_type"]) == (every, kind)


@pytest.mark.parametrize(
    "sent",
    [{"recurring": "yes"}, {"recurring": True},
     {"recurring": "custom", "repeat_every_custom": 2}],
)  # fmt: skip
async def test_an_expense_turned_on_with_no_kind_is_refused_as_the_document_says(
    client: httpx.AsyncClient, token: str, ctx: Ctx, sent: dict[str, Any]
) -> None:
    expense = await expenses.create_expense(ctx, EXPENSE)
    body = {"id": expense["id"], **sent}

    response = await client.put("/api/expenses", json=body, headers=auth(token))

    assert not documented("put", "/api/expenses", body)
    assert response.status_code in (400, 409), response.text
    assert "recurring_type" in response.text, response.text
