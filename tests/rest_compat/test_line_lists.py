"""A priced document's lists and discount as the document states them and the server reads
them: a line's taxes name no value twice, an id list holds ids alone, and a discount
names its type on every priced body (schemathesis' data checks, issue 14)."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema_rs
import pytest

from gateway.openapi import openapi_document
from resolvers import estimates, proposals
from resolvers.core.context import Ctx, Row
from tests.factories import make_customer

DOCUMENT = openapi_document()
LINE = {"description": "Consulting", "qty": 1, "rate": "10"}


async def customer_with_estimate(ctx: Ctx) -> tuple[Row, Row]:
    """A customer and an estimate of theirs holding one line."""
    customer = await make_customer(ctx)
    estimate = await estimates.create_estimate(
        ctx, {"customer_id": customer["id"], "items": [LINE]}
    )
    return customer, estimate


def headers(token: str) -> dict[str, str]:
    return {"authtoken": token, "X-API-KEY": token}


def body_schema(method: str, path: str) -> dict[str, Any]:
    content = DOCUMENT["paths"][path][method]["requestBody"]["content"]["application/json"]
    schema: dict[str, Any] = content["schema"]
    return schema


def valid(schema: dict[str, Any], value: Any) -> bool:
    root = {**schema, "components": DOCUMENT["components"]}
    return bool(jsonschema_rs.validator_for(root).is_valid(value))


def documented(method: str, path: str, field: str, value: Any) -> bool:
    """Whether the document takes `value` for the body's `field`."""
    return valid(body_schema(method, path)["properties"][field], value)


def ruled(method: str, path: str, body: dict[str, Any]) -> bool:
    """Whether `body` keeps the rules the document states between the body's fields."""
    return valid({"allOf": body_schema(method, path)["allOf"]}, body)


@pytest.mark.parametrize(
    ("path", "rate"),
    [("/api/estimates", "unit_price"), ("/api/invoices", "unit_price"),
     ("/api/v2/invoices", "amount"), ("/api/v2/quotes", "amount"), ("/api/v1/estimates", "rate")],
)  # fmt: skip
async def test_a_line_naming_a_tax_value_twice_is_refused_blanks_too(
    client: httpx.AsyncClient, token: str, ctx: Ctx, path: str, rate: str
) -> None:
    customer = await make_customer(ctx)

    def body(taxes: list[Any]) -> dict[str, Any]:
        line = {"description": "0", rate: "0", "taxes": taxes}
        return {"customer_id": customer["id"], "items": [line]}

    twice = await client.post(path, json=body(["", ""]), headers=headers(token))
    zeros = await client.post(path, json=body([0, 0]), headers=headers(token))
    # Two values (a number and text) the document calls distinct, each "no tax".
    apart = await client.post(path, json=body([0, ""]), headers=headers(token))

    assert not documented("post", path, "items", body(["", ""])["items"])
    assert documented("post", path, "items", body([0, ""])["items"])
    for refused in (twice, zeros):
        assert refused.status_code == 400, refused.text
        assert "items.0.taxes" in refused.text and "the same tax twice" in refused.text
    assert apart.status_code in (200, 201), apart.text


@pytest.mark.parametrize("removed", [[None, None], ["", ""], [""], "", [True], [1.5]])
async def test_an_id_list_holding_no_id_is_refused_naming_its_position(
    client: httpx.AsyncClient, token: str, ctx: Ctx, removed: Any
) -> None:
    customer, estimate = await customer_with_estimate(ctx)
    proposal = await proposals.create_proposal(
        ctx, {"subject": "Offer", "rel_type": "customer", "customer_id": customer["id"],
              "items": [LINE]},
    )  # fmt: skip

    sent = [
        await client.put(f"/api/estimates/{estimate['id']}", json={"removed_items": removed},
                         headers=headers(token)),
        await client.put(f"/api/proposal/{proposal['id']}", json={"removed_items": removed},
                         headers=headers(token)),
        await client.put(f"/api/customers/{customer['id']}", json={"groups_in": removed},
                         headers=headers(token)),
    ]  # fmt: skip
    if isinstance(removed, list) and None not in removed and True not in removed:
        form = {"removed_items[]": [str(v) for v in removed]}
        sent.append(await client.put(f"/api/estimates/{estimate['id']}", data=form,
                                     headers=headers(token)))  # fmt: skip

    assert not documented("put", "/api/estimates/{id}", "removed_items", removed)
    for response in sent:
        assert 400 <= response.status_code < 500, response.text
        assert "removed_items" in response.text or "groups_in" in response.text
    assert len((await estimates.items_by_estimate_id(ctx, [estimate["id"]]))[0]) == 1


@pytest.mark.parametrize("groups", [{}, 5, {"a": 1}])
async def test_an_id_list_sent_as_no_list_is_refused_by_name(
    client: httpx.AsyncClient, token: str, ctx: Ctx, groups: Any
) -> None:
    customer, estimate = await customer_with_estimate(ctx)

    sent = await client.put(
        f"/api/customers/{customer['id']}", json={"groups_in": groups}, headers=headers(token)
    )
    removed = await client.put(
        f"/api/estimates/{estimate['id']}", json={"removed_items": groups}, headers=headers(token)
    )
    # A form's list whose rows were removed in the browser is still the list it was.
    gapped = await client.put(
        f"/api/estimates/{estimate['id']}",
        data={"removed_items[1]": "9999", "removed_items[3]": ""},
        headers=headers(token),
    )

    assert not documented("put", "/api/customers/{id}", "groups_in", groups)
    assert 400 <= sent.status_code < 500 and "groups_in" in sent.text, sent.text
    assert not documented("put", "/api/estimates/{id}", "removed_items", groups)
    assert 400 <= removed.status_code < 500 and "removed_items" in removed.text, removed.text
    assert "removed_items.1" in gapped.text and "removed_items.0" not in gapped.text


PRICED = [
    (path, method)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
    if "discount_percent"
    in (operation.get("requestBody") or {}).get("content", {}).get("application/json", {})
    .get("schema", {}).get("properties", {})
]  # fmt: skip


def test_every_priced_body_states_that_a_discount_names_its_type() -> None:
    assert ("/api/v1/invoices", "post") in PRICED and len(PRICED) >= 15
    for path, method in PRICED:
        untyped = {"customer_id": 1, "items": [LINE], "discount_percent": "74"}
        assert not ruled(method, path, untyped), (method, path)
        assert not ruled(method, path, {**untyped, "discount_type": ""}), (method, path)
        assert ruled(method, path, {**untyped, "discount_type": "after_tax"}), (method, path)
        assert ruled(method, path, {**untyped, "discount_percent": "0"}), (method, path)


async def test_v1_refuses_an_untyped_discount_as_its_document_says(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    body = {"customer_id": customer["id"], "items": [LINE], "discount_percent": "74"}

    untyped = await client.post("/api/v1/invoices", json=body, headers=headers(token))
    typed = await client.post(
        "/api/v1/invoices", json={**body, "discount_type": "before_tax"}, headers=headers(token)
    )
    lone = {"customer_id": customer["id"], "total": 100, "discount_percent": 10}

    assert untyped.status_code == 400 and "discount_type" in untyped.text
    assert not ruled("post", "/api/v1/invoices", body)
    assert typed.status_code == 201, typed.text
    assert ruled("post", "/api/v1/invoices", {**body, "discount_type": "before_tax"})
    # A lone total (one line of that amount) takes a discount by the same rule.
    assert not ruled("post", "/api/v1/invoices", lone)
    assert ruled("post", "/api/v1/invoices", {**lone, "discount_type": "after_tax"})
