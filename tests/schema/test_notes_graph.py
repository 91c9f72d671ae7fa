"""Notes over GraphQL: on any record named by its kind and global id, the record read
back in batches, and the writes."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.database import Database
from resolvers import leads, notes
from resolvers.core.context import Ctx
from schema.notes.mutations import NoteRelType
from tests.factories import make_customer, make_staff, make_token
from tests.schema.graph import data, error_code, global_id, gql, statements

CREATE = """
mutation($input: NoteCreateInput!) {
  createNote(input: $input) {
    record { id relType description dateContacted staff { email }
             record { __typename ... on Customer { company } ... on Lead { name } } }
    userErrors { field code message }
  }
}
"""

LISTED = """
query($first: Int!) {
  notes(first: $first) {
    nodes {
      description
      staff { firstname }
      record { __typename ... on Customer { company } ... on Lead { name } }
    }
  }
}
"""


def test_the_rel_types_are_the_service_layers() -> None:
    assert {r.value for r in NoteRelType} == set(notes.REL_TYPES)


async def test_a_note_on_a_customer_by_its_global_id(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(ctx)
    author = await make_staff(db)

    body = await gql(
        client, token, CREATE,
        input={"relType": "CUSTOMER", "recordId": global_id("Customer", customer["id"]),
               "description": "Send statements on the 1st business day.",
               "dateContacted": "2026-02-10T09:30:00+00:00",
               "staffId": global_id("Staff", author["id"])},
    )  # fmt: skip

    payload = data(body)["createNote"]
    assert payload["userErrors"] == []
    record = payload["record"]
    assert record["relType"] == "customer"
    assert record["dateContacted"] == "2026-02-10T09:30:00+00:00"
    assert record["staff"] == {"email": "sara@example.com"}
    assert record["record"] == {"__typename": "Customer", "company": "Zahara Foods LLC"}


async def test_the_record_must_be_of_the_kind_named_and_exist(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    cases: list[tuple[dict[str, Any], str]] = [
        ({"relType": "LEAD", "recordId": global_id("Customer", customer["id"])}, "recordId"),
        ({"relType": "LEAD", "recordId": "bm9wZQ=="}, "recordId"),
        ({"relType": "CUSTOMER", "recordId": global_id("Customer", 999)}, "recordId"),
        ({"relType": "LEAD", "recordId": global_id("Lead", lead["id"]),
          "staffId": global_id("Staff", 999)}, "staffId"),
        ({"relType": "LEAD", "recordId": global_id("Lead", lead["id"]), "description": ""},
         "description"),
    ]  # fmt: skip

    for given, field in cases:
        payload = data(await gql(client, token, CREATE, input={"description": "Called", **given}))[
            "createNote"
        ]
        assert payload["record"] is None, given
        assert payload["userErrors"][0]["field"] == field, (given, payload["userErrors"])


async def test_the_records_of_a_page_of_notes_load_in_batches(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    author = await make_staff(db)
    for n in range(10):
        customer = await make_customer(ctx, company=f"Company {n}")
        lead = await leads.create_lead(ctx, {"name": f"Lead {n}"})
        for rel_type, rel_id in (("customer", customer["id"]), ("lead", lead["id"])):
            await notes.create_note(
                ctx, {"rel_type": rel_type, "rel_id": rel_id, "description": f"On {rel_type}",
                      "staff_id": author["id"]},
            )  # fmt: skip

    two = await gql(client, token, LISTED, first=2)
    twenty = await gql(client, token, LISTED, first=20)

    # page; authors; one statement per kind of record the page's notes are on
    assert statements(two) == statements(twenty) == 4
    nodes = data(twenty)["notes"]["nodes"]
    kinds = {n["record"]["__typename"] for n in nodes}
    assert kinds == {"Customer", "Lead"}
    assert nodes[0]["record"] == {"__typename": "Lead", "name": "Lead 9"}
    assert nodes[1]["record"] == {"__typename": "Customer", "company": "Company 9"}
    assert all(n["staff"] == {"firstname": "Sara"} for n in nodes)


async def test_a_customers_notes_through_the_lead(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    for text in ("First call", "Second call"):
        await notes.create_note(
            ctx, {"rel_type": "lead", "rel_id": lead["id"], "description": text}
        )
    query = """
    query($id: ID!) { lead(id: $id) { notes { totalCount nodes { description } } } }
    """

    got = data(await gql(client, token, query, id=global_id("Lead", lead["id"])))["lead"]

    assert got["notes"] == {
        "totalCount": 2, "nodes": [{"description": "Second call"}, {"description": "First call"}],
    }  # fmt: skip


async def test_update_delete_and_restore_a_note(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    note = await notes.create_note(
        ctx, {"rel_type": "customer", "rel_id": customer["id"], "description": "Draft"}
    )
    query = """
    mutation($id: ID!) {
      updateNote(id: $id, input: {description: "Final"}) {
        record { description } userErrors { field } }
      blank: updateNote(id: $id, input: {description: null}) { userErrors { field code } }
      deleteNote(id: $id) { record { description } userErrors { code } }
      restoreNote(id: $id) { record { description } userErrors { code } }
    }
    """

    got = data(await gql(client, token, query, id=global_id("Note", note["id"])))

    assert got == {
        "updateNote": {"record": {"description": "Final"}, "userErrors": []},
        "blank": {"userErrors": [{"field": "description", "code": "INVALID"}]},
        "deleteNote": {"record": {"description": "Final"}, "userErrors": []},
        "restoreNote": {"record": {"description": "Final"}, "userErrors": []},
    }


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    reader = (await make_token(db, "notes:get", name="reader")).token
    stranger = (await make_token(db, "customers:get", name="stranger")).token

    denied = await gql(client, stranger, "{ notes { nodes { description } } }")
    write = await gql(
        client, reader, CREATE,
        input={"relType": "CUSTOMER", "recordId": global_id("Customer", customer["id"]),
               "description": "Nope"},
    )  # fmt: skip

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"


async def test_a_note_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    note = await notes.create_note(
        ctx, {"rel_type": "customer", "rel_id": customer["id"], "description": "Hello"}
    )

    got = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { __typename ... on Note { description } } }",
        id=global_id("Note", note["id"]),
    )  # fmt: skip

    assert data(got)["node"] == {"__typename": "Note", "description": "Hello"}
