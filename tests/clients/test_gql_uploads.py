"""Python gql's multipart uploads (graphql-multipart-request-spec), as a Python service
sends files: one file, a ticket reply with files, and the cap on files per write, which
every transport enforces through the service (the ninja upload too), against a real
server on the suite's engine."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gql import Client, FileVar, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport

from resolvers.files import MAX_FILES
from rest_compat.ids import HashedIds
from tests.clients.graph import WAIT, graphql
from tests.security.conftest import SECRET, Live

pytestmark = pytest.mark.server

UPLOAD = """
mutation($input: FileUploadInput!) {
  uploadFile(input: $input) {
    record { fileName contentType size sha256 record { ... on Customer { databaseId } } }
    userErrors { field code message }
  }
}
"""
UPLOAD_MANY = """
mutation($input: FilesUploadInput!) {
  uploadFiles(input: $input) { records { fileName } userErrors { field code message } }
}
"""
REPLY = """
mutation($id: ID!, $input: TicketReplyInput!, $files: [Upload!]) {
  replyToTicket(id: $id, input: $input, files: $files) {
    record { message attachments { nodes { fileName size } } }
    userErrors { field code message }
  }
}
"""
FIRST = """
{ customers(first: 1) { nodes { id databaseId } } tickets(first: 1) { nodes { id } } }
"""
COUNTS = """
query($customer: ID!, $ticket: ID!) {
  customer: node(id: $customer) { ... on Customer { files { totalCount } } }
  ticket: node(id: $ticket) { ... on Ticket { replies { totalCount } attachments { totalCount } } }
}
"""


def client(live: Live) -> Client:
    transport = HTTPXAsyncTransport(
        url=f"{live.base}/graphql",
        # Multipart is a "simple" cross-site request: the gateway wants a header that
        # forces a CORS preflight, as Apollo's upload link sends.
        headers={"Authorization": f"Bearer {live.token}", "Apollo-Require-Preflight": "true"},
        timeout=WAIT,
    )
    return Client(transport=transport, execute_timeout=WAIT)


@pytest.fixture(scope="module")
def records(live: Live) -> dict[str, Any]:
    data = graphql(live, FIRST)
    return {"customer": data["customers"]["nodes"][0], "ticket": data["tickets"]["nodes"][0]}


def counts(live: Live, records: dict[str, Any]) -> tuple[int, int, int]:
    data = graphql(live, COUNTS, customer=records["customer"]["id"], ticket=records["ticket"]["id"])
    ticket = data["ticket"]
    return (
        data["customer"]["files"]["totalCount"],
        ticket["replies"]["totalCount"],
        ticket["attachments"]["totalCount"],
    )


def parts(n: int) -> Iterator[FileVar]:
    for i in range(n):
        yield FileVar(
            io.BytesIO(f"part {i}".encode()), filename=f"p{i}.txt", content_type="text/plain"
        )


async def run(live: Live, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    async with client(live) as session:
        request = GraphQLRequest(query, variable_values=variables)
        result: dict[str, Any] = await session.execute(request, upload_files=True)
    return result


async def test_one_file_uploads_through_gql(live: Live, records: dict[str, Any]) -> None:
    body = b"%PDF-1.7 a signed quote"
    sent = FileVar(io.BytesIO(body), filename="quote.pdf", content_type="application/pdf")
    customer = records["customer"]

    result = await run(
        live, UPLOAD, {"input": {"relType": "CUSTOMER", "recordId": customer["id"], "file": sent}}
    )

    payload = result["uploadFile"]
    assert payload["userErrors"] == []
    assert payload["record"] == {
        "fileName": "quote.pdf",
        "contentType": "application/pdf",
        "size": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
        "record": {"databaseId": customer["databaseId"]},
    }


async def test_a_ticket_reply_carries_its_files(live: Live, records: dict[str, Any]) -> None:
    variables = {
        "id": records["ticket"]["id"],
        "input": {"message": "The signed copy is attached."},
        "files": list(parts(2)),
    }

    result = await run(live, REPLY, variables)

    payload = result["replyToTicket"]
    assert payload["userErrors"] == []
    assert payload["record"]["message"] == "The signed copy is attached."
    assert payload["record"]["attachments"]["nodes"] == [
        {"fileName": "p0.txt", "size": 6},
        {"fileName": "p1.txt", "size": 6},
    ]


async def test_more_files_than_the_cap_are_refused_by_name_and_nothing_is_written(
    live: Live, records: dict[str, Any]
) -> None:
    before = counts(live, records)
    customer, ticket = records["customer"]["id"], records["ticket"]["id"]

    many = await run(
        live,
        UPLOAD_MANY,
        {
            "input": {
                "relType": "CUSTOMER",
                "recordId": customer,
                "files": list(parts(MAX_FILES + 1)),
            }
        },
    )
    reply = await run(
        live,
        REPLY,
        {"id": ticket, "input": {"message": "Too many"}, "files": list(parts(MAX_FILES + 1))},
    )
    within = await run(
        live,
        UPLOAD_MANY,
        {"input": {"relType": "CUSTOMER", "recordId": customer, "files": list(parts(MAX_FILES))}},
    )

    for payload in (many["uploadFiles"], reply["replyToTicket"]):
        [error] = payload["userErrors"]
        assert (error["field"], error["code"]) == ("files", "INVALID")
        assert f"at most {MAX_FILES} files" in error["message"]
    assert reply["replyToTicket"]["record"] is None
    assert len(within["uploadFiles"]["records"]) == MAX_FILES
    files_before, replies_before, attachments_before = before
    assert counts(live, records) == (files_before + MAX_FILES, replies_before, attachments_before)


async def test_the_rest_uploads_take_the_same_cap(live: Live, records: dict[str, Any]) -> None:
    before = counts(live, records)
    headers = {"X-API-TOKEN": live.token}
    too_many = MAX_FILES + 1
    async with httpx.AsyncClient(base_url=live.base, timeout=WAIT) as http:
        hashed = HashedIds(SECRET).encode(records["customer"]["databaseId"])
        documents = [("documents[]", (f"d{i}.txt", b"doc", "text/plain")) for i in range(too_many)]
        refused = await http.put(
            f"/api/v1/clients/{hashed}/upload", files=documents, headers=headers
        )
        taken = await http.put(
            f"/api/v1/clients/{hashed}/upload", files=documents[:MAX_FILES], headers=headers
        )
        ticket = base64.b64decode(records["ticket"]["id"]).decode().split(":")[1]
        attached = [("file[]", (f"a{i}.txt", b"log", "text/plain")) for i in range(too_many)]
        reply = await http.post(
            f"/api/tickets/reply/{ticket}",
            data={"message": "Too many"},
            files=attached,
            headers={"authtoken": live.token},
        )

    assert refused.status_code == 422
    assert "documents" in refused.json()["errors"]
    assert taken.status_code == 200
    # Perfex answers every refused write with 404 and the field it names.
    assert reply.status_code == 404
    assert f"at most {MAX_FILES} files" in reply.json()["errors"]["file"]
    files_before, replies_before, attachments_before = before
    assert counts(live, records) == (files_before + MAX_FILES, replies_before, attachments_before)
