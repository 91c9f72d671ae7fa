"""Files over GraphQL: base64 uploads onto records named by kind and global id, the size
limit checked before decoding, the records read back in batches, and deletes."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from gateway.database import Database
from resolvers import expenses, files, leads
from resolvers.core.context import Ctx, Row
from schema import schema
from schema.files.mutations import FileRelType
from tests.factories import make_customer, make_token
from tests.schema.graph import SETTINGS, data, error_code, global_id, gql, graph_client, statements
from tests.schema.test_leads_graph import named

LIMIT = 64
PDF = b"%PDF-1.7 scope v2"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
async def client(db: Database, uploads: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(SETTINGS, storage_dir=uploads, max_upload_bytes=LIMIT)
    async with graph_client(db, settings) as c:
        yield c


@pytest.fixture
def caller(ctx: Ctx, uploads: Path) -> Ctx:
    return replace(ctx, storage_dir=uploads, max_upload_bytes=LIMIT)


UPLOAD = """
mutation($input: FileUploadInput!) {
  uploadFile(input: $input) {
    record { id fileName contentType size sha256 visibleToCustomer relType staff { email }
             record { __typename ... on Lead { name } } }
    userErrors { field code message }
  }
}
"""


def encoded(content: bytes) -> str:
    return base64.b64encode(content).decode()


def stored(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def attach(ctx: Ctx, rel_type: str, rel_id: int, name: str = "scope.pdf") -> Row:
    return await files.attach_file(ctx, rel_type, rel_id, name, "application/pdf", PDF)


def test_the_rel_types_are_the_service_layers_and_keys_stay_hidden() -> None:
    sdl = schema.as_str()

    assert {r.value for r in FileRelType} == set(files.REL_TYPES)
    assert "storageKey" not in sdl and "storage_key" not in sdl


async def test_upload_a_file_onto_a_lead(
    client: httpx.AsyncClient, ctx: Ctx, token: str, uploads: Path
) -> None:
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})

    body = await gql(
        client, token, UPLOAD,
        input={"relType": "LEAD", "recordId": global_id("Lead", lead["id"]),
               "fileName": "../../scope v2.pdf", "contentType": "application/pdf",
               "contentBase64": encoded(PDF), "visibleToCustomer": True},
    )  # fmt: skip

    payload = data(body)["uploadFile"]
    assert payload["userErrors"] == []
    record = payload["record"]
    assert {k: v for k, v in record.items() if k != "id"} == {
        "fileName": "scope v2.pdf", "contentType": "application/pdf", "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(), "visibleToCustomer": True,
        "relType": "lead", "staff": None,
        "record": {"__typename": "Lead", "name": "Jonas Weiss"},
    }  # fmt: skip
    [path] = stored(uploads)
    assert path.read_bytes() == PDF and "scope" not in path.name


async def test_bad_uploads_are_user_errors_and_leave_nothing(
    client: httpx.AsyncClient, ctx: Ctx, token: str, uploads: Path
) -> None:
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    customer = await make_customer(ctx)
    base = {"relType": "LEAD", "recordId": global_id("Lead", lead["id"]), "fileName": "a.txt",
            "contentBase64": encoded(b"hello")}  # fmt: skip
    cases = [
        # far past the limit: refused on its length, before any decoding
        ({**base, "contentBase64": "!" * 10_000}, "file"),
        ({**base, "contentBase64": encoded(b"x" * (LIMIT + 1))}, "file"),
        ({**base, "contentBase64": "not base64!"}, "contentBase64"),
        ({**base, "recordId": global_id("Customer", customer["id"])}, "recordId"),
        ({**base, "recordId": global_id("Lead", 999)}, "recordId"),
        ({**base, "contentType": "no slash"}, "contentType"),
    ]

    for given, field in cases:
        payload = data(await gql(client, token, UPLOAD, input=given))["uploadFile"]
        assert payload["record"] is None, given
        assert payload["userErrors"][0]["field"] == field, (given, payload["userErrors"])
    assert stored(uploads) == []


async def test_a_page_of_files_and_their_records_cost_the_same_for_one_or_many(
    client: httpx.AsyncClient, caller: Ctx, token: str
) -> None:
    category = await named(caller, "expense_categories", "Travel")
    for n in range(8):
        lead = await leads.create_lead(caller, {"name": f"Lead {n}"})
        expense = await expenses.create_expense(
            caller, {"category": category, "amount": "10", "date": "2026-01-01",
                     "name": f"Trip {n}"},
        )  # fmt: skip
        await attach(caller, "lead", lead["id"], f"lead-{n}.pdf")
        await attach(caller, "expense", expense["id"], f"receipt-{n}.pdf")
    query = """
    query($first: Int!) {
      files(first: $first) {
        totalCount
        nodes { fileName record { __typename ... on Lead { name } ... on Expense { name } } }
      }
      leads(first: $first) { nodes { files { totalCount nodes { fileName } } } }
    }
    """

    two = await gql(client, token, query, first=2)
    many = await gql(client, token, query, first=16)

    # files: page + count, a statement per kind of record; leads: page, files page + count
    assert statements(two) == statements(many) == 7
    got = data(many)
    assert got["files"]["totalCount"] == 16
    assert got["files"]["nodes"][0] == {
        "fileName": "receipt-7.pdf", "record": {"__typename": "Expense", "name": "Trip 7"},
    }  # fmt: skip
    assert got["files"]["nodes"][1]["record"] == {"__typename": "Lead", "name": "Lead 7"}
    assert got["leads"]["nodes"][0]["files"] == {
        "totalCount": 1, "nodes": [{"fileName": "lead-0.pdf"}],
    }  # fmt: skip


async def test_filter_and_figures_over_files(
    client: httpx.AsyncClient, caller: Ctx, token: str
) -> None:
    customer = await make_customer(caller)
    lead = await leads.create_lead(caller, {"name": "Jonas Weiss"})
    await attach(caller, "customer", customer["id"])
    await attach(caller, "lead", lead["id"])
    await attach(caller, "lead", lead["id"], "second.pdf")
    query = """
    { files(filter: {relType: {eq: "lead"}}) { totalCount aggregate { sum { size } } }
      searched: files(search: "second") { nodes { fileName } } }
    """

    got = data(await gql(client, token, query))

    assert got["files"] == {"totalCount": 2, "aggregate": {"sum": {"size": 2.0 * len(PDF)}}}
    assert got["searched"]["nodes"] == [{"fileName": "second.pdf"}]


async def test_delete_a_file(client: httpx.AsyncClient, caller: Ctx, token: str) -> None:
    customer = await make_customer(caller)
    row = await attach(caller, "customer", customer["id"])
    query = """
    mutation($id: ID!) { deleteFile(id: $id) { record { fileName } userErrors { code } } }
    """

    restore = "mutation($id: ID!) { restoreFile(id: $id) { record { size } userErrors { code } } }"

    first = await gql(client, token, query, id=global_id("File", row["id"]))
    again = await gql(client, token, query, id=global_id("File", row["id"]))
    listed = await gql(client, token, "{ files { totalCount } }")
    restored = await gql(client, token, restore, id=global_id("File", row["id"]))
    relisted = await gql(client, token, "{ files { totalCount } }")

    assert data(first)["deleteFile"] == {"record": {"fileName": "scope.pdf"}, "userErrors": []}
    assert data(again)["deleteFile"]["userErrors"] == [{"code": "NOT_FOUND"}]
    assert data(listed)["files"] == {"totalCount": 0}
    assert data(restored)["restoreFile"] == {"record": {"size": len(PDF)}, "userErrors": []}
    assert data(relisted)["files"] == {"totalCount": 1}


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, caller: Ctx, db: Database
) -> None:
    lead = await leads.create_lead(caller, {"name": "Jonas Weiss"})
    row = await attach(caller, "lead", lead["id"])
    lead_reader = (await make_token(db, "leads:get", "files:get", name="reader")).token
    uploader = (await make_token(db, "files:create", name="uploader")).token
    upload = {"relType": "LEAD", "recordId": global_id("Lead", lead["id"]), "fileName": "a",
              "contentBase64": encoded(b"a")}  # fmt: skip

    read = await gql(client, lead_reader, "{ files { nodes { fileName } } }")
    no_create = await gql(client, lead_reader, UPLOAD, input=upload)
    # may create files, but not read the lead it would go on
    no_record = await gql(client, uploader, UPLOAD, input=upload)
    delete = await gql(
        client, uploader, "mutation($id: ID!) { deleteFile(id: $id) { record { size } } }",
        id=global_id("File", row["id"]),
    )  # fmt: skip

    assert data(read)["files"]["nodes"] == [{"fileName": "scope.pdf"}]
    assert error_code(no_create) == "FORBIDDEN"
    assert error_code(no_record) == "FORBIDDEN"
    assert error_code(delete) == "FORBIDDEN"


async def test_a_file_round_trips_through_node(
    client: httpx.AsyncClient, caller: Ctx, token: str
) -> None:
    customer = await make_customer(caller)
    row = await attach(caller, "customer", customer["id"])

    got = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { __typename ... on File { fileName "
        "record { ... on Customer { company } } } } }",
        id=global_id("File", row["id"]),
    )  # fmt: skip

    assert data(got)["node"] == {
        "__typename": "File", "fileName": "scope.pdf", "record": {"company": "Zahara Foods LLC"},
    }  # fmt: skip
