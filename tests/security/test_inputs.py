"""The review's inputs that answered 500, replayed against a live gateway with the demo
data, with other members of each class: custom fields as the demo seeds them, ids and
numbers past what a column holds, digits that are not ASCII, and text no engine stores
(NUL, lone surrogates). Each answers a 4xx in its dialect's shape naming the field."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from tests.security.conftest import Live

HUGE = "9223372036854775808"
THIRTY = "123456789012345678901234567890"


def send(
    live: Live, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {live.token}", **(headers or {})}
    reply = httpx.request(method, f"{live.base}{path}", headers=headers, timeout=30, **kwargs)
    assert reply.status_code < 500, f"{method} {path}: {reply.status_code} {reply.text}"
    return reply


def graphql(live: Live, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    reply = send(live, "POST", "/graphql", json={"query": query, "variables": variables or {}})
    body: dict[str, Any] = reply.json()
    return body


def named(reply: httpx.Response, field: str) -> None:
    assert 400 <= reply.status_code < 500, reply.text
    assert field in str(reply.json().get("errors")), reply.text


def test_custom_fields_as_the_demo_seeds_them_read_on_every_transport(live: Live) -> None:
    rest = send(live, "GET", "/api/custom_fields/customers/1")
    graph = graphql(live, "{ customer(databaseId: 1) { customFields { label value options } } }")
    invoice = graphql(live, "{ invoices(first: 100) { nodes { databaseId customFields {"
                      " label value } } } }")  # fmt: skip

    assert rest.status_code == 200
    industry = next(f for f in rest.json() if f["label"] == "Industry")
    assert industry["options"].startswith("[") and industry["value"].startswith("[")
    assert "errors" not in graph
    fields = graph["data"]["customer"]["customFields"]
    assert "Technology" in next(f for f in fields if f["label"] == "Industry")["options"]
    # The invoices' fields belong to "invoices" now: a PO number shows on some invoice.
    values = [v for n in invoice["data"]["invoices"]["nodes"] for v in n["customFields"]]
    assert any(v["label"] == "PO Number" and v["value"].startswith("PO-") for v in values)


@pytest.mark.parametrize(
    "path",
    [
        f"/api/payments/{HUGE}", "/api/payments/3000000000", f"/api/customers/{HUGE}",
        "/api/customers/2147483648", f"/api/invoices/{THIRTY}", f"/api/v1/customers/{HUGE}",
        "/api/v1/invoices/2147483648", f"/api/v2/customers/{THIRTY}", f"/api/v1/clients/{HUGE}",
        "/api/v1/customers/²", "/api/customers/٣", "/api/custom_fields/customers/2147483648",
        f"/api/notes/customer/{HUGE}", "/api/v1/customers/2147483648/contacts",
        f"/api/v2/invoices?customer_id={HUGE}", f"/api/v1/customers?page={HUGE}",
    ],
)  # fmt: skip
def test_ids_past_any_column_name_no_record(live: Live, path: str) -> None:
    assert 400 <= send(live, "GET", path).status_code < 500


def test_global_ids_past_any_column_name_no_record(live: Live) -> None:
    for pk in (HUGE, "2147483648", THIRTY, "²"):
        global_id = base64.b64encode(f"Customer:{pk}".encode()).decode()
        query = "query($id: ID!) { node(id: $id) { id } customer(id: $id) { company } }"
        body = graphql(live, query, {"id": global_id})
        assert body.get("data") in ({"node": None, "customer": None}, None), body


def test_pdf_link_numbers_must_be_ascii_digits(live: Live) -> None:
    for query in ("expires=²&signature=x", f"expires={THIRTY}&signature=x", "expires=&signature="):
        assert send(live, "GET", f"/documents/invoices/1.pdf?{query}").status_code == 403
    assert send(live, "GET", "/documents/invoices/²3.pdf?expires=1&signature=x").status_code in (
        403, 404,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/invoices", {"customer_id": int(THIRTY), "date": "2024-01-01"}, "customer_id"),
        ("/api/v1/invoices", {"customer_id": 3_000_000_000, "date": "2024-01-01"}, "customer_id"),
        ("/api/v1/payments", {"invoice_id": int(THIRTY), "amount": 1}, "invoice"),
        ("/api/v1/invoices", {"customer_id": 1, "items": [{"description": "x", "qty": "NaN",
                                                           "rate": 1}]}, "qty"),
        ("/api/v1/invoices", {"customer_id": 1, "items": [{"description": "x", "qty": 1,
                                                           "rate": "1e999999999"}]}, "rate"),
        ("/api/v1/customers", {"company": "x", "country": "²"}, "country"),
        ("/api/v1/customers", {"company": "x", "country": int(THIRTY)}, "country"),
    ],
)  # fmt: skip
def test_numbers_past_a_column_in_bodies_are_refused_naming_the_field(
    live: Live, path: str, body: dict[str, Any], field: str
) -> None:
    named(send(live, "POST", path, json=body), field)


def test_graphql_numbers_past_a_column_are_refused(live: Live) -> None:
    customer = graphql(live, "{ customers(first: 1) { nodes { id } } }")
    customer_id = customer["data"]["customers"]["nodes"][0]["id"]
    for amount in ("1e999999999", "NaN", "Infinity", THIRTY):
        body = graphql(
            live,
            "mutation($input: InvoiceInput!) { createInvoice(input: $input) {"
            " record { id } userErrors { field message } } }",
            {"input": {"customerId": customer_id, "adjustment": amount}},
        )
        payload = body.get("data") and body["data"]["createInvoice"]
        if payload:
            assert payload["record"] is None
            assert [e["field"] for e in payload["userErrors"]] == ["adjustment"]
        else:
            assert body["errors"][0]["extensions"]["code"] in ("BAD_USER_INPUT", "INVALID")


NUL = "a\x00b"


def test_nul_in_graphql_variables_and_literals_is_refused_naming_the_field(live: Live) -> None:
    searched = graphql(
        live, "query($s: String) { customers(search: $s) { nodes { id } } }", {"s": NUL}
    )
    created = graphql(
        live,
        "mutation($input: CustomerInput!) { createCustomer(input: $input) { record { id } } }",
        {"input": {"company": NUL}},
    )
    literal = graphql(live, '{ customers(search: "a\\u0000b") { nodes { id } } }')

    for body, field in ((searched, "s"), (created, "input.company"), (literal, "search")):
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert field in error["extensions"]["fields"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "field"),
    [
        ("POST", "/api/v1/customers", {"json": {"company": NUL}}, "company"),
        ("POST", "/api/v2/customers", {"json": {"account": NUL}}, "account"),
        ("POST", "/api/customers", {"data": {"company": NUL}}, "company"),
        ("POST", "/api/v1/clients", {"json": {"name": "ok", "private_notes": NUL}},
         "private_notes"),
        ("GET", "/api/v1/customers?search=%00", {}, "search"),
        ("GET", "/api/v2/customers?search=a%00", {}, "search"),
        ("GET", "/api/customers/search/a%00b", {}, "keysearch"),
        ("POST", "/api/v1/auth/login", {"json": {"email": NUL, "password": "x"}}, "email"),
    ],
)  # fmt: skip
def test_nul_in_rest_paths_queries_and_bodies_is_refused_naming_the_field(
    live: Live, method: str, path: str, kwargs: dict[str, Any], field: str
) -> None:
    named(send(live, method, path, **kwargs), field)


def test_lone_surrogates_are_refused_on_every_transport(live: Live) -> None:
    raw = b'{"company": "a\\ud800b"}'
    rest = send(live, "POST", "/api/v1/customers", content=raw,
                headers={"content-type": "application/json"})  # fmt: skip
    graph = send(
        live, "POST", "/graphql",
        content=b'{"query": "query($s: String) { customers(search: $s) { nodes { id } } }",'
                b' "variables": {"s": "\\udc00"}}',
        headers={"content-type": "application/json"},
    )  # fmt: skip
    search = send(live, "GET", "/api/v2/customers?search=%ED%A0%80")

    assert 400 <= rest.status_code < 500
    assert graph.status_code == 400 or graph.json()["errors"][0]["extensions"]["code"] in (
        "BAD_USER_INPUT", "BAD_REQUEST",
    )  # fmt: skip
    # Bytes that are not UTF-8 in a query string decode to U+FFFD: a plain search.
    assert search.status_code == 200


MANY_DIGITS = "9" * 5000  # int() refuses past 4,300 digits: a ValueError, not a number


def test_digit_strings_too_long_for_int_are_no_number(live: Live) -> None:
    assert send(live, "GET", f"/api/payments/{MANY_DIGITS}").status_code == 404
    assert send(live, "GET", f"/api/v1/customers/{MANY_DIGITS}").status_code == 404
    for staff in (MANY_DIGITS, int(THIRTY), -1):
        named(send(live, "POST", "/api/v1/tasks/1/assign", json={"staff_id": staff}), "staff_id")
    # Bracketed form keys: an index past any list stays a key, never an int().
    form = send(live, "POST", "/api/customers", data={f"company[{MANY_DIGITS}]": "x"})
    assert 400 <= form.status_code < 500
    # An error naming a body path with digits of another script is still an error reply.
    bad_item = {"account": "x", "items": {"²": {"name": NUL}}}
    assert 400 <= send(live, "POST", "/api/v2/customers", json=bad_item).status_code < 500
