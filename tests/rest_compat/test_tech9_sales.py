"""tech9's invoices, payments, estimates and proposals, replaying the document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import httpx

from resolvers import estimates, invoices, leads, payments, proposals
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from resolvers.totals import DRAFT, PARTIALLY_PAID, UNPAID
from tests.factories import make_customer

SOON = dt.date.today() + dt.timedelta(days=10)
LATER = dt.date.today() + dt.timedelta(days=30)


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


def invoice_body(customer_id: int) -> dict[str, object]:
    return {
        "customer_id": customer_id,
        "currency": "AED",
        "issue_date": SOON.isoformat(),
        "due_date": LATER.isoformat(),
        "items": [
            {"description": "Onsite Implementation", "qty": 10, "unit_price": 380},
            {"description": "Monthly Support (Sept)", "qty": 1, "unit_price": 1200},
        ],
    }


async def test_a_draft_invoice_is_sent_then_paid(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post("/api/invoices", json=invoice_body(customer["id"]),
                                headers=auth(token))  # fmt: skip
    invoice_id = created.json()["id"]
    draft = await invoices.get_invoice(ctx, invoice_id)
    sent = await client.post(
        f"/api/invoices/{invoice_id}/send",
        json={"to": ["accounts@zaharahq.ae"], "message": "Please find your invoice attached."},
        headers=auth(token),
    )
    issued = await invoices.get_invoice(ctx, invoice_id)
    paid = await client.post(
        f"/api/invoices/{invoice_id}/payments",
        json={"amount": 5000, "paid_at": SOON.isoformat(), "method": "bank"},
        headers=auth(token),
    )
    settled = await invoices.get_invoice(ctx, invoice_id)
    recorded = await payments.get_payment(ctx, paid.json()["payment_id"])

    assert created.status_code == 201 and created.json() == {"id": invoice_id, "status": "draft"}
    assert draft is not None and draft["status"] == DRAFT and draft["total"] == Decimal("5000.00")
    assert sent.status_code == 202 and sent.json() == {"status": "sent"}
    assert issued is not None and issued["sent"] and issued["status"] == UNPAID
    assert paid.status_code == 201 and set(paid.json()) == {"payment_id"}
    assert recorded is not None and recorded["amount"] == Decimal("5000.00")
    assert recorded["date"] == SOON and recorded["invoice_id"] == invoice_id
    assert settled is not None and settled["amount_due"] == Decimal("0.00")


async def test_payment_method_and_date_default_and_partial_payments(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await invoices.create_invoice(ctx, {
        "customer_id": customer["id"], "items": [{"description": "Service", "qty": 2, "rate": 500}],
    })  # fmt: skip

    paid = await client.post(f"/api/invoices/{invoice['id']}/payments",
                             json={"amount": 400, "method": "bank"},
                             headers=auth(token))  # fmt: skip

    row = await invoices.get_invoice(ctx, invoice["id"])
    recorded = await payments.get_payment(ctx, paid.json()["payment_id"])
    assert paid.status_code == 201
    assert row is not None and row["status"] == PARTIALLY_PAID
    assert recorded is not None and recorded["date"] == dt.datetime.now(dt.UTC).date()


async def test_invoice_failures_name_the_clients_fields(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    draft = await invoices.create_invoice(ctx, {
        "customer_id": customer["id"], "status": DRAFT,
        "items": [{"description": "Service", "qty": 1, "rate": 100}],
    })  # fmt: skip

    no_price = await client.post("/api/invoices", json={
        "customer_id": customer["id"], "items": [{"description": "x", "qty": 1, "unit_price": -1}],
    }, headers=auth(token))  # fmt: skip
    no_customer = await client.post("/api/invoices", json={"items": []}, headers=auth(token))
    unknown = await client.post("/api/invoices/999/send", json={}, headers=auth(token))
    unknown_pay = await client.post("/api/invoices/999/payments", json={"amount": 1},
                                    headers=auth(token))  # fmt: skip
    draft_pay = await client.post(f"/api/invoices/{draft['id']}/payments", json={"amount": 1},
                                  headers=auth(token))  # fmt: skip
    no_amount = await client.post(f"/api/invoices/{draft['id']}/payments", json={},
                                  headers=auth(token))  # fmt: skip

    assert no_price.status_code == 400 and "items.0.unit_price" in no_price.json()["errors"]
    assert no_customer.status_code == 400 and "customer_id" in no_customer.json()["errors"]
    assert unknown.status_code == 404 and unknown_pay.status_code == 404
    assert draft_pay.status_code == 409
    assert no_amount.status_code == 400 and "amount" in no_amount.json()["errors"]


async def test_an_estimate_is_created_as_a_draft_then_accepted_or_declined(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    body = {
        "customer_id": customer["id"], "currency": "AED", "issue_date": SOON.isoformat(),
        "expiry_date": LATER.isoformat(),
        "items": [{"description": "Solution Design", "qty": 1, "unit_price": 2400},
                  {"description": "Training (8h)", "qty": 8, "unit_price": 180}],
    }  # fmt: skip

    first = await client.post("/api/estimates", json=body, headers=auth(token))
    second = await client.post("/api/estimates", json=body, headers=auth(token))
    accepted = await client.post(f"/api/estimates/{first.json()['id']}/accept",
                                 headers=auth(token))  # fmt: skip
    declined = await client.post(f"/api/estimates/{second.json()['id']}/decline",
                                 headers=auth(token))  # fmt: skip
    stored = await estimates.get_estimate(ctx, first.json()["id"])

    assert first.status_code == 201 and first.json()["status"] == "draft"
    assert accepted.status_code == 200 and accepted.json() == {"status": "accepted"}
    assert declined.status_code == 200 and declined.json() == {"status": "declined"}
    assert stored is not None and stored["status"] == estimates.ACCEPTED
    assert stored["total"] == Decimal("3840.00") and stored["date"] == SOON
    missing = await client.post("/api/estimates/999/accept", headers=auth(token))
    assert missing.status_code == 404


async def test_a_proposal_to_a_customer_is_sent_and_accepted(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post("/api/proposals", json={
        "subject": "Implementation Proposal", "rel_type": "customer", "rel_id": customer["id"],
        "content": "Scope\nPhase 1 deliverables...\n", "date": SOON.isoformat(),
        "open_till": LATER.isoformat(),
    }, headers=auth(token))  # fmt: skip
    proposal_id = created.json()["id"]
    sent = await client.post(f"/api/proposals/{proposal_id}/send",
                             json={"to": ["karim@zaharahq.ae"], "message": "Please review."},
                             headers=auth(token))  # fmt: skip
    accepted = await client.post(f"/api/proposals/{proposal_id}/accept", headers=auth(token))
    stored = await proposals.get_proposal(ctx, proposal_id)
    listed = await proposals.list_proposals(ctx, PageArgs(), customer_id=customer["id"])

    assert created.status_code == 201 and created.json() == {"id": proposal_id, "status": "draft"}
    assert sent.status_code == 202 and sent.json() == {"status": "sent"}
    assert accepted.status_code == 200 and accepted.json() == {"status": "accepted"}
    assert stored is not None and stored["status"] == proposals.ACCEPTED
    assert stored["customer_id"] == customer["id"] and stored["sent_at"] is not None
    assert [r["id"] for r in listed.rows] == [proposal_id]


async def test_a_proposal_to_an_unknown_party_names_rel_id(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/proposals", json={
        "subject": "Implementation Proposal", "rel_type": "customer", "rel_id": 999,
    }, headers=auth(token))  # fmt: skip
    no_rel = await client.post("/api/proposals", json={"subject": "x", "rel_type": "customer"},
                               headers=auth(token))  # fmt: skip

    assert response.status_code == 400 and "rel_id" in response.json()["errors"]
    assert no_rel.status_code == 400 and "rel_id" in no_rel.json()["errors"]


async def test_a_proposal_names_its_party_by_rel_id_or_its_own_id_not_both(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    # rel_id beside customer_id (or lead_id) says the party twice: refused naming the
    # other id, whatever it holds, where it was overwritten by rel_id.
    customer = await make_customer(ctx)
    party = {"subject": "Twice", "rel_type": "customer", "rel_id": customer["id"]}
    sent = [{**party, "customer_id": v} for v in (customer["id"], False, 999)]
    sent.append({**party, "lead_id": 1})

    replies = [await client.post("/api/proposals", json=b, headers=auth(token)) for b in sent]
    alone = await client.post("/api/proposals", json={**party, "customer_id": None},
                              headers=auth(token))  # fmt: skip

    assert [r.status_code for r in replies] == [400] * 4, [r.text for r in replies]
    named = [next(iter(r.json()["errors"])) for r in replies]
    assert named == ["customer_id", "customer_id", "customer_id", "lead_id"]
    assert alone.status_code == 201, alone.text


async def test_a_proposal_to_a_lead_names_the_lead_by_rel_id(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    lead = await leads.create_lead(ctx, {"first_name": "Hana", "email": "hana@example.net"})

    created = await client.post("/api/proposals", json={
        "subject": "Offer", "rel_type": "lead", "rel_id": lead["id"],
    }, headers=auth(token))  # fmt: skip
    stored = await proposals.get_proposal(ctx, created.json()["id"])

    assert created.status_code == 201
    assert stored is not None and (stored["lead_id"], stored["customer_id"]) == (lead["id"], None)
