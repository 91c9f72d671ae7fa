"""Values the server refused though /openapi.json allowed them, or took though it refused
them (schemathesis' positive and negative data checks, issue 14): each rule's valid and
invalid neighbours, replayed against a live `serve --demo`, agree with the document."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.security.conftest import Live
from tests.security.test_document_rules import _documented, _headers, _refused


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
    ("POST", "/api/projects/{id}/tasks", "/api/projects/1/tasks", {"title": "Audit"}),
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
