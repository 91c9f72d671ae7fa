"""Sending with options over the real app: tech9's send bodies (`to`, `cc`, `subject`,
`message`) and GraphQL's `input: SendDocumentInput` reach a real SMTP server on
127.0.0.1 as recipients, subject and text; bad options are refused naming the field and
send nothing."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

import httpx

from resolvers import contracts, estimates, invoices, proposals
from resolvers.core.context import Ctx
from resolvers.totals import DRAFT
from schema.node import encode_global_id
from tests.documents.conftest import Sink
from tests.documents.factories import (
    BUYER_EMAIL,
    buyer,
    make_contract,
    make_estimate,
    make_invoice,
    make_proposal,
)
from tests.factories import make_customer, make_token

SEND = """
mutation Send($id: ID!, $input: SendDocumentInput) {
  send%(type)s(id: $id, input: $input) { record { id } userErrors { field code message } }
}
"""
CONTRACT_SENT = "query Sent($id: ID!) { node(id: $id) { ... on Contract { sent sentAt } } }"


def text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


async def gql(client: httpx.AsyncClient, ctx: Ctx, query: str, **variables: Any) -> Any:
    token = (await make_token(ctx.db, "*")).token
    response = await client.post("/graphql", json={"query": query, "variables": variables},
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def tech9(client: httpx.AsyncClient, ctx: Ctx, path: str, body: Any) -> httpx.Response:
    token = (await make_token(ctx.db, "*")).token
    return await client.post(path, json=body, headers={"Authtoken": token})


async def test_tech9_send_invoice_mails_the_documents_recipients_and_message(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    # given a draft invoice of a customer whose primary contact is BUYER_EMAIL
    invoice = await make_invoice(ctx, await buyer(ctx), paid=None, status=DRAFT)

    # when tech9 sends it as the document's example does, with a copy and a subject
    response = await tech9(client, ctx, f"/api/invoices/{invoice['id']}/send", {
        "to": ["accounts@zaharahq.ae"], "message": "Please find your invoice attached.",
        "cc": ["cfo@zaharahq.ae"], "subject": "Your August invoice",
    })  # fmt: skip

    # then the answer is the document's, and the message went where the body said
    assert (response.status_code, response.json()) == (202, {"status": "sent"})
    ((envelope, message),) = smtp_sink.received
    assert sorted(envelope.rcpt_tos) == ["accounts@zaharahq.ae", "cfo@zaharahq.ae"]
    assert (message["To"], message["Cc"]) == ("accounts@zaharahq.ae", "cfo@zaharahq.ae")
    assert message["Subject"] == "Your August invoice"
    assert "Please find your invoice attached." in text(message)
    assert "Please find attached invoice" not in text(message)
    after = await invoices.get_invoice(ctx, invoice["id"])
    assert after is not None and after["sent"] is True


async def test_tech9_send_proposal_and_a_lone_address(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    proposal = await make_proposal(ctx, await buyer(ctx), email="omar@blueharbor.trade")

    body = {"to": "karim@zaharahq.ae", "message": "Please review and sign."}
    response = await tech9(client, ctx, f"/api/proposals/{proposal['id']}/send", body)

    assert (response.status_code, response.json()) == (202, {"status": "sent"})
    (message,) = smtp_sink.messages
    assert message["To"] == "karim@zaharahq.ae"
    assert message["Subject"] == f"Proposal PRO-{proposal['id']:06d} from Acme Trading FZ-LLC"
    assert "Please review and sign." in text(message)


async def test_tech9_send_without_a_body_goes_to_the_primary_contact(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    invoice = await make_invoice(ctx, await buyer(ctx))
    token = (await make_token(ctx.db, "*")).token

    response = await client.post(f"/api/invoices/{invoice['id']}/send",
                                 headers={"Authtoken": token})  # fmt: skip

    assert response.status_code == 202, response.text
    (message,) = smtp_sink.messages
    assert message["To"] == BUYER_EMAIL
    assert "Please find attached invoice INV-000001" in text(message)


async def test_tech9_bad_options_are_400_naming_the_field_and_send_nothing(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    invoice = await make_invoice(ctx, await buyer(ctx), paid=None, status=DRAFT)
    path = f"/api/invoices/{invoice['id']}/send"

    bad_address = await tech9(client, ctx, path, {"to": ["not an address"]})
    unknown = await tech9(client, ctx, path, {"bcc": ["x@example.com"]})
    missing = await tech9(client, ctx, "/api/invoices/999999/send", {"to": ["a@example.com"]})

    assert bad_address.status_code == 400, bad_address.text
    assert list(bad_address.json()["errors"]) == ["to.0"]
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["bcc"]
    assert missing.status_code == 404
    assert smtp_sink.messages == []
    after = await invoices.get_invoice(ctx, invoice["id"])
    assert after is not None and (after["sent"], after["status"]) == (False, DRAFT)


async def test_tech9_send_to_a_customer_without_an_address_is_a_409_naming_to(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    invoice = await make_invoice(ctx, await make_customer(ctx, company="No Contacts Ltd"))

    # The body is valid (`to` may be left out); the customer has no address to send to.
    response = await tech9(client, ctx, f"/api/invoices/{invoice['id']}/send", {})

    assert response.status_code == 409, response.text
    assert "to" in response.json()["errors"]
    assert smtp_sink.messages == []


async def test_graphql_send_invoice_with_input(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    invoice = await make_invoice(ctx, await buyer(ctx))
    options = {"to": ["accounts@zaharahq.ae"], "cc": ["cfo@zaharahq.ae"],
               "subject": "Your August invoice",
               "message": "Thank you for your business."}  # fmt: skip

    data = await gql(client, ctx, SEND % {"type": "Invoice"},
                     id=encode_global_id("Invoice", invoice["id"]), input=options)  # fmt: skip

    assert data["sendInvoice"]["userErrors"] == []
    ((envelope, message),) = smtp_sink.received
    assert sorted(envelope.rcpt_tos) == ["accounts@zaharahq.ae", "cfo@zaharahq.ae"]
    assert (message["To"], message["Subject"]) == ("accounts@zaharahq.ae", "Your August invoice")
    assert "Thank you for your business." in text(message)


async def test_graphql_send_estimate_proposal_and_contract_with_input(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    # given one of each, for a customer whose primary contact is BUYER_EMAIL
    customer = await buyer(ctx)
    documents = {
        "Estimate": await make_estimate(ctx, customer),
        "Proposal": await make_proposal(ctx, customer),
        "Contract": await make_contract(ctx, customer),
    }

    # when each is sent with its own recipient, subject and message
    for kind, row in documents.items():
        options = {"to": [f"{kind.lower()}@zaharahq.ae"], "subject": f"About the {kind}",
                   "message": f"Here is the {kind.lower()} we discussed."}  # fmt: skip
        data = await gql(client, ctx, SEND % {"type": kind},
                         id=encode_global_id(kind, row["id"]), input=options)  # fmt: skip
        assert data[f"send{kind}"]["userErrors"] == [], kind
        assert data[f"send{kind}"]["record"]["id"] == encode_global_id(kind, row["id"])

    # then each message arrived as asked, in order
    received = [(m["To"], m["Subject"], text(m)) for m in smtp_sink.messages]
    assert [(to, subject) for to, subject, _ in received] == [
        (f"{kind.lower()}@zaharahq.ae", f"About the {kind}") for kind in documents
    ]
    for (_, _, body), kind in zip(received, documents, strict=True):
        assert f"Here is the {kind.lower()} we discussed." in body
    # and each record is marked sent
    estimate = await estimates.get_estimate(ctx, documents["Estimate"]["id"])
    proposal = await proposals.get_proposal(ctx, documents["Proposal"]["id"])
    contract = await contracts.get_contract(ctx, documents["Contract"]["id"])
    assert estimate is not None and estimate["sent"] is True
    assert proposal is not None and proposal["sent_at"] is not None
    assert contract is not None and contract["sent"] is True


async def test_graphql_send_contract_without_input_goes_to_the_primary_contact(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    contract = await make_contract(ctx, await buyer(ctx))
    node_id = encode_global_id("Contract", contract["id"])

    data = await gql(client, ctx, SEND % {"type": "Contract"}, id=node_id)

    assert data["sendContract"]["userErrors"] == []
    (message,) = smtp_sink.messages
    assert message["To"] == BUYER_EMAIL
    sent = (await gql(client, ctx, CONTRACT_SENT, id=node_id))["node"]
    assert sent["sent"] is True and sent["sentAt"] is not None


async def test_graphql_bad_options_are_user_errors_and_email_false_only_marks_sent(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer, paid=None, status=DRAFT)
    contract = await make_contract(ctx, customer)
    invoice_id = encode_global_id("Invoice", invoice["id"])

    refused = await gql(client, ctx, SEND % {"type": "Invoice"}, id=invoice_id,
                        input={"to": ["not an address"]})  # fmt: skip
    unsent = await invoices.get_invoice(ctx, invoice["id"])
    contract_id = encode_global_id("Contract", contract["id"])
    marked = await gql(client, ctx, SEND % {"type": "Contract"}, id=contract_id,
                       input={"email": False})  # fmt: skip

    (error,) = refused["sendInvoice"]["userErrors"]
    assert error["field"] == "to.0" and refused["sendInvoice"]["record"] is None
    assert unsent is not None and unsent["sent"] is False
    assert marked["sendContract"]["userErrors"] == []
    after = await contracts.get_contract(ctx, contract["id"])
    assert after is not None and after["sent"] is True
    assert smtp_sink.messages == []
