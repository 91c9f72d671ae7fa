"""The rules /openapi.json states for a body are the rules the server enforces: a body the
document calls valid is not refused as malformed (400/422), one it calls invalid is, and
a valid body naming a record that does not exist is refused naming the field, with v1's
"check input fields" 400 the document lists (what its old clients test for). Replayed
against a live `serve --demo` (schemathesis' positive and negative data checks, on a
sample of rows of each rule)."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import jsonschema_rs
import pytest

from tests.security.conftest import Live

MALFORMED = (400, 422)


@pytest.fixture(scope="module")
def document(live: Live) -> dict[str, Any]:
    found: dict[str, Any] = httpx.get(f"{live.base}/openapi.json", timeout=30).json()
    return found


def _documented(document: dict[str, Any], method: str, path: str, body: dict[str, Any]) -> bool:
    """Whether the document takes `body` as JSON, its formats asserted (as schemathesis
    asserts them: a date-time is RFC 3339 text)."""
    operation = document["paths"][path][method.lower()]
    request = operation.get("requestBody")
    if request is None:
        return False  # no body documented: nothing sent is the document's
    schema = request["content"]["application/json"]["schema"]
    root = {**schema, "components": document["components"]}
    return bool(jsonschema_rs.validator_for(root, validate_formats=True).is_valid(body))


def _headers(live: Live) -> dict[str, str]:
    # Every dialect's credential header at once: each dialect reads its own.
    return {"X-API-KEY": live.token, "X-API-TOKEN": live.token, "authtoken": live.token,
            "Authorization": f"Bearer {live.token}"}  # fmt: skip


# (method, documented path, path sent, body): each rule's valid and invalid neighbours.
SAMPLES: list[tuple[str, str, str, dict[str, Any]]] = [
    # An action's one field: required, typed, its codes from the service's model.
    ("PUT", "/api/v1/tasks/{id}/status", "/api/v1/tasks/1/status", {}),
    ("PUT", "/api/v1/tasks/{id}/status", "/api/v1/tasks/1/status", {"status": 9}),
    ("PUT", "/api/v1/tasks/{id}/status", "/api/v1/tasks/1/status", {"status": "sleeping"}),
    ("PUT", "/api/v1/tasks/{id}/status", "/api/v1/tasks/1/status", {"status": "in_progress"}),
    ("PUT", "/api/v1/tasks/{id}/status", "/api/v1/tasks/1/status", {"status": 4}),
    ("PUT", "/api/v1/tasks/{id}/priority", "/api/v1/tasks/1/priority", {"priority": 0}),
    ("PUT", "/api/v1/tasks/{id}/priority", "/api/v1/tasks/1/priority", {"priority": "high"}),
    ("POST", "/api/v1/tasks/{id}/assign", "/api/v1/tasks/1/assign", {}),
    ("POST", "/api/v1/tasks/{id}/assign", "/api/v1/tasks/1/assign", {"staff_id": "x"}),
    ("POST", "/api/v1/tasks/{id}/assign", "/api/v1/tasks/1/assign", {"staff_id": 1}),
    ("POST", "/api/v1/tickets/{id}/assign", "/api/v1/tickets/1/assign", {}),
    ("POST", "/api/v1/tickets/{id}/assign", "/api/v1/tickets/1/assign", {"staff_id": 1}),
    # Sign-in: both fields, neither blank (a wrong one is a 401, not a malformed body).
    ("POST", "/api/v1/auth/login", "/api/v1/auth/login", {"email": "ops@example.com"}),
    ("POST", "/api/v1/auth/login", "/api/v1/auth/login",
     {"email": "ops@example.com", "password": "  "}),
    ("POST", "/api/v1/auth/login", "/api/v1/auth/login",
     {"email": "ops@example.com", "password": "not-the-password"}),
    ("POST", "/api/v1/staff/{id}/change-password", "/api/v1/staff/1/change-password",
     {"password": "short"}),
    # Money: null where the column refuses it, text that is no amount, an amount.
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": None}),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": "abc"}),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": "0"}),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1}),
    # Email: a special-use domain email-validator refuses, and one it takes.
    ("POST", "/api/v1/customers", "/api/v1/customers",
     {"company": "Doc Rules", "email": "ops@example.test"}),
    ("POST", "/api/v1/customers", "/api/v1/customers",
     {"company": "Doc Rules", "email": "ops@example.com"}),
    # The primary contact's email: an address, or "" or null for none; no other value.
    ("POST", "/api/v1/customers", "/api/v1/customers", {"company": "Doc Rules", "email": {}}),
    ("PUT", "/api/v1/customers/{id}", "/api/v1/customers/1", {"email": 0}),
    ("POST", "/api/v2/customers", "/api/v2/customers", {"account": "Doc Rules", "email": []}),
    ("POST", "/api/v2/customers", "/api/v2/customers", {"account": "Doc Rules", "email": ""}),
    ("PUT", "/api/v2/customers/{id}", "/api/v2/customers/2", {"email": None}),
    # An amount is at least a cent, as a number or as text (the models' bound).
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": "0.004"}),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": 0.004}),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 1, "amount": "0.01"}),
    # Above zero, where a validator says so in its own words.
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Income", "account_id": 1, "amount": "0.00"}),
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Income", "account_id": 1, "amount": 0}),
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Income", "account_id": 1, "amount": "12.50"}),
    # A transaction's type: Income or Expense in any case, spaces around.
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": " expense ", "account_id": 1, "amount": "3"}),
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Expenses", "account_id": 1, "amount": "3"}),
    # A new invoice is Unpaid (1) or a Draft (6); the rest follow its payments.
    ("POST", "/api/v2/invoices", "/api/v2/invoices",
     {"customer_id": 1, "status": 2, "items": [{"description": "Audit", "amount": 10}]}),
    ("POST", "/api/v2/invoices", "/api/v2/invoices",
     {"customer_id": 1, "status": 6, "items": [{"description": "Audit", "amount": 10}]}),
    # A line names its taxes as `taxes` or as the slots, not both; never one tax twice.
    ("POST", "/api/v2/invoices", "/api/v2/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "amount": 10, "taxes": [1],
                                   "tax_id": 1}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "qty": 1, "unit_price": 10,
                                   "taxes": [1, 1]}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "qty": 1, "unit_price": 10,
                                   "taxes": [1], "tax2_id": 1}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "qty": 1, "unit_price": 10,
                                   "taxes": [1]}]}),
    # A whole list of lines, or edits of the stored list: not both.
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "qty": 1, "unit_price": 10}],
      "new_items": [{"description": "Review", "qty": 1, "unit_price": 5}]}),
    ("POST", "/api/v2/invoices", "/api/v2/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "amount": 10}],
      "removed_items": []}),
    # A document keeps at least one line.
    ("POST", "/api/invoices", "/api/invoices", {"customer_id": 1, "items": []}),
    ("POST", "/api/v2/quotes", "/api/v2/quotes", {"customer_id": 1, "items": []}),
    # tech9: a new invoice's status by name in any case or by code, no other.
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "status": "Paid",
      "items": [{"description": "Audit", "qty": 1, "unit_price": 10}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "status": " UNPAID ",
      "items": [{"description": "Audit", "qty": 1, "unit_price": 10}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "status": 6,
      "items": [{"description": "Audit", "qty": 1, "unit_price": 10}]}),
    # A send names at least one recipient when it names any.
    ("POST", "/api/invoices/{id}/send", "/api/invoices/1/send", {"to": []}),
    # A product's tax by its rate or by its id, not both (0 names no tax).
    ("POST", "/api/v2/products", "/api/v2/products",
     {"name": "Doc Rules", "price": 1, "tax_rate": 10, "tax_id": 1}),
    ("POST", "/api/v2/products", "/api/v2/products",
     {"name": "Doc Rules", "price": 1, "tax_rate": 0, "tax_id": 0}),
    # Text a model strips must hold more than spaces where it may not be empty.
    ("POST", "/api/v2/customers", "/api/v2/customers", {"account": " \u3000 "}),
    ("POST", "/api/v2/customers", "/api/v2/customers", {"account": "\x1c"}),
    # A batch: 1 to 100 customers, each as a single create takes it.
    ("POST", "/api/v2/batch/customers", "/api/v2/batch/customers", {"customers": []}),
    ("POST", "/api/v2/batch/customers", "/api/v2/batch/customers",
     {"customers": [{"account": ""}]}),
    ("POST", "/api/v2/batch/customers", "/api/v2/batch/customers",
     {"customers": [{"account": "Batch Rules"}]}),
    # A webhook URL: http(s), a host, no user name, a port that is one.
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks", {"url": "0", "events": ["*"]}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "ftp://93.184.215.14/", "events": ["*"]}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "https://u@93.184.215.14/", "events": ["*"]}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "https://93.184.215.14:99999/", "events": ["*"]}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "HTTPS://93.184.215.14:8443/hooks", "events": ["*"]}),
    # Its events: at least one, each resource.action, resource.* or *, in any case.
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "https://93.184.215.14/hooks", "events": []}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": "https://93.184.215.14/hooks", "events": ["invoice"]}),
    ("POST", "/api/v2/webhooks", "/api/v2/webhooks",
     {"url": " https://93.184.215.14/hooks ", "events": [" Invoice.Paid "]}),
    # What the record hangs off is a create's to say: an update that names it is refused.
    ("PUT", "/api/v1/payments/{id}", "/api/v1/payments/1", {"invoiceid": 1}),
    ("PUT", "/api/v1/payments/{id}", "/api/v1/payments/1", {"note": "Paid by wire"}),
    # A document number: 1 to 2,000,000,000, as a number or as text after any prefix
    # (ASCII digits).
    ("POST", "/api/v2/quotes", "/api/v2/quotes",
     {"customer_id": 1, "number": 0, "items": [{"description": "Audit", "amount": 10}]}),
    ("POST", "/api/v2/quotes", "/api/v2/quotes",
     {"customer_id": 1, "number": "QT-2000000001",
      "items": [{"description": "Audit", "amount": 10}]}),
    ("POST", "/api/v2/quotes", "/api/v2/quotes",
     {"customer_id": 1, "number": "QT-\u0663", "items": [{"description": "Audit", "amount": 10}]}),
    ("POST", "/api/v2/quotes", "/api/v2/quotes",
     {"customer_id": 1, "number": " QT 2024-000917 ",
      "items": [{"description": "Audit", "amount": 10}]}),
    ("POST", "/api/v1/estimates/{id}/convert", "/api/v1/estimates/1/convert", {"number": ""}),
    # A record named by id or name (a lead's status, a ticket's status or priority): an id
    # from 1 or a name with more than spaces; a priority may be none, a status may not.
    ("POST", "/api/v1/leads", "/api/v1/leads", {"name": "Doc Rules", "status": None}),
    ("POST", "/api/v1/leads", "/api/v1/leads", {"name": "Doc Rules", "status": ""}),
    ("POST", "/api/v1/leads", "/api/v1/leads", {"name": "Doc Rules", "status": " 0 "}),
    ("POST", "/api/v1/leads", "/api/v1/leads", {"name": "Doc Rules", "status": 1}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"source": None}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"source": ""}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"source": 1}),
    ("POST", "/api/v2/tickets", "/api/v2/tickets", {"subject": "Doc Rules", "status": ""}),
    ("PUT", "/api/v1/tickets/{id}/status", "/api/v1/tickets/1/status", {"status": 0}),
    ("PUT", "/api/v1/tickets/{id}", "/api/v1/tickets/1", {"priority": 0}),
    ("PUT", "/api/v1/tickets/{id}", "/api/v1/tickets/1", {"priority": ""}),
    # An action takes its one field: another named beside it is refused, not dropped.
    ("PUT", "/api/v1/tasks/{id}/priority", "/api/v1/tasks/1/priority",
     {"priority": 2, "note": "x"}),
    ("POST", "/api/v1/tasks/{id}/assign", "/api/v1/tasks/1/assign",
     {"staff_id": -3.402823466e38}),
    ("POST", "/api/v1/tickets/{id}/assign", "/api/v1/tickets/1/assign", {"staff_id": 1.0}),
    # A note hangs off a record of one of its kinds, named once: an update names neither.
    ("POST", "/api/v1/notes", "/api/v1/notes",
     {"rel_type": "planet", "rel_id": 1, "description": "Doc Rules"}),
    ("POST", "/api/v1/notes", "/api/v1/notes",
     {"rel_type": " Customer ", "rel_id": 1, "description": "Doc Rules"}),
    ("PUT", "/api/v1/notes/{id}", "/api/v1/notes/1", {"rel_type": "lead"}),
    # A credit note's status a client may set: 1 reopens it, 3 voids it (the validator's
    # own codes, as the document states them).
    ("PUT", "/api/v1/credit-notes/{id}", "/api/v1/credit-notes/1", {"status": 0}),
    ("PUT", "/api/v1/credit-notes/{id}", "/api/v1/credit-notes/1", {"status": 2}),
    # A time is ISO 8601 text: a number is no time (not Unix seconds by its size).
    ("PUT", "/api/v1/timesheets/{id}", "/api/v1/timesheets/1", {"start_time": 0}),
    ("PUT", "/api/v1/notes/{id}", "/api/v1/notes/1", {"date_contacted": 0}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"last_contact_at": 1700000000}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"last_contact_at": "2026-02-10T09:00:00Z"}),
    # ninja's bulk: one of its actions on a list of ids, nothing else; an id that names no
    # client is that item's failure, not the request's.
    ("POST", "/api/v1/clients/bulk", "/api/v1/clients/bulk", {}),
    ("POST", "/api/v1/clients/bulk", "/api/v1/clients/bulk", {"action": "Archive", "ids": ["x"]}),
    ("POST", "/api/v1/clients/bulk", "/api/v1/clients/bulk",
     {"action": "archive", "ids": ["x"], "force": True}),
    ("POST", "/api/v1/clients/bulk", "/api/v1/clients/bulk", {"action": "archive", "ids": ["x"]}),
    # A Decimal's digits as the model counts them: 2 places (trailing zeros aside), 13
    # whole digits where it keeps 15 in all.
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"lead_value": "1.005"}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"lead_value": 1.005}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"lead_value": "1.500"}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"lead_value": "12345678901234"}),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"lead_value": 1234567890123.45}),
    # v1 names a customer four ways: a body gives one of them, a create any one.
    ("POST", "/api/v1/projects", "/api/v1/projects", {"name": "Doc Rules", "customer_id": 1}),
    ("POST", "/api/v1/projects", "/api/v1/projects",
     {"name": "Doc Rules", "clientid": 1, "customer_id": 1}),
    ("PUT", "/api/v1/tickets/{id}", "/api/v1/tickets/1", {"userid": 1, "client": 1}),
    # A task's repeat: "1-week"... (ASCII digits) or "custom", any case, "" or "0" for none.
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"repeat_every": "0000000000000000000"}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"repeat_every": "\u0661-week"}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"repeat_every": " 2-Week "}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"repeat_every": "0"}),
    # Tags are text, a list of text joined: a null in the list is no tag.
    ("PUT", "/api/v1/proposals/{id}", "/api/v1/proposals/1", {"tags": [None, None]}),
    ("PUT", "/api/v1/proposals/{id}", "/api/v1/proposals/1", {"tags": ["web", "design"]}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"tags": ["web", None]}),
    # A number is never true or false (pydantic's lax 1 and 0): a reference, a code.
    ("PUT", "/api/v1/payments/{id}", "/api/v1/payments/1", {"paymentmode": False}),
    ("PUT", "/api/v1/contracts/{id}", "/api/v1/contracts/1", {"currency": True}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"priority": True}),
    # A staff member's password is set on a create and changed with change_password.
    ("PUT", "/api/v1/staff/{id}", "/api/v1/staff/1", {"password": "Doc-Rules-Secret-1"}),
    ("POST", "/api/v1/staff", "/api/v1/staff",
     {"firstname": "Doc", "email": "doc.rules@example.com", "password": "Doc-Rules-Secret-1"}),
    # A null a nullable column keeps, and one a NOT NULL number refuses.
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"description": None}),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"hourly_rate": None}),
    # A null the writer reads as the field left out (resolvers.core.nulls.LEFT_OUT): a
    # document's number, date and figures, a payment's or a transaction's date.
    ("PUT", "/api/v1/estimates/{id}", "/api/v1/estimates/1", {"date": None, "number": None}),
    ("PUT", "/api/v1/credit-notes/{id}", "/api/v1/credit-notes/1",
     {"discount_percent": None, "adjustment": None, "total": None}),
    ("PUT", "/api/v1/payments/{id}", "/api/v1/payments/1", {"date": None}),
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Income", "account_id": 1, "amount": "10", "date": None}),
]  # fmt: skip


# A valid body whose reference names no record: v1's 400 naming the field, and documented.
REFERENCES: list[tuple[str, str, str, dict[str, Any], str]] = [
    ("POST", "/api/v1/tasks/{id}/assign", "/api/v1/tasks/1/assign", {"staff_id": 999999},
     "staff_id"),
    ("POST", "/api/v1/tickets/{id}/assign", "/api/v1/tickets/1/assign", {"staff_id": 999999},
     "staff_id"),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 999999, "amount": "1.50"},
     "invoiceid"),
    ("POST", "/api/v1/customers", "/api/v1/customers",
     {"company": "Doc Rules", "shipping_country": 99999}, "shipping_country"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "sent", "body", "field"), REFERENCES)
def test_a_reference_to_no_record_is_a_documented_400_naming_the_field(
    live: Live,
    document: dict[str, Any],
    method: str,
    path: str,
    sent: str,
    body: dict[str, Any],
    field: str,
) -> None:
    response = httpx.request(
        method, f"{live.base}{sent}", json=body, headers=_headers(live), timeout=30
    )

    assert _documented(document, method, path, body)
    assert response.status_code == 400, response.text
    assert field in response.json()["errors"]
    assert "400" in document["paths"][path][method.lower()]["responses"]


# A reference id below the least a record has (1; 0 where the field reads 0 as none): the
# document calls it invalid and the server refuses it naming the field, in every dialect;
# 0 where it means none is documented and taken. (method, documented path, path sent,
# body, the field named, the status.)
REFERENCE_IDS: list[tuple[str, str, str, dict[str, Any], str, int]] = [
    ("PUT", "/api/v1/projects/{id}", "/api/v1/projects/1", {"clientid": -1}, "clientid", 400),
    ("PUT", "/api/v1/projects/{id}", "/api/v1/projects/1", {"members": [0]}, "members", 400),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"milestone_id": 0}, "milestone_id", 400),
    ("PUT", "/api/v1/tasks/{id}", "/api/v1/tasks/1", {"rel_type": "customer", "rel_id": -1},
     "rel_id", 400),
    ("PUT", "/api/v1/leads/{id}", "/api/v1/leads/1", {"assigned": -2}, "assigned", 400),
    ("POST", "/api/v1/payments", "/api/v1/payments", {"invoiceid": 0, "amount": "1.50"},
     "invoiceid", 400),
    ("PUT", "/api/v1/customers/{id}", "/api/v1/customers/1", {"country": -1}, "country", 400),
    ("PUT", "/api/v1/customers/{id}", "/api/v1/customers/1", {"country": 0}, "country", 200),
    ("PUT", "/api/v1/expenses/{id}", "/api/v1/expenses/1", {"paymentmode": 0}, "paymentmode",
     200),
    ("PUT", "/api/v1/expenses/{id}", "/api/v1/expenses/1", {"category": 0}, "category", 400),
    ("POST", "/api/v2/transactions", "/api/v2/transactions",
     {"type": "Income", "account_id": 0, "amount": "3"}, "account_id", 400),
    ("POST", "/api/projects", "/api/projects", {"name": "Doc Rules", "customer_id": -7},
     "customer_id", 400),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "sent", "body", "field", "status"), REFERENCE_IDS)
def test_the_document_states_the_least_id_a_reference_takes(
    live: Live,
    document: dict[str, Any],
    method: str,
    path: str,
    sent: str,
    body: dict[str, Any],
    field: str,
    status: int,
) -> None:
    response = httpx.request(
        method, f"{live.base}{sent}", json=body, headers=_headers(live), timeout=30
    )

    assert response.status_code == status, response.text
    assert _documented(document, method, path, body) == (status == 200)
    if status != 200:
        assert field in response.json()["errors"]


def test_a_body_the_document_lets_a_client_leave_out_may_be_left_out(
    live: Live, document: dict[str, Any]
) -> None:
    """A body with no field required is optional (none reads as {}): each such action
    answers a request without one as it answers {} (no 400/422), on record 1."""
    optional = [
        path
        for path, operations in document["paths"].items()
        if path.count("{") == 1
        and "{id}" in path
        and not operations.get("post", {}).get("requestBody", {"required": True})["required"]
    ]
    answers = {
        path: httpx.post(
            f"{live.base}{path.replace('{id}', '1')}", headers=_headers(live), timeout=30
        ).status_code
        for path in optional
    }

    assert "/api/invoices/{id}/send" in answers
    assert not [path for path, status in answers.items() if status in MALFORMED], answers


def test_uploads_are_documented_as_the_multipart_forms_they_are(
    document: dict[str, Any],
) -> None:
    tech9 = document["paths"]["/api/files"]["post"]["requestBody"]
    ninja = document["paths"]["/api/v1/clients/{id}/upload"]["put"]["requestBody"]

    assert list(tech9["content"]) == ["multipart/form-data"]
    assert list(ninja["content"]) == ["multipart/form-data"]
    assert ninja["required"] is True
    assert ninja["content"]["multipart/form-data"]["schema"]["required"] == ["documents"]


@pytest.mark.parametrize(
    ("query", "status"), [("", 400), ("{ __typename }", 200), ("  ", 200), ("0", 200)]
)
def test_graphql_refuses_an_empty_document_as_documented(
    live: Live, document: dict[str, Any], query: str, status: int
) -> None:
    """GraphQL over HTTP: no document is no request (400, the errors alone); a document
    that does not parse is answered 200 with its errors, as the spec's JSON media allows."""
    body = {"query": query}
    response = httpx.post(f"{live.base}/graphql", json=body, headers=_headers(live), timeout=30)

    assert response.status_code == status, response.text
    assert _documented(document, "POST", "/graphql", body) == (status == 200)
    if status == 400:
        shown = document["paths"]["/graphql"]["post"]["responses"]["400"]
        schema = shown["content"]["application/json"]["schema"]
        assert jsonschema_rs.validator_for(schema).is_valid(response.json())


def _query_documented(document: dict[str, Any], path: str, query: dict[str, str]) -> bool:
    params = {p["name"]: p["schema"] for p in document["paths"][path]["get"]["parameters"]}
    for name, value in query.items():
        schema = params[name]
        if schema.get("type") == "integer":
            if not value.isascii() or not value.lstrip("-").isdigit():
                return False
            if not jsonschema_rs.validator_for(schema).is_valid(int(value)):
                return False
        elif schema.get("type") == "boolean":
            if value not in ("true", "false"):
                return False
        elif schema.get("format") == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return False
        elif not jsonschema_rs.validator_for(schema).is_valid(value):
            return False
    return True


# A list's filters: the names and codes the service reads, an id's range, a date.
FILTERS: list[tuple[str, dict[str, str]]] = [
    ("/api/v2/invoices", {"status": "Overdue"}),
    ("/api/v2/invoices", {"status": "partially_paid"}),
    ("/api/v2/invoices", {"status": "2"}),
    ("/api/v2/invoices", {"status": "9"}),
    ("/api/v2/invoices", {"status": "Settled"}),
    ("/api/v2/invoices", {"customer_id": "-3"}),
    ("/api/v2/invoices", {"customer_id": "3"}),
    ("/api/v2/invoices", {"date_from": "yesterday"}),
    ("/api/v2/invoices", {"date_from": "2024-01-15"}),
    # tech9's list (asked for by page): the owner is a staff id from 1.
    ("/api/leads", {"owner_id": "0", "page": "1"}),
    ("/api/leads", {"owner_id": "1", "page": "1"}),
    ("/api/v2/transactions", {"type": " EXPENSE "}),
    ("/api/v2/transactions", {"type": "Loan"}),
    # A filter naming a record of a reference list that holds no such name or id matches
    # nothing (200, no rows), as a filter by an id that names nothing does.
    ("/api/v1/leads", {"status": "Paid"}),
    ("/api/v1/leads", {"source": "Carrier pigeon"}),
    ("/api/v1/tickets", {"status": "canceled"}),
    ("/api/v1/tickets", {"priority": "0"}),
    ("/api/v2/tickets", {"status": "nowhere"}),
    ("/api/v2/users", {"role": "Astronaut"}),
    ("/api/v1/payments", {"payment_mode": "Seashells"}),
    ("/api/v1/expenses", {"category": "TRUE"}),
    # A fixed list's names, as v2 states them; a blank value is no filter.
    ("/api/v1/invoices", {"status": "Declined"}),
    ("/api/v1/invoices", {"status": " partially-paid "}),
    ("/api/v1/invoices", {"status": "  "}),
    ("/api/v1/notes", {"rel_type": "planet"}),
    ("/api/v1/notes", {"rel_type": " Lead "}),
    # The service's own bounds on a number.
    ("/api/v1/contracts/expiring", {"days": "36501"}),
    ("/api/v1/contracts/expiring", {"days": "36500"}),
    ("/api/v1/contacts", {"customer_id": "0"}),
    # ninja's sort: a column as written, |ASC or |DESC in any case; a flag is a flag.
    ("/api/v1/clients", {"sort": "balance|desc"}),
    ("/api/v1/clients", {"sort": "name|ASC"}),
    ("/api/v1/clients", {"sort": "\u00ec|up"}),
    ("/api/v1/clients", {"sort": "Name"}),
    ("/api/v1/clients", {"is_deleted": "-58800"}),
    ("/api/v1/clients", {"is_deleted": "true"}),
    # ninja's balance filters: a comparison and an amount in digits (no exponent, no NaN).
    ("/api/v1/clients", {"balance": "gt:10.5"}),
    ("/api/v1/clients", {"balance": "gt:1e3"}),
    ("/api/v1/clients", {"balance": "\\"}),
    ("/api/v1/clients", {"between_balance": "-5:NaN"}),
    ("/api/v1/clients", {"between_balance": "-5:20"}),
]


@pytest.mark.parametrize(("path", "query"), FILTERS)
def test_the_document_and_the_server_agree_on_a_filter(
    live: Live, document: dict[str, Any], path: str, query: dict[str, str]
) -> None:
    documented = _query_documented(document, path, query)
    response = httpx.get(f"{live.base}{path}", params=query, headers=_headers(live), timeout=30)

    if documented:
        assert response.status_code == 200, response.text
    else:
        assert response.status_code in MALFORMED, response.text


def _refused(response: httpx.Response) -> bool:
    """Refused as malformed: a 400/422, or perfex's answer to a failed write (404 with
    `status: false`, naming the field)."""
    if response.status_code in MALFORMED:
        return True
    body = response.json() if response.status_code == 404 else {}
    return isinstance(body, dict) and body.get("status") is False and bool(body.get("errors"))


# perfex and tech9 bodies (`/api/...`): each rule's valid and invalid neighbours.
LEGACY_SAMPLES: list[tuple[str, str, str, dict[str, Any]]] = [
    # A model's flag takes what pydantic's lax bool reads: true/false, 0/1, its words.
    ("POST", "/api/customers", "/api/customers", {"company": "Doc Rules", "active": 0}),
    ("POST", "/api/customers", "/api/customers", {"company": "Doc Rules", "active": "Yes"}),
    ("POST", "/api/customers", "/api/customers", {"company": "Doc Rules", "active": 2}),
    ("POST", "/api/customers", "/api/customers", {"company": "Doc Rules", "active": "maybe"}),
    # A perfex checkbox: its words (or its own name) in any case, spaces around; no other
    # value, nor an object.
    ("POST", "/api/contacts", "/api/contacts",
     {"customer_id": 1, "firstname": "Doc", "lastname": "Flags", "email": "doc.flag1@example.com",
      "is_primary": " ON ", "invoice_emails": "Invoice_Emails"}),
    ("POST", "/api/contacts", "/api/contacts",
     {"customer_id": 1, "firstname": "Doc", "lastname": "Flags", "email": "doc.flag2@example.com",
      "is_primary": {"checked": 1}}),
    ("POST", "/api/contacts", "/api/contacts",
     {"customer_id": 1, "firstname": "Doc", "lastname": "Flags", "email": "doc.flag3@example.com",
      "active": "banana"}),
    # A contact's permissions: Perfex's numbers 1-6, no other.
    ("POST", "/api/contacts", "/api/contacts",
     {"customer_id": 1, "firstname": "Doc", "lastname": "Perms", "email": "doc.perm1@example.com",
      "permissions": [0]}),
    ("POST", "/api/customers/{id}/contacts", "/api/customers/1/contacts",
     {"first_name": "Doc", "email": "doc.perm2@example.com", "permissions": [7]}),
    ("POST", "/api/customers/{id}/contacts", "/api/customers/1/contacts",
     {"first_name": "Doc", "email": "doc.perm3@example.com", "permissions": [1, 6]}),
    # Every whole number fits a 32-bit column.
    ("POST", "/api/projects", "/api/projects",
     {"name": "Doc Rules", "customer_id": 1, "members": [2147483648]}),
    ("PUT", "/api/tasks/{task_id}/checklist/{item_id}", "/api/tasks/1/checklist/1",
     {"list_order": 182149145759}),
    # tech9's task title is the service's name: never empty.
    ("POST", "/api/tasks", "/api/tasks", {"title": "", "start_date": "2024-01-01"}),
    ("POST", "/api/tasks", "/api/tasks", {"title": "Doc Rules", "start_date": "2024-01-01"}),
    # A perfex field a form may leave blank: blank (spaces too) is none, where the field
    # takes none; a required one refuses it.
    ("POST", "/api/timesheets", "/api/timesheets",
     {"task_id": 1, "staff_id": 1, "start_time": "2024-01-01T09:00:00Z", "end_time": " "}),
    ("POST", "/api/timesheets", "/api/timesheets",
     {"task_id": 1, "staff_id": 1, "start_time": None, "end_time": ""}),
    # One of two fields, not both (resolvers.core.exclusive): a task's project or customer,
    # a reply's staff member or contact, a subscription's taxes as a list or in slots.
    ("POST", "/api/tasks", "/api/tasks", {"title": "Doc Rules", "project_id": 1, "customer_id": 1}),
    ("POST", "/api/tasks", "/api/tasks",
     {"title": "Doc Rules", "project_id": 1, "customer_id": None}),
    ("POST", "/api/tickets/{id}/replies", "/api/tickets/1/replies",
     {"message": "Doc Rules", "staff_id": 1, "contact_id": 1}),
    ("POST", "/api/tickets/{id}/replies", "/api/tickets/1/replies",
     {"message": "Doc Rules", "staff_id": 1}),
    ("POST", "/api/subscriptions", "/api/subscriptions",
     {"clientid": 1, "name": "Doc Rules", "date": "2024-01-01", "taxes": [1], "tax_id": None}),
    ("POST", "/api/subscriptions", "/api/subscriptions",
     {"clientid": 1, "name": "Doc Rules", "date": "2024-01-01", "taxes": [1]}),
    # tech9's one assignee: a staff member's id from 1, or null for nobody.
    ("PUT", "/api/tasks/{id}", "/api/tasks/1", {"assignee_id": None}),
    ("PUT", "/api/tasks/{id}", "/api/tasks/1", {"assignee_id": -1}),
    ("PUT", "/api/tasks/{id}", "/api/tasks/1", {"assignee_id": ""}),
    # A reply's status: a status's id from 1 or name; none or blank leaves the default.
    ("POST", "/api/tickets/{id}/replies", "/api/tickets/1/replies",
     {"message": "Doc Rules", "status": ""}),
    ("POST", "/api/tickets/{id}/replies", "/api/tickets/1/replies",
     {"message": "Doc Rules", "status": 0}),
    # A subscription's taxes are a list, [] for none: never null.
    ("PUT", "/api/subscriptions/{id}", "/api/subscriptions/1", {"taxes": None}),
    # A task's rel_type: a kind of record, in any case, spaces around as the model strips.
    ("POST", "/api/tasks", "/api/tasks", {"title": "Doc Rules", "rel_type": "planet", "rel_id": 1}),
    ("POST", "/api/tasks", "/api/tasks",
     {"title": "Doc Rules", "rel_type": "\x1ccustomer", "rel_id": 1}),
    ("POST", "/api/tasks", "/api/tasks",
     {"title": "Doc Rules", "rel_type": " Customer ", "rel_id": 1}),
    # A task added under a project names no other record to hang off.
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks",
     {"name": "Doc Rules", "customer_id": 1}),
    # A milestone given no order (null) comes first; an order is a number.
    ("POST", "/api/milestones", "/api/milestones",
     {"project_id": 1, "name": "Doc Rules", "due_date": "2024-01-01", "milestone_order": None}),
    ("PUT", "/api/milestones/{id}", "/api/milestones/1", {"milestone_order": None}),
    ("PUT", "/api/milestones/{id}", "/api/milestones/1", {"milestone_order": "first"}),
    # A null the writer reads as the field left out: an event's color (its default), a
    # document's number, date and figures (unchanged).
    ("PUT", "/api/calendar/{id}", "/api/calendar/1", {"color": None}),
    ("PUT", "/api/invoices/{id}", "/api/invoices/1", {"number": None, "date": None}),
    ("PUT", "/api/proposal/{id}", "/api/proposal/1", {"date": None, "subtotal": None}),
    # tech9's expense: a blank or null date is today's, as one left out.
    ("POST", "/api/expenses", "/api/expenses", {"category_id": 1, "amount": 5, "date": None}),
    ("POST", "/api/expenses", "/api/expenses", {"category_id": 1, "amount": 5, "date": ""}),
    # tech9's new invoice: a null status is the default (draft), as "" is.
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Doc Rules", "unit_price": "3"}],
      "status": None}),
    # A perfex reference that takes none takes 0 for it; no other id below 1.
    ("PUT", "/api/subscriptions/{id}", "/api/subscriptions/1", {"tax_id_2": 0}),
    ("PUT", "/api/subscriptions/{id}", "/api/subscriptions/1", {"tax_id_2": -1}),
    # A date is ISO 8601 text: a number is no date (nor Unix seconds).
    ("PUT", "/api/milestones/{id}", "/api/milestones/1", {"due_date": 0}),
    ("PUT", "/api/subscriptions/{id}", "/api/subscriptions/1", {"date": 86400}),
    # A null for a field that is no column (a list of ids, an action's option, custom
    # values) is read as left out, as the model takes it.
    ("PUT", "/api/customers/{id}", "/api/customers/1", {"groups": None}),
    ("PUT", "/api/customers/{id}", "/api/customers/1", {"custom_fields": None}),
    ("POST", "/api/tickets/{id}/replies", "/api/tickets/1/replies",
     {"message": "Doc Rules", "email": None}),
    ("POST", "/api/proposals/{id}/send", "/api/proposals/1/send", {"message": None}),
    ("POST", "/api/proposals/{id}/send", "/api/proposals/1/send", {"to": None}),
    # A field a create requires is not left out by a null the service reads so.
    ("POST", "/api/v2/leads", "/api/v2/leads", {"first_name": None}),
    ("POST", "/api/v1/credit-notes", "/api/v1/credit-notes", {"userid": 1, "items": None}),
    ("POST", "/api/v2/products", "/api/v2/products",
     {"name": "Doc Rules", "price": 1, "tax_rate": None}),
    # ...unless the service refuses it in code: a proposal's party is never none.
    ("PUT", "/api/v1/proposals/{id}", "/api/v1/proposals/1", {"rel_id": None}),
    # A checklist item's columns say which null it takes: none assigned, never unfinished.
    ("POST", "/api/tasks/{id}/checklist", "/api/tasks/1/checklist",
     {"description": "Doc Rules", "assigned_id": None}),
    ("POST", "/api/tasks/{id}/checklist", "/api/tasks/1/checklist",
     {"description": "Doc Rules", "finished": None}),
]  # fmt: skip


@pytest.mark.parametrize("resource", ["Tasks", " leads ", "0", "planet"])
def test_a_zapier_resource_is_one_there_is_to_poll(
    live: Live, document: dict[str, Any], resource: str
) -> None:
    for path in ("/api/zapier/poll/{resource}", "/api/zapier/test/{resource}"):
        params = document["paths"][path]["get"]["parameters"]
        schema = next(p["schema"] for p in params if p["name"] == "resource")
        sent = path.replace("{resource}", resource)
        response = httpx.get(f"{live.base}{sent}", headers=_headers(live), timeout=30)

        if jsonschema_rs.validator_for(schema).is_valid(resource):
            assert response.status_code == 200, response.text
        else:
            assert response.status_code == 400, response.text
            assert "resource" in response.json()["errors"]


LINE = {"description": "Audit", "rate": 10}
# Values schemathesis' data checks found the two disagreeing on (issue 14).
VALUE_SAMPLES: list[tuple[str, str, str, dict[str, Any]]] = [
    # A line names its stored line, a catalogue item, or its own description and rate,
    # and clears neither with a null; a new line names no stored one.
    ("POST", "/api/invoices", "/api/invoices", {"customer_id": 1, "items": [{}]}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "unit_price": 10}]}),
    ("POST", "/api/invoices", "/api/invoices", {"customer_id": 1, "items": [{"item_id": 1}]}),
    ("POST", "/api/v2/quotes", "/api/v2/quotes",
     {"customer_id": 1, "items": [{"description": "Audit"}]}),
    ("POST", "/api/v2/invoices", "/api/v2/invoices",
     {"customer_id": 1, "items": [{"item_id": 1, "amount": None}]}),
    ("POST", "/api/v1/credit-notes", "/api/v1/credit-notes",
     {"clientid": 1, "items": [{"item_id": 1, "description": None}]}),
    ("POST", "/api/v1/credit-notes", "/api/v1/credit-notes",
     {"clientid": 1, "items": [{"item_id": 1, "description": "Refund"}]}),
    ("PUT", "/api/v1/estimates/{id}", "/api/v1/estimates/1",
     {"new_items": [{"id": 1, **LINE}]}),
    ("PUT", "/api/v1/estimates/{id}", "/api/v1/estimates/1", {"item_updates": [{"rate": 5}]}),
    ("PUT", "/api/v1/estimates/{id}", "/api/v1/estimates/1", {"new_items": [LINE]}),
    # An invoice, estimate or credit note keeps a line: a list of them is never empty.
    ("POST", "/api/v1/estimates", "/api/v1/estimates", {"clientid": 1, "items": []}),
    ("POST", "/api/v1/estimates", "/api/v1/estimates", {"clientid": 1, "items": [LINE]}),
    ("PUT", "/api/v1/credit-notes/{id}", "/api/v1/credit-notes/1", {"new_items": []}),
    ("POST", "/api/v1/credit-notes", "/api/v1/credit-notes", {"userid": 1, "items": None}),
    ("PUT", "/api/v1/estimates/{id}", "/api/v1/estimates/1", {"new_items": None}),
    # A field a body names two ways (a rename, or a conversion writing it) is given once.
    ("POST", "/api/items", "/api/items",
     {"description": "Audit", "rate": "1", "tax2": "\u0084", "tax2_id": 0}),
    ("POST", "/api/items", "/api/items", {"description": "Audit", "rate": "1", "tax2_id": 0}),
    ("PUT", "/api/calendar/{id}", "/api/calendar/1",
     {"is_start_notified": "", "isstartnotified": "0"}),
    ("PUT", "/api/calendar/{id}", "/api/calendar/1", {"isstartnotified": "0"}),
    ("PUT", "/api/invoices/{id}", "/api/invoices/1",
     {"sale_agent": "\u0084", "sale_agent_id": 1}),
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks", {"name": None, "title": "T"}),
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks", {"name": "Audit"}),
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks", {"name": {}}),
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks", {"title": "Audit"}),
    # The figures Perfex clients send beside the lines: a number or its text, any amount's
    # size; the lines decide them.
    ("POST", "/api/proposals", "/api/proposals",
     {"subject": "Audit", "rel_type": "lead", "rel_id": 1, "subtotal": {"x": -5.7e16}}),
    ("POST", "/api/proposals", "/api/proposals",
     {"subject": "Audit", "rel_type": "lead", "rel_id": 1, "subtotal": "12.50", "total": 12.5}),
    # v1 makes an invoice of its lines, or of a lone total (one line of that amount).
    ("POST", "/api/v1/invoices", "/api/v1/invoices", {"customer_id": 1}),
    ("POST", "/api/v1/invoices", "/api/v1/invoices", {"customer_id": 1, "total": -5}),
    ("POST", "/api/v1/invoices", "/api/v1/invoices", {"customer_id": 1, "total": 1500.0}),
    ("POST", "/api/v1/invoices", "/api/v1/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "rate": 10}], "total": -5}),
    # A recurring expense names how it repeats.
    ("POST", "/api/expenses", "/api/expenses",
     {"category_id": 1, "amount": "10", "date": "2024-01-01", "recurring": 1,
      "recurring_type": None}),
    ("POST", "/api/expenses", "/api/expenses",
     {"category_id": 1, "amount": "10", "date": "2024-01-01", "recurring": 1,
      "recurring_type": "week"}),
    ("POST", "/api/v1/expenses", "/api/v1/expenses",
     {"category": 1, "amount": "10", "date": "2024-01-01", "recurring": "no"}),
    # A discount names its type: before or after tax.
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "unit_price": 10}],
      "discount_percent": 5}),
    ("POST", "/api/invoices", "/api/invoices",
     {"customer_id": 1, "items": [{"description": "Audit", "unit_price": 10}],
      "discount_percent": 5, "discount_type": "after_tax"}),
    ("POST", "/api/v1/proposals", "/api/v1/proposals",
     {"subject": "Audit", "rel_type": "lead", "rel_id": 1, "discount_total": 3}),
    ("POST", "/api/v1/proposals", "/api/v1/proposals",
     {"subject": "Audit", "rel_type": "lead", "rel_id": 1, "discount_total": "0.00"}),
    # A timesheet's times are ISO 8601 date-times.
    ("POST", "/api/v1/timesheets", "/api/v1/timesheets",
     {"task_id": 1, "staff_id": 1, "start_time": "b6y"}),
    ("PUT", "/api/v1/timesheets/{id}", "/api/v1/timesheets/1", {"start_time": ""}),
    ("PUT", "/api/v1/timesheets/{id}", "/api/v1/timesheets/1",
     {"start_time": "2000-01-01T09:00:00Z"}),
    # An expense's category by id or name: never none.
    ("POST", "/api/v1/expenses", "/api/v1/expenses",
     {"amount": "10", "category": None, "date": "2024-01-01"}),
    ("POST", "/api/expenses", "/api/expenses", {"amount": "10", "category_id": None}),
    ("PUT", "/api/v1/expenses/{id}", "/api/v1/expenses/1", {"category": None}),
    ("PUT", "/api/v1/expenses/{id}", "/api/v1/expenses/1", {"category": 1}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "sent", "body"), [*SAMPLES, *LEGACY_SAMPLES, *VALUE_SAMPLES]
)
def test_the_document_and_the_server_agree_on_a_body(
    live: Live,
    document: dict[str, Any],
    method: str,
    path: str,
    sent: str,
    body: dict[str, Any],
) -> None:
    documented = _documented(document, method, path, body)
    response = httpx.request(
        method, f"{live.base}{sent}", json=body, headers=_headers(live), timeout=30
    )

    assert _refused(response) != documented, response.text


def test_a_form_offers_no_null_it_cannot_send(live: Live, document: dict[str, Any]) -> None:
    """A form sends text: null would arrive as the word "null", which a number refuses."""
    form = {"clientid": "1", "date": "2024-01-01", "name": "Doc Rules", "quantity": "1",
            "unit_price": "10", "tax_id_2": "null"}  # fmt: skip
    content = document["paths"]["/api/subscriptions"]["post"]["requestBody"]["content"]
    schema = content["application/x-www-form-urlencoded"]["schema"]["properties"]["tax_id_2"]
    response = httpx.post(
        f"{live.base}/api/subscriptions", data=form, headers=_headers(live), timeout=30
    )

    assert _refused(response), response.text
    assert not jsonschema_rs.validator_for(schema).is_valid(None)
    for media, shown in content.items():
        if media != "application/json":
            assert '{"type": "null"}' not in json.dumps(shown["schema"]), media


def test_a_form_list_of_one_is_its_bare_key(live: Live) -> None:
    """A form sends a list of one as the key alone (`taxes=1`, as schemathesis does)."""
    response = httpx.put(
        f"{live.base}/api/subscriptions/1", data={"taxes": "1"}, headers=_headers(live), timeout=30
    )

    assert not _refused(response), response.text


def test_an_upload_names_its_record_by_an_id_from_1(live: Live, document: dict[str, Any]) -> None:
    content = document["paths"]["/api/files"]["post"]["requestBody"]["content"]
    schema = content["multipart/form-data"]["schema"]["properties"]["rel_id"]
    response = httpx.post(
        f"{live.base}/api/files", data={"rel_type": "customer", "rel_id": "-1"},
        files={"file": ("a.txt", b"x", "text/plain")}, headers=_headers(live), timeout=30,
    )  # fmt: skip

    assert _refused(response), response.text
    assert not jsonschema_rs.validator_for(schema).is_valid(-1)
