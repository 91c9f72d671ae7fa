"""Documents over the real app: the v1 /pdf downloads, GraphQL's pdfUrl and the signed
link it gives (refused when expired or tampered with), and sending over GraphQL and REST
through the mailer the settings describe."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from gateway.app import jwt_keys
from resolvers import estimates, invoices
from resolvers.core.context import Ctx
from resolvers.documents import pdf_link
from tests.documents.conftest import Sink, settings_for
from tests.documents.factories import (
    BUYER_EMAIL,
    buyer,
    make_credit_note,
    make_estimate,
    make_invoice,
    make_proposal,
    text_of,
)
from tests.factories import make_token

SELLER_LINE = "Acme Trading FZ-LLC 1 Harbour Road Jebel Ali, Dubai"
PDF_URL = """
query Links($invoice: Int!, $estimate: Int!, $proposal: Int!, $creditNote: Int!) {
  invoice(databaseId: $invoice) { pdfUrl }
  estimate(databaseId: $estimate) { pdfUrl }
  proposal(databaseId: $proposal) { pdfUrl }
  creditNote(databaseId: $creditNote) { pdfUrl }
}
"""
SEND_INVOICE = """
mutation Send($id: ID!) {
  sendInvoice(id: $id) { record { sent } userErrors { field code message } }
}
"""
INVOICE_ID = "query One($id: Int!) { invoice(databaseId: $id) { id } }"


async def documents(ctx: Ctx) -> dict[str, Any]:
    customer = await buyer(ctx)
    return {
        "invoice": await make_invoice(ctx, customer),
        "estimate": await make_estimate(ctx, customer),
        "proposal": await make_proposal(ctx, customer),
        "creditNote": await make_credit_note(ctx, customer),
    }


async def gql(client: httpx.AsyncClient, token: str, query: str, **variables: Any) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables},
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_the_v1_pdf_rows_download_each_document(client: httpx.AsyncClient, ctx: Ctx) -> None:
    docs = await documents(ctx)
    token = (await make_token(ctx.db, "*")).token
    paths = {
        "invoice": ("/api/v1/invoices/{}/pdf", "INV-000001.pdf", "INVOICE INV-000001"),
        "estimate": ("/api/v1/estimates/{}/pdf", "EST-000001.pdf", "ESTIMATE EST-000001"),
        "proposal": ("/api/v1/proposals/{}/pdf", "PRO-{:06d}.pdf", "PROPOSAL PRO-{:06d}"),
        "creditNote": ("/api/v1/credit-notes/{}/pdf", "CN-000001.pdf", "CREDIT NOTE CN-000001"),
    }

    for name, (path, filename, heading) in paths.items():
        record_id = docs[name]["id"]
        response = await client.get(path.format(record_id), headers={"X-API-KEY": token})

        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        disposition = f'attachment; filename="{filename.format(record_id)}"'
        assert response.headers["content-disposition"] == disposition
        text = text_of(response.content)
        assert heading.format(record_id) in text
        assert SELLER_LINE in text and "Total AED 4,833.00" in text


async def test_a_v1_pdf_of_nothing_or_without_credentials(
    client: httpx.AsyncClient, ctx: Ctx
) -> None:
    docs = await documents(ctx)
    token = (await make_token(ctx.db, "*")).token

    missing = await client.get("/api/v1/invoices/999999/pdf", headers={"X-API-KEY": token})
    anonymous = await client.get(f"/api/v1/invoices/{docs['invoice']['id']}/pdf")
    reader = (await make_token(ctx.db, "estimates:get")).token
    forbidden = await client.get(f"/api/v1/invoices/{docs['invoice']['id']}/pdf",
                                 headers={"X-API-KEY": reader})  # fmt: skip

    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    assert anonymous.status_code == 401
    assert forbidden.status_code == 403


async def test_pdf_urls_round_trip_to_the_pdfs(client: httpx.AsyncClient, ctx: Ctx) -> None:
    docs = await documents(ctx)
    token = (await make_token(ctx.db, "*")).token

    data = await gql(client, token, PDF_URL, **{k: v["id"] for k, v in docs.items()})

    headings = {"invoice": "INVOICE INV-000001", "estimate": "ESTIMATE EST-000001",
                "proposal": "PROPOSAL PRO-", "creditNote": "CREDIT NOTE CN-000001"}  # fmt: skip
    for name, heading in headings.items():
        url = data[name]["pdfUrl"]
        parts = urlsplit(url)
        assert parts.path.startswith("/documents/") and parts.path.endswith(".pdf")
        expires = int(parse_qs(parts.query)["expires"][0])
        assert 0 < expires - time.time() <= 15 * 60
        # fetched with no credentials at all: the link is the credential
        response = await client.get(url)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        assert heading in text_of(response.content)


async def test_a_link_shows_the_buyer_only_to_whom_its_asker_could_show_it(
    client: httpx.AsyncClient, ctx: Ctx
) -> None:
    invoice_id = (await documents(ctx))["invoice"]["id"]
    query = "query One($id: Int!) { invoice(databaseId: $id) { pdfUrl } }"
    texts = {}
    for grants in ("invoices:get", "invoices:get,customers:get"):
        token = (await make_token(ctx.db, *grants.split(","))).token
        url = (await gql(client, token, query, id=invoice_id))["invoice"]["pdfUrl"]
        response = await client.get(url)
        assert response.status_code == 200, response.text
        texts[grants] = text_of(response.content)
        if grants == "invoices:get":
            # and a link signed without the buyer cannot be widened to show it
            widened = await client.get(f"{url}&buyer=1")
            assert widened.status_code == 403

    assert "Zahara Foods" not in texts["invoices:get"]
    assert "12 Palm Street" in texts["invoices:get"]
    assert "Zahara Foods LLC" in texts["invoices:get,customers:get"]


async def test_expired_tampered_and_stale_links_are_refused(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    docs = await documents(ctx)
    invoice_id = docs["invoice"]["id"]
    signer = Ctx(db=ctx.db, keys=jwt_keys(settings_for(smtp_sink.port)))
    good = pdf_link(signer, "invoices", invoice_id)
    expired = pdf_link(signer, "invoices", invoice_id, now=time.time() - 16 * 60)
    other_secret = Ctx(db=ctx.db, keys=jwt_keys(settings_for(0, secret_key="x" * 48)))
    forged = pdf_link(other_secret, "invoices", invoice_id)
    query = good.split("?", 1)[1]
    later = query.replace("expires=", "expires=9")  # a longer life than was signed

    assert (await client.get(good)).status_code == 200
    for url in (expired, forged, f"/documents/invoices/{invoice_id}.pdf?{later}",
                f"/documents/invoices/{invoice_id + 1}.pdf?{query}",  # another id
                f"/documents/estimates/{invoice_id}.pdf?{query}",  # another kind
                f"/documents/invoices/{invoice_id}.pdf"):  # fmt: skip
        response = await client.get(url)
        assert response.status_code == 403, url
        assert response.headers["content-type"].startswith("application/json")

    # a link to a record deleted since it was handed out finds nothing
    estimate_link = pdf_link(signer, "estimates", docs["estimate"]["id"])
    await estimates.delete_estimate(ctx, docs["estimate"]["id"])
    assert (await client.get(estimate_link)).status_code == 404


async def test_send_invoice_over_graphql_delivers_through_the_configured_server(
    client: httpx.AsyncClient, ctx: Ctx, smtp_sink: Sink
) -> None:
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer)
    token = (await make_token(ctx.db, "*")).token
    node_id = (await gql(client, token, INVOICE_ID, id=invoice["id"]))["invoice"]["id"]

    data = await gql(client, token, SEND_INVOICE, id=node_id)

    assert data["sendInvoice"] == {"record": {"sent": True}, "userErrors": []}
    (message,) = smtp_sink.messages
    assert message["To"] == BUYER_EMAIL
    assert message["Subject"] == "Invoice INV-000001 from Acme Trading FZ-LLC"


async def test_send_over_v1_with_the_mail_server_down_is_a_409_and_nothing_changes(
    ctx: Ctx, smtp_sink: Sink
) -> None:
    from gateway.app import create_app
    from tests.documents.conftest import free_port

    app = create_app(settings_for(free_port()), db=ctx.db)
    customer = await buyer(ctx)
    invoice = await make_invoice(ctx, customer)
    token = (await make_token(ctx.db, "*")).token

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://crm.test") as down:  # fmt: skip
        response = await down.post(f"/api/v1/invoices/{invoice['id']}/send",
                                   headers={"X-API-KEY": token})  # fmt: skip

    assert response.status_code == 409
    assert response.json()["message"].startswith("The email was not sent")
    after = await invoices.get_invoice(ctx, invoice["id"])
    assert after is not None and after["sent"] is False
