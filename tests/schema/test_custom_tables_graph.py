"""GraphQL writes and reads the operator's own tables through the same service as
perfex's customtable paths: the same declaration, the same "customtable" grant, the same
column checks, each refusal a userError naming the column under `values`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import Column, Integer, MetaData, Numeric, String, Table, select

from gateway.database import Database
from tests.factories import make_token
from tests.schema.graph import SETTINGS, data, error_code, gql, graph_client

operator = MetaData()
SHOES = Table(
    "shoes",
    operator,
    Column("id", Integer, primary_key=True),
    Column("shoe_number", Integer),
    Column("winter", String(20)),
    Column("price", Numeric(10, 2)),
    Column("supplier_secret", String(50)),
)

CREATE = """
mutation($table: String!, $values: JSON!) {
  createCustomTableRow(table: $table, values: $values) {
    record { id table key values }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation($key: Int!, $values: JSON!) {
  updateCustomTableRow(table: "shoes", key: $key, values: $values) {
    record { key values } userErrors { field code message }
  }
}
"""
DELETE = """
mutation($key: Int!) {
  deleteCustomTableRow(table: "shoes", key: $key) {
    record { key values } userErrors { field code message }
  }
}
"""
READ = """
query($key: Int!) {
  customTableRows(table: "shoes") { key values }
  customTableRow(table: "shoes", key: $key) { key }
}
"""


@pytest.fixture
async def shoes(db: Database) -> AsyncIterator[Table]:
    async with db.write() as conn:
        await conn.run_sync(lambda sync: operator.drop_all(sync, checkfirst=True))
        await conn.run_sync(operator.create_all)
    yield SHOES
    async with db.write() as conn:
        await conn.run_sync(operator.drop_all)


@pytest.fixture
async def client(db: Database, shoes: Table) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(SETTINGS, custom_tables="shoes:shoe_number,winter,price")
    async with graph_client(db, settings) as c:
        yield c


async def test_a_row_is_created_changed_read_and_deleted(
    client: httpx.AsyncClient, db: Database, shoes: Table
) -> None:
    token = (
        await make_token(
            db, "customtable:get", "customtable:create", "customtable:update", "customtable:delete"
        )
    ).token

    made = data(
        await gql(
            client, token, CREATE, table="shoes", values={"shoe_number": "39", "price": "89.90"}
        )
    )
    key = made["createCustomTableRow"]["record"]["key"]
    changed = data(await gql(client, token, UPDATE, key=key, values={"winter": "yes"}))
    read = data(await gql(client, token, READ, key=key))
    deleted = data(await gql(client, token, DELETE, key=key))
    missing = data(await gql(client, token, READ, key=key))

    record = made["createCustomTableRow"]["record"]
    assert made["createCustomTableRow"]["userErrors"] == []
    assert record["table"] == "shoes"
    # Exact numbers travel as text; the undeclared column is never shown.
    assert record["values"] == {"id": key, "shoe_number": 39, "winter": None, "price": "89.90"}
    assert changed["updateCustomTableRow"]["record"]["values"]["winter"] == "yes"
    assert read["customTableRows"] == [changed["updateCustomTableRow"]["record"]]
    assert read["customTableRow"] == {"key": key}
    assert deleted["deleteCustomTableRow"]["record"]["key"] == key
    assert missing == {"customTableRows": [], "customTableRow": None}
    async with db.read() as conn:
        assert (await conn.execute(select(shoes))).first() is None


async def test_ids_are_unique_across_tables(client: httpx.AsyncClient, db: Database) -> None:
    token = (
        await make_token(
            db, "customtable:get", "customtable:create", "customtable:update", "customtable:delete"
        )
    ).token

    first = data(await gql(client, token, CREATE, table="shoes", values={"winter": "a"}))
    second = data(await gql(client, token, CREATE, table="shoes", values={"winter": "b"}))

    ids = {r["createCustomTableRow"]["record"]["id"] for r in (first, second)}
    assert len(ids) == 2 and not ids & {"1", "2"}


async def test_refusals_name_the_column_and_write_nothing(
    client: httpx.AsyncClient, db: Database, shoes: Table
) -> None:
    token = (
        await make_token(
            db, "customtable:get", "customtable:create", "customtable:update", "customtable:delete"
        )
    ).token

    secret = await gql(client, token, CREATE, table="shoes", values={"supplier_secret": "x"})
    typed = await gql(client, token, CREATE, table="shoes", values={"shoe_number": "big"})
    empty = await gql(client, token, CREATE, table="shoes", values={})
    not_object = await gql(client, token, CREATE, table="shoes", values=[1])
    key = await gql(client, token, CREATE, table="shoes", values={"id": 7})
    undeclared = await gql(client, token, CREATE, table="api_tokens", values={"name": "x"})
    missing = await gql(client, token, UPDATE, key=404, values={"winter": "x"})

    def errors(
        body: dict[str, object], name: str = "createCustomTableRow"
    ) -> list[tuple[str, str]]:
        payload = data(body)[name]  # type: ignore[arg-type]
        assert payload["record"] is None
        return [(e["field"], e["code"]) for e in payload["userErrors"]]

    assert errors(secret) == [("values.supplier_secret", "INVALID")]
    assert errors(typed) == [("values.shoe_number", "INVALID")]
    assert errors(empty) == [("values", "INVALID")]
    assert errors(not_object) == [("values", "INVALID")]
    assert errors(key) == [("values.id", "INVALID")]
    assert errors(undeclared) == [(None, "NOT_FOUND")]
    assert errors(missing, "updateCustomTableRow") == [(None, "NOT_FOUND")]
    async with db.read() as conn:
        assert (await conn.execute(select(shoes))).first() is None


async def test_each_verb_takes_the_same_grant_as_rest(
    client: httpx.AsyncClient, db: Database, shoes: Table
) -> None:
    reader = (await make_token(db, "customtable:get")).token
    other = (await make_token(db, "customers:get")).token

    refused = await gql(client, reader, CREATE, table="shoes", values={"winter": "x"})
    listed = await gql(client, reader, READ, key=1)
    blind = await gql(client, other, READ, key=1)
    rest = await client.post(
        "/api/thirdparty/customtable/shoes", json={"winter": "x"}, headers={"authtoken": reader}
    )

    assert refused["data"] is None and error_code(refused) == "FORBIDDEN"
    assert data(listed) == {"customTableRows": [], "customTableRow": None}
    assert error_code(blind) == "FORBIDDEN"
    assert rest.status_code == 403
    async with db.read() as conn:
        assert (await conn.execute(select(shoes))).first() is None
