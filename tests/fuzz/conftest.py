"""The real app (every dialect and GraphQL) over the test database, and a small world of
records for bad input to aim at."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from gateway.database import Database
from resolvers import invoices, leads, tasks, tickets
from resolvers.core.context import Ctx
from resolvers.totals import UNPAID
from rest_compat import ninja
from schema.node import encode_global_id
from tests.factories import make_contact, make_customer, make_staff, make_token
from tests.rest_compat.conftest import SETTINGS, build_app


@dataclass(frozen=True)
class World:
    token: str
    customer: int
    contact: int
    staff: int
    invoice: int
    ticket: int
    task: int
    lead: int
    # ninja's hashed id of `customer`
    client: str

    def gid(self, type_name: str, pk: int) -> str:
        return encode_global_id(type_name, pk)


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


@pytest.fixture
async def world(db: Database, ctx: Ctx) -> World:
    customer = await make_customer(ctx, company="Fuzz Target LLC")
    contact = await make_contact(ctx, customer["id"])
    staff = await make_staff(db)
    invoice = await invoices.create_invoice(
        ctx,
        {
            "customer_id": customer["id"],
            "status": UNPAID,
            "items": [{"description": "Support", "qty": 1, "rate": 100}],
        },
    )
    ticket = await tickets.create_ticket(
        ctx, {"subject": "Printer on fire", "customer_id": customer["id"]}
    )
    task = await tasks.create_task(ctx, {"name": "Call back"})
    lead = await leads.create_lead(ctx, {"name": "Lena Lead"})
    token = (await make_token(db, "*")).token
    return World(
        token=token,
        customer=customer["id"],
        contact=contact["id"],
        staff=staff["id"],
        invoice=invoice["id"],
        ticket=ticket["id"],
        task=task["id"],
        lead=lead["id"],
        client=str(ninja.dialect(SETTINGS.secret_key).ids.encode(customer["id"])),
    )
