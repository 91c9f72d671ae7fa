"""Values the server refused though /openapi.json allowed them, or took though it refused
them (schemathesis' positive and negative data checks, issue 14): each rule's valid and
invalid neighbours, replayed against a live `serve --demo`, agree with the document."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema_rs
import pytest

from tests.security.conftest import Live
from tests.security.test_document_rules import _headers, _refused


def _documented(document: dict[str, Any], method: str, path: str, body: dict[str, Any]) -> bool:
    """Whether the document takes `body` as JSON, its formats asserted (as schemathesis
    asserts them: a date-time is RFC 3339 text)."""
    operation = document["paths"][path][method.lower()]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    root = {**schema, "components": document["components"]}
    return bool(jsonschema_rs.validator_for(root, validate_formats=True).is_valid(body))


@pytest.fixture(scope="module")
def document(live: Live) -> dict[str, Any]:
    found: dict[str, Any] = httpx.get(f"{live.base}/openapi.json", timeout=30).json()
    return found


LINE = {"description": "Audit", "rate": 10}
# (method, documented path, path sent, body): each rule's valid and invalid neighbours.
SAMPLES: list[tuple[str, str, str, dict[str, Any]]] = [
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


@pytest.mark.parametrize(("method", "path", "sent", "body"), SAMPLES)
def test_the_document_and_the_server_agree_on_a_value(
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
