"""Credit notes over GraphQL: writing them, refunding them, applying them to invoices
(which settles the invoice), taking both back, reads, figures, permissions, nodes."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.database import Database
from resolvers import credit_notes, invoices
from resolvers.core.context import Ctx, Row
from schema.node import encode_global_id
from tests.factories import make_customer, make_token
from tests.schema.graph import data, gql, statements

NOTE = """
record { id databaseId formattedNumber status total remainingAmount referenceNo }
userErrors { field code message }
"""
CREATE = f"mutation($input: CreditNoteInput!) {{ createCreditNote(input: $input) {{ {NOTE} }} }}"
UPDATE = f"""
mutation($id: ID!, $input: CreditNoteInput!) {{
  updateCreditNote(id: $id, input: $input) {{ {NOTE} }}
}}
"""
DELETE = f"mutation($id: ID!) {{ deleteCreditNote(id: $id) {{ {NOTE} }} }}"
RESTORE = f"mutation($id: ID!) {{ restoreCreditNote(id: $id) {{ {NOTE} }} }}"
REFUND = """
mutation($id: ID!, $input: RefundInput!) {
  refundCreditNote(id: $id, input: $input) {
    record { id amount refundedOn note paymentMode { name } creditNote { remainingAmount } }
    userErrors { field code message }
  }
}
"""
DELETE_REFUND = """
mutation($id: ID!) {
  deleteRefund(id: $id) {
    record { creditNote { remainingAmount status } }
    userErrors { field }
  }
}
"""
APPLY = """
mutation($id: ID!, $input: ApplyCreditInput!) {
  applyCredit(id: $id, input: $input) {
    record {
      id amount
      creditNote { remainingAmount status }
      invoice { status amountDue creditsApplied }
    }
    userErrors { field code message }
  }
}
"""
DELETE_CREDIT = """
mutation($id: ID!) {
  deleteAppliedCredit(id: $id) {
    record { invoice { status amountDue } creditNote { remainingAmount status } }
    userErrors { field }
  }
}
"""
PAGE = """
query($first: Int!) {
  creditNotes(first: $first, orderBy: [{field: TOTAL, direction: DESC}]) {
    totalCount
    aggregate { sum { total remainingAmount } }
    nodes {
      formattedNumber status
      customer { company }
      items { nodes { description amount tax { name } } }
      refunds { nodes { amount paymentMode { name } } }
      credits { nodes { amount invoice { formattedNumber customer { company } } } }
    }
  }
}
"""


async def make_note(ctx: Ctx, customer_id: int, rate: int = 300) -> Row:
    return await credit_notes.create_credit_note(
        ctx, {"customer_id": customer_id, "items": [{"description": "Return", "rate": rate}]}
    )


async def make_invoice(ctx: Ctx, customer_id: int, rate: int = 500) -> Row:
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": [{"description": "Work", "rate": rate}]}
    )


async def test_create_update_void_delete_and_restore_a_credit_note(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)

    created = data(await gql(
        client, token, CREATE,
        input={"customerId": encode_global_id("Customer", customer["id"]), "referenceNo": "R-7",
               "items": [{"description": "Refunded licence", "qty": "2", "rate": "150"}]},
    ))["createCreditNote"]  # fmt: skip

    assert created["userErrors"] == []
    record = created["record"]
    assert record["formattedNumber"] == "CN-000001"
    assert (record["status"], record["total"], record["remainingAmount"]) == (
        "OPEN", "300.00", "300.00",
    )  # fmt: skip
    note_id = record["id"]
    void = data(await gql(client, token, UPDATE, id=note_id, input={"status": "VOID"}))
    assert void["updateCreditNote"]["record"]["status"] == "VOID"
    reopened = data(await gql(client, token, UPDATE, id=note_id, input={"status": "OPEN"}))
    assert reopened["updateCreditNote"]["record"]["status"] == "OPEN"
    closed = data(await gql(client, token, UPDATE, id=note_id, input={"status": "CLOSED"}))
    assert [e["field"] for e in closed["updateCreditNote"]["userErrors"]] == ["status"]
    deleted = data(await gql(client, token, DELETE, id=note_id))["deleteCreditNote"]
    assert deleted["userErrors"] == []
    assert await credit_notes.get_credit_note(ctx, record["databaseId"]) is None
    restored = data(await gql(client, token, RESTORE, id=note_id))["restoreCreditNote"]
    assert restored["record"]["databaseId"] == record["databaseId"]
    line = {"description": "Refunded licence", "qty": "1", "rate": "10"}
    no_customer = data(await gql(client, token, CREATE, input={"items": [line]}))
    assert [e["field"] for e in no_customer["createCreditNote"]["userErrors"]] == ["customerId"]
    # A credit note of no lines is refused by name, as every priced document's is
    no_lines = data(await gql(client, token, CREATE, input={
        "customerId": encode_global_id("Customer", customer["id"]), "items": [],
    }))  # fmt: skip
    assert [e["field"] for e in no_lines["createCreditNote"]["userErrors"]] == ["items"]


async def test_refunds_and_applied_credits_spend_the_note_and_settle_the_invoice(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    note = await make_note(ctx, customer["id"])
    invoice = await make_invoice(ctx, customer["id"], rate=200)
    note_id = encode_global_id("CreditNote", note["id"])
    invoice_id = encode_global_id("Invoice", invoice["id"])

    refund = data(await gql(
        client, token, REFUND, id=note_id,
        input={"amount": "50", "refundedOn": "2024-04-02", "note": "by wire"},
    ))["refundCreditNote"]  # fmt: skip
    assert refund["userErrors"] == []
    assert refund["record"]["creditNote"] == {"remainingAmount": "250.00"}
    applied = data(await gql(
        client, token, APPLY, id=note_id, input={"invoiceId": invoice_id, "amount": "200"},
    ))["applyCredit"]  # fmt: skip
    assert applied["userErrors"] == []
    assert applied["record"]["invoice"] == {
        "status": "PAID", "amountDue": "0.00", "creditsApplied": "200.00",
    }  # fmt: skip
    assert applied["record"]["creditNote"] == {"remainingAmount": "50.00", "status": "OPEN"}
    rest = data(await gql(client, token, REFUND, id=note_id, input={"amount": "50"}))
    assert rest["refundCreditNote"]["record"]["creditNote"]["remainingAmount"] == "0.00"

    back = data(await gql(client, token, DELETE_CREDIT, id=applied["record"]["id"]))
    assert back["deleteAppliedCredit"]["record"] == {
        "invoice": {"status": "UNPAID", "amountDue": "200.00"},
        "creditNote": {"remainingAmount": "200.00", "status": "OPEN"},
    }
    unrefunded = data(await gql(client, token, DELETE_REFUND, id=refund["record"]["id"]))
    assert unrefunded["deleteRefund"]["record"]["creditNote"]["remainingAmount"] == "250.00"


async def test_spending_failures_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    other = await make_customer(ctx, company="Other Co")
    note = await make_note(ctx, customer["id"], rate=100)
    invoice = await make_invoice(ctx, customer["id"], rate=50)
    foreign = await make_invoice(ctx, other["id"])
    note_id = encode_global_id("CreditNote", note["id"])
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        # Valid amounts and an existing invoice: the records' state refuses them.
        (REFUND, {"amount": "100.01"}, "amount", "CONFLICT"),
        (REFUND, {}, "amount", "INVALID"),
        (REFUND, {"amount": "1", "paymentModeId": encode_global_id("PaymentMode", 999)},
         "paymentModeId", "INVALID"),
        (APPLY, {"invoiceId": encode_global_id("Invoice", invoice["id"]), "amount": "60"},
         "amount", "CONFLICT"),
        (APPLY, {"invoiceId": encode_global_id("Invoice", foreign["id"]), "amount": "1"},
         "invoiceId", "CONFLICT"),
        (APPLY, {"invoiceId": note_id, "amount": "1"}, "invoiceId", "INVALID"),
        (APPLY, {"amount": "1"}, "invoiceId", "INVALID"),
    ]  # fmt: skip
    for mutation, given, field, code in cases:
        body = data(await gql(client, token, mutation, id=note_id, input=given))
        result = next(iter(body.values()))
        assert result["record"] is None, given
        assert [(e["field"], e["code"]) for e in result["userErrors"]] == [(field, code)], given

    await credit_notes.refund_credit_note(ctx, note["id"], {"amount": 10})
    used = data(await gql(client, token, DELETE, id=note_id))["deleteCreditNote"]
    assert [(e["field"], e["code"]) for e in used["userErrors"]] == [("id", "CONFLICT")]


async def test_credit_note_pages_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    for n in range(20):
        note = await make_note(ctx, customer["id"], rate=100 + n)
        invoice = await make_invoice(ctx, customer["id"])
        await credit_notes.refund_credit_note(
            ctx, note["id"], {"amount": 5, "payment_mode": "Cash"}
        )
        await credit_notes.apply_credit(ctx, note["id"], {"invoice_id": invoice["id"], "amount": 7})

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # notes: page, count, aggregate; customers; lines page (no taxes to load); refunds
    # page and their modes; credits page and their invoices, whose customer the request
    # has already loaded
    assert statements(two) == statements(twenty) == 9
    got = data(twenty)["creditNotes"]
    assert got["aggregate"]["sum"] == {"total": "2190.00", "remainingAmount": "1950.00"}
    top = got["nodes"][0]
    assert top["formattedNumber"] == "CN-000020"
    assert top["items"]["nodes"] == [{"description": "Return", "amount": "119.00", "tax": None}]
    assert top["refunds"]["nodes"] == [{"amount": "5.00", "paymentMode": {"name": "Cash"}}]
    assert top["credits"]["nodes"][0]["amount"] == "7.00"
    assert top["credits"]["nodes"][0]["invoice"]["customer"] == {"company": "Zahara Foods LLC"}


async def test_refunding_takes_the_credit_notes_grant(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    note = await make_note(ctx, customer["id"])
    reader = (await make_token(db, "credit_notes:get", name="reader")).token

    body = await gql(
        client, reader, REFUND, id=encode_global_id("CreditNote", note["id"]),
        input={"amount": "5"},
    )  # fmt: skip

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    stored = await credit_notes.get_credit_note(ctx, note["id"])
    assert stored is not None and str(stored["remaining_amount"]) == "300.00"


async def test_credit_notes_and_their_parts_are_nodes(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    note = await make_note(ctx, customer["id"])
    invoice = await make_invoice(ctx, customer["id"])
    refund = await credit_notes.refund_credit_note(ctx, note["id"], {"amount": 1})
    credit = await credit_notes.apply_credit(
        ctx, note["id"], {"invoice_id": invoice["id"], "amount": 2}
    )
    line = (await credit_notes.items_by_credit_note_id(ctx, [note["id"]]))[0][0]
    ids = [
        encode_global_id("CreditNote", note["id"]),
        encode_global_id("CreditNoteItem", line["id"]),
        encode_global_id("CreditNoteRefund", refund["id"]),
        encode_global_id("CreditApplied", credit["id"]),
    ]
    query = """
    query($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on CreditNote { formattedNumber }
        ... on CreditNoteItem { description creditNote { databaseId } }
        ... on CreditNoteRefund { amount }
        ... on CreditApplied { amount invoice { databaseId } }
      }
    }
    """

    got = data(await gql(client, token, query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0], "formattedNumber": "CN-000001"},
        {"id": ids[1], "description": "Return", "creditNote": {"databaseId": note["id"]}},
        {"id": ids[2], "amount": "1.00"},
        {"id": ids[3], "amount": "2.00", "invoice": {"databaseId": invoice["id"]}},
    ]
