"""v1 sales: invoices, payments, estimates, proposals, credit notes, subscriptions and
the item catalogue, replaying the document's examples."""

from __future__ import annotations

from decimal import Decimal

import httpx

from resolvers import credit_notes, invoices, payments, projects, proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from tests.factories import make_contact, make_customer
from tests.rest_compat.test_v1 import key

LINES = [{"description": "Consulting", "qty": 10, "rate": 150}]


async def make_invoice(ctx: Ctx, customer_id: int, rate: str = "1000.00") -> Row:
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": [{"description": "Work", "rate": rate}]}
    )


async def test_an_invoice_from_a_lone_total_is_one_line_of_that_amount(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/invoices", json={"customer_id": customer["id"], "total": 1500.00},
        headers=key(token),
    )  # fmt: skip

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["customer_id"] == customer["id"]
    assert body["total"] == 1500 and '"total":1500.00' in created.text
    assert [(i["description"], i["qty"], i["rate"]) for i in body["items"]] == [
        ("Invoice total", 1, 1500)
    ]
    stored = await invoices.get_invoice(ctx, body["id"])
    assert stored is not None and stored["total"] == Decimal("1500.00")
    assert stored["amount_due"] == Decimal("1500.00")


async def test_an_invoice_with_items_takes_its_figures_from_them(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/invoices",
        json={"clientid": customer["id"], "total": 1, "items": LINES, "duedate": "2030-01-31"},
        headers=key(token),
    )

    assert created.status_code == 201, created.text
    assert created.json()["total"] == 1500
    assert created.json()["due_date"] == "2030-01-31"
    assert created.json()["formatted_number"].startswith("INV-")


async def test_invoice_create_errors_name_the_clients_fields(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    no_lines = await client.post(
        "/api/v1/invoices", json={"customer_id": customer["id"]}, headers=key(token)
    )
    bad_total = await client.post(
        "/api/v1/invoices", json={"customer_id": customer["id"], "total": -5}, headers=key(token)
    )
    no_customer = await client.post("/api/v1/invoices", json={"total": 10}, headers=key(token))
    unknown = await client.post(
        "/api/v1/invoices", json={"customer_id": 999, "total": 10}, headers=key(token)
    )

    assert no_lines.status_code == 400 and "items" in no_lines.json()["errors"]
    assert bad_total.status_code == 400 and "total" in bad_total.json()["errors"]
    assert no_customer.status_code == 400 and "customer_id" in no_customer.json()["errors"]
    assert unknown.status_code == 400 and "customer_id" in unknown.json()["errors"]


async def test_a_project_of_another_customer_is_a_conflict_naming_it(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    ours, theirs = await make_customer(ctx), await make_customer(ctx, company="Other")
    project = await projects.create_project(
        ctx, {"name": "ERP", "customer_id": theirs["id"], "start_date": "2026-01-01"}
    )

    # Both ids name live records: the project's stored customer refuses the pair.
    foreign = await client.post(
        "/api/v1/invoices", json={"customer_id": ours["id"], "project_id": project["id"],
                                  "total": 10}, headers=key(token),
    )  # fmt: skip

    assert foreign.status_code == 409, foreign.text
    assert foreign.json()["error"] == "conflict" and "project_id" in foreign.json()["errors"]
    assert (await invoices.list_invoices(ctx, PageArgs())).rows == []


async def test_invoices_list_send_and_their_payments(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    first = await make_invoice(ctx, customer["id"])
    await make_invoice(ctx, (await make_customer(ctx, company="Other"))["id"])
    await payments.record_payment(ctx, first["id"], {"amount": "100.00"})

    mine = await client.get(f"/api/v1/invoices?customer_id={customer['id']}", headers=key(token))
    sent = await client.post(f"/api/v1/invoices/{first['id']}/send", headers=key(token))
    paid = await client.get(f"/api/v1/invoices/{first['id']}/payments", headers=key(token))
    missing = await client.get("/api/v1/invoices/999/payments", headers=key(token))
    bad_date = await client.get("/api/v1/invoices?date_from=soon", headers=key(token))

    assert [i["id"] for i in mine.json()["data"]] == [first["id"]]
    assert mine.json()["meta"] == {"page": 1, "per_page": 20, "total": 1, "total_pages": 1}
    assert sent.status_code == 200 and sent.json()["sent"] is True
    assert [p["amount"] for p in paid.json()["data"]] == [100]
    assert paid.json()["data"][0]["invoiceid"] == first["id"]
    assert missing.status_code == 404
    assert bad_date.status_code == 400 and "date_from" in bad_date.json()["message"]


async def test_payment_flow_from_the_document_moves_the_invoice_status(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"], rate="1000.00")

    created = await client.post(
        "/api/v1/payments",
        json={"invoiceid": invoice["id"], "amount": 500.00, "date": "2026-02-10",
              "paymentmode": "bank_transfer"},
        headers=key(token),
    )  # fmt: skip
    payment_id = created.json()["id"]
    partly = await invoices.get_invoice(ctx, invoice["id"])
    updated = await client.put(
        f"/api/v1/payments/{payment_id}",
        json={"amount": 1000.00, "note": "Updated payment amount"},
        headers=key(token),
    )
    fully = await invoices.get_invoice(ctx, invoice["id"])
    listed = await client.get(
        f"/api/v1/payments?invoice_id={invoice['id']}&payment_mode=Bank&date_from=2026-02-01",
        headers=key(token),
    )
    read = await client.get(f"/api/v1/payments/{payment_id}", headers=key(token))
    deleted = await client.delete(f"/api/v1/payments/{payment_id}", headers=key(token))
    unpaid = await invoices.get_invoice(ctx, invoice["id"])

    assert created.status_code == 201, created.text
    assert created.json()["invoiceid"] == invoice["id"] and created.json()["amount"] == 500
    assert created.json()["paymentmode"] is not None and created.json()["date"] == "2026-02-10"
    assert partly is not None and partly["status"] == 3 and partly["amount_due"] == 500
    assert updated.status_code == 200 and updated.json()["note"] == "Updated payment amount"
    assert fully is not None and fully["status"] == 2
    assert [p["id"] for p in listed.json()["data"]] == [payment_id]
    assert read.json()["amount"] == 1000
    assert deleted.json() == {"id": payment_id, "deleted": True}
    assert unpaid is not None and unpaid["status"] == 1


async def test_payment_errors(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"], rate="100.00")

    no_invoice = await client.post("/api/v1/payments", json={"amount": 5}, headers=key(token))
    unknown = await client.post(
        "/api/v1/payments", json={"invoiceid": 999, "amount": 5}, headers=key(token)
    )
    too_much = await client.post(
        "/api/v1/payments", json={"invoiceid": invoice["id"], "amount": 500}, headers=key(token)
    )
    no_amount = await client.post(
        "/api/v1/payments", json={"invoiceid": invoice["id"]}, headers=key(token)
    )
    missing = await client.get("/api/v1/payments/999", headers=key(token))

    assert no_invoice.status_code == 400 and "invoiceid" in no_invoice.json()["errors"]
    assert unknown.status_code == 400 and "invoiceid" in unknown.json()["errors"]
    # The amount is valid; the invoice's balance refuses it.
    assert too_much.status_code == 409 and too_much.json()["error"] == "conflict"
    assert "amount" in too_much.json()["errors"]
    assert no_amount.status_code == 400 and "amount" in no_amount.json()["errors"]
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


async def test_estimate_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/estimates",
        json={"clientid": customer["id"], "number": "EST-001", "date": "2026-02-10",
              "expirydate": "2026-03-10", "items": LINES, "status": 1},
        headers=key(token),
    )  # fmt: skip
    estimate_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/estimates/{estimate_id}",
        json={"status": 2, "expirydate": "2026-04-10"},
        headers=key(token),
    )
    sent = await client.post(f"/api/v1/estimates/{estimate_id}/send", headers=key(token))
    converted = await client.post(f"/api/v1/estimates/{estimate_id}/convert", headers=key(token))
    again = await client.post(f"/api/v1/estimates/{estimate_id}/convert", headers=key(token))
    read = await client.get(f"/api/v1/estimates/{estimate_id}", headers=key(token))
    listed = await client.get(f"/api/v1/estimates?clientid={customer['id']}", headers=key(token))

    assert created.status_code == 201, created.text
    assert created.json()["clientid"] == customer["id"] and created.json()["number"] == 1
    assert created.json()["expirydate"] == "2026-03-10" and created.json()["total"] == 1500
    assert updated.json()["expirydate"] == "2026-04-10" and updated.json()["status"] == 2
    assert sent.status_code == 200
    assert converted.status_code == 201, converted.text
    assert converted.json()["total"] == 1500 and converted.json()["customer_id"] == customer["id"]
    assert [i["description"] for i in converted.json()["items"]] == ["Consulting"]
    assert again.status_code == 409
    assert read.json()["invoice_id"] == converted.json()["id"]
    assert [e["id"] for e in listed.json()["data"]] == [estimate_id]


async def test_estimate_delete_and_unknown_ids(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    created = await client.post(
        "/api/v1/estimates", json={"clientid": customer["id"], "items": LINES}, headers=key(token)
    )

    deleted = await client.delete(f"/api/v1/estimates/{created.json()['id']}", headers=key(token))
    gone = await client.get(f"/api/v1/estimates/{created.json()['id']}", headers=key(token))
    send_missing = await client.post("/api/v1/estimates/999/send", headers=key(token))

    assert deleted.json() == {"id": created.json()["id"], "deleted": True}
    assert gone.status_code == 404 and send_missing.status_code == 404


async def test_proposal_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], n=1)

    created = await client.post(
        "/api/v1/proposals",
        json={"subject": "Website Development Proposal", "rel_type": "customer",
              "rel_id": customer["id"], "date": "2026-02-10", "open_till": "2099-03-10",
              "content": "<p>Proposal details here</p>"},
        headers=key(token),
    )  # fmt: skip
    proposal_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/proposals/{proposal_id}",
        json={"subject": "Updated Proposal", "open_till": "2099-04-10"},
        headers=key(token),
    )
    sent = await client.post(f"/api/v1/proposals/{proposal_id}/send", headers=key(token))
    await proposals.add_proposal_comment(ctx, proposal_id, {"content": "Looks good"})
    comments = await client.get(f"/api/v1/proposals/{proposal_id}/comments", headers=key(token))
    accepted = await client.post(f"/api/v1/proposals/{proposal_id}/accept", headers=key(token))
    declined = await client.post(f"/api/v1/proposals/{proposal_id}/decline", headers=key(token))
    missing_comments = await client.get("/api/v1/proposals/999/comments", headers=key(token))

    assert created.status_code == 201, created.text
    assert (created.json()["rel_type"], created.json()["rel_id"]) == ("customer", customer["id"])
    assert created.json()["email"] == "karim1@zaharahq.ae" and created.json()["items"] == []
    assert updated.json()["subject"] == "Updated Proposal"
    assert sent.json()["status"] == proposals.SENT
    assert [c["content"] for c in comments.json()["data"]] == ["Looks good"]
    assert accepted.json()["status"] == proposals.ACCEPTED
    assert declined.json()["status"] == proposals.DECLINED
    assert missing_comments.status_code == 404


async def test_a_proposal_without_rel_id_names_it(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    body = {"subject": "X", "rel_type": "customer"}
    left_out = await client.post("/api/v1/proposals", json=body, headers=key(token))
    # Given, but naming no record: the service says which record the proposal lacks.
    response = await client.post(
        "/api/v1/proposals", json={**body, "rel_id": None}, headers=key(token)
    )

    assert left_out.status_code == 400 and list(left_out.json()["errors"]) == ["rel_id"]
    assert response.status_code == 400
    assert "customer_id" in response.json()["errors"]


async def test_credit_note_flow_with_refunds_and_credits(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"], rate="1000.00")

    created = await client.post(
        "/api/v1/credit-notes",
        json={"clientid": customer["id"], "number": "CN-001", "date": "2026-02-10",
              "items": [{"description": "Refund for service", "qty": 1, "rate": 500}]},
        headers=key(token),
    )  # fmt: skip
    note_id = created.json()["id"]
    await credit_notes.refund_credit_note(ctx, note_id, {"amount": "100.00"})
    await credit_notes.apply_credit(ctx, note_id, {"invoice_id": invoice["id"], "amount": "50"})
    refunds = await client.get(f"/api/v1/credit-notes/{note_id}/refunds", headers=key(token))
    applied = await client.get(f"/api/v1/credit-notes/{note_id}/credits", headers=key(token))
    read = await client.get(f"/api/v1/credit-notes/{note_id}", headers=key(token))
    updated = await client.put(
        f"/api/v1/credit-notes/{note_id}", json={"reference_no": "R-9"}, headers=key(token)
    )
    missing = await client.get("/api/v1/credit-notes/999/refunds", headers=key(token))

    assert created.status_code == 201, created.text
    assert created.json()["clientid"] == customer["id"] and created.json()["total"] == 500
    assert [r["amount"] for r in refunds.json()["data"]] == [100]
    assert [(c["invoice_id"], c["amount"]) for c in applied.json()["data"]] == [(invoice["id"], 50)]
    assert read.json()["remaining_amount"] == 350
    assert updated.json()["reference_no"] == "R-9"
    assert missing.status_code == 404


async def test_subscription_flow_from_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post(
        "/api/v1/subscriptions",
        json={"name": "Monthly Support Plan", "clientid": customer["id"], "quantity": 1,
              "date": "2026-02-10"},
        headers=key(token),
    )  # fmt: skip
    sub_id = created.json()["id"]
    updated = await client.put(
        f"/api/v1/subscriptions/{sub_id}",
        json={"quantity": 2, "name": "Monthly Support Plan - Updated"},
        headers=key(token),
    )
    listed = await client.get(
        f"/api/v1/subscriptions?clientid={customer['id']}", headers=key(token)
    )
    deleted = await client.delete(f"/api/v1/subscriptions/{sub_id}", headers=key(token))
    gone = await client.get(f"/api/v1/subscriptions/{sub_id}", headers=key(token))
    no_name = await client.post(
        "/api/v1/subscriptions", json={"clientid": customer["id"]}, headers=key(token)
    )

    assert created.status_code == 201, created.text
    assert created.json()["clientid"] == customer["id"] and created.json()["date"] == "2026-02-10"
    assert (updated.json()["quantity"], updated.json()["name"]) == (
        2, "Monthly Support Plan - Updated"
    )  # fmt: skip
    assert [s["id"] for s in listed.json()["data"]] == [sub_id]
    assert deleted.status_code == 200 and gone.status_code == 404
    assert no_name.status_code == 400 and "name" in no_name.json()["errors"]


async def test_a_billing_time_written_as_a_whole_json_number_with_a_fraction_is_unix_seconds(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    body = {"name": "Plan", "clientid": customer["id"], "next_billing_cycle": 1643808000.0}

    created = await client.post("/api/v1/subscriptions", json=body, headers=key(token))
    halved = await client.put(
        f"/api/v1/subscriptions/{created.json()['id']}", json={"ends_at": 0.5},
        headers=key(token),
    )  # fmt: skip

    # JSON Schema's integer is any number with no fraction: 1643808000.0 is one.
    assert created.status_code == 201, created.text
    assert created.json()["next_billing_cycle"] == "2022-02-02T13:20:00Z"
    assert halved.status_code == 400 and "ends_at" in halved.json()["errors"]


async def test_item_flow_from_the_document(client: httpx.AsyncClient, token: str) -> None:
    groups = await client.get("/api/v1/items/groups", headers=key(token))
    group_id = groups.json()["data"][0]["id"]

    created = await client.post(
        "/api/v1/items",
        json={"description": "Consulting Hour", "rate": 150.00, "group_id": group_id,
              "unit": "hour"},
        headers=key(token),
    )  # fmt: skip
    item_id = created.json()["id"]
    await client.post("/api/v1/items", json={"description": "Cable", "rate": 3},
                      headers=key(token))  # fmt: skip
    updated = await client.put(
        f"/api/v1/items/{item_id}",
        json={"rate": 175.00, "description": "Senior Consulting Hour"},
        headers=key(token),
    )
    in_group = await client.get(f"/api/v1/items?group_id={group_id}", headers=key(token))
    found = await client.get("/api/v1/items?search=senior", headers=key(token))
    deleted = await client.delete(f"/api/v1/items/{item_id}", headers=key(token))
    gone = await client.get(f"/api/v1/items/{item_id}", headers=key(token))
    no_rate = await client.post("/api/v1/items", json={"description": "X"}, headers=key(token))

    assert created.status_code == 201, created.text
    assert created.json()["rate"] == 150 and '"rate":150.00' in created.text
    assert updated.json()["description"] == "Senior Consulting Hour"
    assert updated.json()["rate"] == 175
    assert [i["id"] for i in in_group.json()["data"]] == [item_id]
    assert [i["id"] for i in found.json()["data"]] == [item_id]
    assert deleted.status_code == 200 and gone.status_code == 404
    assert no_rate.status_code == 400 and "rate" in no_rate.json()["errors"]
