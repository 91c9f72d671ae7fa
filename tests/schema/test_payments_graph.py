"""Payments over GraphQL: recording, changing, deleting and restoring them moves the
invoice Unpaid -> Partially Paid -> Paid and back; reads, figures, permissions, nodes."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import invoices, payments
from resolvers.core.context import Ctx, Row
from resolvers.models import PaymentMode, table_of
from schema.node import encode_global_id
from tests.factories import make_customer, make_token
from tests.schema.graph import data, gql, statements

PAYLOAD = """
record {
  id databaseId amount date transactionId note
  paymentMode { name }
  invoice { status amountPaid amountDue }
}
userErrors { field code message }
"""
RECORD = f"""
mutation($invoiceId: ID!, $input: PaymentInput!) {{
  recordPayment(invoiceId: $invoiceId, input: $input) {{ {PAYLOAD} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: PaymentInput!) {{
  updatePayment(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
DELETE = f"mutation($id: ID!) {{ deletePayment(id: $id) {{ {PAYLOAD} }} }}"
RESTORE = f"mutation($id: ID!) {{ restorePayment(id: $id) {{ {PAYLOAD} }} }}"
INVOICE = """
query($id: ID!) {
  invoice(id: $id) { status amountDue payments { totalCount nodes { amount } } }
}
"""
PAGE = """
query($first: Int!) {
  payments(first: $first, orderBy: [{field: AMOUNT, direction: DESC}]) {
    totalCount
    aggregate { count sum { amount } min { date } }
    groupBy(field: PAYMENT_MODE_ID) { key count sum { amount } }
    nodes {
      amount
      paymentMode { name }
      invoice { formattedNumber customer { company } items { nodes { description } } }
    }
  }
}
"""


async def mode_gid(db: Database, name: str) -> str:
    modes = table_of(PaymentMode)
    async with db.read() as conn:
        found = await conn.scalar(select(modes.c.id).where(modes.c.name == name))
    assert found is not None, name
    return encode_global_id("PaymentMode", int(found))


async def make_invoice(ctx: Ctx, rate: int = 1000, **fields: Any) -> Row:
    customer = await make_customer(ctx)
    return await invoices.create_invoice(
        ctx, {"customer_id": customer["id"], "items": [{"description": "Work", "rate": rate}],
              **fields},
    )  # fmt: skip


async def test_payments_move_the_invoice_to_paid_and_back(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    invoice = await make_invoice(ctx)
    invoice_id = encode_global_id("Invoice", invoice["id"])
    bank = await mode_gid(db, "Bank")

    first = data(await gql(
        client, token, RECORD, invoiceId=invoice_id,
        input={"amount": "400", "paymentModeId": bank, "transactionId": "TX-1",
               "date": "2024-05-01"},
    ))["recordPayment"]  # fmt: skip
    assert first["userErrors"] == []
    assert first["record"]["paymentMode"] == {"name": "Bank"}
    assert first["record"]["date"] == "2024-05-01"
    assert first["record"]["invoice"] == {
        "status": "PARTIALLY_PAID", "amountPaid": "400.00", "amountDue": "600.00",
    }  # fmt: skip

    second = data(await gql(client, token, RECORD, invoiceId=invoice_id, input={"amount": "600"}))
    assert second["recordPayment"]["record"]["invoice"]["status"] == "PAID"
    assert second["recordPayment"]["record"]["invoice"]["amountDue"] == "0.00"

    deleted = data(await gql(client, token, DELETE, id=second["recordPayment"]["record"]["id"]))
    assert deleted["deletePayment"]["record"]["invoice"]["status"] == "PARTIALLY_PAID"
    smaller = data(await gql(
        client, token, UPDATE, id=first["record"]["id"],
        input={"amount": "150.5", "note": "corrected"},
    ))["updatePayment"]  # fmt: skip
    assert smaller["record"]["note"] == "corrected"
    assert smaller["record"]["invoice"]["amountDue"] == "849.50"
    emptied = data(await gql(client, token, DELETE, id=first["record"]["id"]))["deletePayment"]
    assert emptied["record"]["invoice"] == {
        "status": "UNPAID", "amountPaid": "0.00", "amountDue": "1000.00",
    }  # fmt: skip
    restored = data(await gql(client, token, RESTORE, id=first["record"]["id"]))
    assert restored["restorePayment"]["record"]["invoice"]["status"] == "PARTIALLY_PAID"

    after = data(await gql(client, token, INVOICE, id=invoice_id))["invoice"]
    assert after == {
        "status": "PARTIALLY_PAID",
        "amountDue": "849.50",
        "payments": {"totalCount": 1, "nodes": [{"amount": "150.50"}]},
    }


async def test_each_mutation_of_a_request_reads_what_the_ones_before_it_wrote(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    invoice = await make_invoice(ctx)
    twice = """
    mutation($id: ID!) {
      first: recordPayment(invoiceId: $id, input: {amount: "400"}) {
        record { invoice { status amountDue } }
      }
      second: recordPayment(invoiceId: $id, input: {amount: "600"}) {
        record { invoice { status amountDue } }
      }
    }
    """

    got = data(await gql(client, token, twice, id=encode_global_id("Invoice", invoice["id"])))

    assert got["first"]["record"]["invoice"] == {
        "status": "PARTIALLY_PAID",
        "amountDue": "600.00",
    }
    assert got["second"]["record"]["invoice"] == {"status": "PAID", "amountDue": "0.00"}


async def test_payment_failures_are_user_errors(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    invoice = await make_invoice(ctx, rate=100)
    invoice_id = encode_global_id("Invoice", invoice["id"])
    draft = await make_invoice(ctx, status=6)
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        # The amount is valid; the invoice's balance refuses it.
        (invoice_id, {"amount": "100.01"}, "amount", "CONFLICT"),
        (invoice_id, {}, "amount", "INVALID"),
        (invoice_id, {"amount": "0.001"}, "amount", "INVALID"),
        (invoice_id, {"amount": "5", "paymentModeId": encode_global_id("PaymentMode", 999)},
         "paymentModeId", "INVALID"),
        (invoice_id, {"amount": "5", "paymentModeId": invoice_id}, "paymentModeId", "INVALID"),
        (encode_global_id("Invoice", 999), {"amount": "5"}, "invoiceId", "INVALID"),
        (encode_global_id("Customer", invoice["customer_id"]), {"amount": "5"}, "invoiceId",
         "INVALID"),
        (encode_global_id("Invoice", draft["id"]), {"amount": "5"}, "invoiceId", "CONFLICT"),
    ]  # fmt: skip
    for target, given, field, code in cases:
        result = data(await gql(client, token, RECORD, invoiceId=target, input=given))
        errors = result["recordPayment"]["userErrors"]
        assert result["recordPayment"]["record"] is None, given
        assert [(e["field"], e["code"]) for e in errors] == [(field, code)], (given, errors)

    payment = await payments.record_payment(ctx, invoice["id"], {"amount": 60})
    too_much = data(await gql(
        client, token, UPDATE, id=encode_global_id("Payment", payment["id"]),
        input={"amount": "100.50"},
    ))["updatePayment"]  # fmt: skip
    assert [(e["field"], e["code"]) for e in too_much["userErrors"]] == [("amount", "CONFLICT")]
    missing = data(await gql(client, token, DELETE, id=encode_global_id("Payment", 999)))
    assert missing["deletePayment"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_payment_pages_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(20):
        invoice = await make_invoice(ctx, rate=500)
        await payments.record_payment(
            ctx, invoice["id"], {"amount": 10 + n, "payment_mode": "Cash" if n % 2 else "Bank"}
        )

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # payments: page, count, aggregate, groups; modes and invoices by id; customers by
    # id; lines page
    assert statements(two) == statements(twenty) == 8
    got = data(twenty)["payments"]
    assert got["totalCount"] == 20
    assert got["aggregate"]["count"] == 20
    assert got["aggregate"]["sum"] == {"amount": "390.00"}
    assert sorted(g["sum"]["amount"] for g in got["groupBy"]) == ["190.00", "200.00"]
    assert [n["amount"] for n in got["nodes"][:2]] == ["29.00", "28.00"]
    top = got["nodes"][0]
    assert top["paymentMode"] == {"name": "Cash"}
    assert top["invoice"]["customer"] == {"company": "Zahara Foods LLC"}
    assert top["invoice"]["items"]["nodes"] == [{"description": "Work"}]


async def test_recording_a_payment_takes_the_payments_grant(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    invoice = await make_invoice(ctx)
    clerk = (await make_token(db, "invoices:get", "invoices:update", name="clerk")).token

    body = await gql(
        client, clerk, RECORD, invoiceId=encode_global_id("Invoice", invoice["id"]),
        input={"amount": "5"},
    )  # fmt: skip

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "payments" in body["errors"][0]["message"]
    stored = await invoices.get_invoice(ctx, invoice["id"])
    assert stored is not None and stored["status"] == 1


async def test_a_payment_is_a_node(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    invoice = await make_invoice(ctx)
    payment = await payments.record_payment(ctx, invoice["id"], {"amount": 12})
    payment_id = encode_global_id("Payment", payment["id"])
    query = "query($id: ID!) { node(id: $id) { id ... on Payment { amount invoice { total } } } }"

    got = data(await gql(client, token, query, id=payment_id))["node"]

    assert got == {"id": payment_id, "amount": "12.00", "invoice": {"total": "1000.00"}}
