"""Plain async factories for test data, written through the service layer."""

from __future__ import annotations

from typing import Any

from gateway.database import Database
from resolvers import contacts, customers
from resolvers.core.context import Ctx, Row
from resolvers.core.identity import hash_password
from resolvers.core.records import insert_row
from resolvers.models import Staff, table_of
from resolvers.tokens import IssuedToken, issue_token


async def make_customer(ctx: Ctx, **fields: Any) -> Row:
    return await customers.create_customer(ctx, {"company": "Zahara Foods LLC", **fields})


async def make_contact(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    n = fields.pop("n", 1)
    return await contacts.create_contact(
        ctx, {"customer_id": customer_id, "firstname": f"Karim{n}", "lastname": "Rahman",
              "email": f"karim{n}@zaharahq.ae", **fields},
    )  # fmt: skip


async def make_staff(
    db: Database, email: str = "sara@example.com", password: str = "s3cret-pass", **fields: Any
) -> Row:
    async with db.write() as conn:
        values = {"email": email, "firstname": "Sara", "lastname": "Nasr", **fields}
        return await insert_row(
            conn, table_of(Staff), {**values, "password_hash": hash_password(password)}
        )


async def make_token(db: Database, *grants: str, name: str = "test") -> IssuedToken:
    async with db.write() as conn:
        return await issue_token(conn, name=name, grants=list(grants or ["*"]))
