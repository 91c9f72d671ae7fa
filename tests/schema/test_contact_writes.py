"""Contacts written over GraphQL through the generated mutations: the same rules as the
REST rows (one generic verb), with userErrors, permissions, preconditions and events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from gateway.database import Database
from resolvers.core.context import Ctx
from resolvers.models import Event, table_of
from tests.factories import make_contact, make_customer, make_token
from tests.schema.graph import admin_token, data, error_code, global_id, gql, graph_client

CREATE = """
mutation Create($input: ContactCreateInput!) {
  createContact(input: $input) {
    record { id databaseId email isPrimary customer { company } }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: ContactInput!, $at: DateTime) {
  updateContact(id: $id, input: $input, expectedUpdatedAt: $at) {
    record { email title updatedAt }
    userErrors { field code message }
  }
}
"""
DELETE = """
mutation Delete($id: ID!) {
  deleteContact(id: $id) { record { databaseId } userErrors { field code message } }
}
"""
RESTORE = """
mutation Restore($id: ID!) {
  restoreContact(id: $id) { record { databaseId } userErrors { field code message } }
}
"""


async def events_of(db: Database, record_id: int) -> list[tuple[str, str | None, int | None]]:
    events = table_of(Event)
    async with db.read() as conn:
        rows = await conn.execute(
            select(events).where(events.c.resource == "contact", events.c.record_id == record_id)
            .order_by(events.c.id)
        )  # fmt: skip
        return [(r.type, r.parent_resource, r.parent_id) for r in rows]


def contact_input(customer_pk: int, **fields: Any) -> dict[str, Any]:
    return {"customerId": global_id("Customer", customer_pk), "firstname": "Lina",
            "email": "lina@zaharahq.ae", **fields}  # fmt: skip


async def test_a_contact_is_created_updated_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(ctx)
    first = await make_contact(ctx, customer["id"])
    token = await admin_token(db)
    async with graph_client(db) as client:
        created = data(await gql(client, token, CREATE, input=contact_input(customer["id"])))
        payload = created["createContact"]
        assert payload["userErrors"] == []
        record = payload["record"]
        assert record["email"] == "lina@zaharahq.ae"
        assert record["isPrimary"] is False
        assert record["customer"]["company"] == "Zahara Foods LLC"

        updated = data(await gql(client, token, UPDATE, id=record["id"], input={"title": "CFO"}))
        assert updated["updateContact"] == {
            "record": {"email": "lina@zaharahq.ae", "title": "CFO",
                       "updatedAt": updated["updateContact"]["record"]["updatedAt"]},
            "userErrors": [],
        }  # fmt: skip

        deleted = data(await gql(client, token, DELETE, id=record["id"]))
        assert deleted["deleteContact"]["userErrors"] == []
        again = data(await gql(client, token, DELETE, id=record["id"]))
        assert again["deleteContact"]["userErrors"][0]["code"] == "NOT_FOUND"
        restored = data(await gql(client, token, RESTORE, id=record["id"]))
        assert restored["restoreContact"]["record"]["databaseId"] == record["databaseId"]

        # The primary contact stays: the domain's hook refuses, named by its field.
        primary = data(await gql(client, token, DELETE, id=global_id("Contact", first["id"])))
        assert primary["deleteContact"]["userErrors"][0]["field"] == "isPrimary"
        assert primary["deleteContact"]["userErrors"][0]["code"] == "CONFLICT"

    parent = ("customer", customer["id"])
    assert await events_of(db, record["databaseId"]) == [
        (f"contact.{verb}", *parent) for verb in ("created", "updated", "deleted", "restored")
    ]


async def test_bad_input_is_a_user_error_and_writes_nothing(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])
    token = await admin_token(db)
    async with graph_client(db) as client:
        bad = contact_input(customer["id"], email="not-an-email")
        bad_email = data(await gql(client, token, CREATE, input=bad))
        errors = bad_email["createContact"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [("email", "INVALID")]

        unknown = data(await gql(client, token, CREATE, input=contact_input(999_999)))
        errors = unknown["createContact"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [(None, "NOT_FOUND")]
        assert "999999" in errors[0]["message"]

        taken = contact_input(customer["id"], email="karim1@zaharahq.ae")
        duplicate = data(await gql(client, token, CREATE, input=taken))
        errors = duplicate["createContact"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [("email", "CONFLICT")]

        wrong_type = data(
            await gql(client, token, DELETE, id=global_id("Customer", customer["id"]))
        )
        assert wrong_type["deleteContact"]["userErrors"][0]["field"] == "id"
    async with db.read() as conn:
        events = table_of(Event)
        count = len(
            (await conn.execute(select(events).where(events.c.type == "contact.created"))).all()
        )
    assert count == 1  # only the factory's contact


async def test_a_stale_version_is_refused_and_the_current_one_passes(
    ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"])
    contact_id = global_id("Contact", contact["id"])
    token = await admin_token(db)
    async with graph_client(db) as client:
        current = contact["updated_at"].isoformat()
        first = data(
            await gql(client, token, UPDATE, id=contact_id, input={"title": "A"}, at=current)
        )
        assert first["updateContact"]["userErrors"] == []
        stale = data(
            await gql(client, token, UPDATE, id=contact_id, input={"title": "B"}, at=current)
        )
        assert stale["updateContact"] == {
            "record": None,
            "userErrors": [{"field": "expectedUpdatedAt", "code": "STALE",
                            "message": stale["updateContact"]["userErrors"][0]["message"]}],
        }  # fmt: skip
        fresh = first["updateContact"]["record"]["updatedAt"]
        second = data(
            await gql(client, token, UPDATE, id=contact_id, input={"title": "B"}, at=fresh)
        )
        assert second["updateContact"]["record"]["title"] == "B"


async def test_each_verb_asks_its_own_grant(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"])
    reader = (await make_token(db, "contacts:get", "customers:get")).token
    creator = (
        await make_token(db, "contacts:create", "contacts:get", "customers:get", name="creator")
    ).token
    async with graph_client(db) as client:
        for query, variables in (
            (CREATE, {"input": contact_input(customer["id"])}),
            (UPDATE, {"id": global_id("Contact", contact["id"]), "input": {"title": "X"}}),
            (DELETE, {"id": global_id("Contact", contact["id"])}),
            (RESTORE, {"id": global_id("Contact", contact["id"])}),
        ):
            assert error_code(await gql(client, reader, query, **variables)) == "FORBIDDEN"
        made = data(await gql(client, creator, CREATE, input=contact_input(customer["id"])))
        assert made["createContact"]["userErrors"] == []
        refused = await gql(client, creator, DELETE, id=made["createContact"]["record"]["id"])
        assert error_code(refused) == "FORBIDDEN"
