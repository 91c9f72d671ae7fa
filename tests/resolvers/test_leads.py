"""Leads: names in any dialect, statuses and sources by id or name, and conversion."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import leads
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.models import Contact, Customer, Event, LeadSource, LeadStatus, table_of
from tests.factories import make_staff


async def make_lead(ctx: Ctx, **fields: Any) -> Row:
    return await leads.create_lead(
        ctx, {"name": "Reem Safar", "email": "reem.safar@orbit-labs.io", "company": "Orbit Labs",
              "phone": "+971 52 111 2205", **fields},
    )  # fmt: skip


async def id_of(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c.name == name))
        return int(found.scalar_one())


async def count(db: Database, model: Any) -> int:
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table_of(model))) or 0)


async def events_of(db: Database, type_: str) -> list[Any]:
    table = table_of(Event)
    async with db.read() as conn:
        return list(await conn.execute(select(table).where(table.c.type == type_)))


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=frozenset(grants)))


async def test_a_perfex_lead_takes_status_and_source_ids(db: Database, ctx: Ctx) -> None:
    contacted, ads = await id_of(db, LeadStatus, "Contacted"), await id_of(db, LeadSource, "Ads")

    lead = await make_lead(ctx, status=str(contacted), source=ads)

    assert (lead["name"], lead["status_id"], lead["source_id"]) == ("Reem Safar", contacted, ads)
    assert lead["converted_at"] is None


async def test_tech9_names_and_statuses_by_name_in_any_case(db: Database, ctx: Ctx) -> None:
    lead = await leads.create_lead(
        ctx, {"first_name": "Aisha", "last_name": "Nadeem", "email": "aisha.nadeem@example.net",
              "status": "new", "source": "referral"},
    )  # fmt: skip

    assert lead["name"] == "Aisha Nadeem"
    assert lead["status_id"] == await id_of(db, LeadStatus, "New")
    assert lead["source_id"] == await id_of(db, LeadSource, "Referral")

    updated = await leads.update_lead(ctx, lead["id"], {"status": "QUALIFIED", "last_name": "N."})
    assert updated["status_id"] == await id_of(db, LeadStatus, "Qualified")
    assert updated["name"] == "Aisha N."


async def test_v2_lead_source_by_name_and_defaults(db: Database, ctx: Ctx) -> None:
    lead = await leads.create_lead(
        ctx, {"first_name": "John", "last_name": "Smith", "email": "john@example.com",
              "company": "Acme Corp", "phone": "1234567890", "source": "Website"},
    )  # fmt: skip

    assert lead["source_id"] == await id_of(db, LeadSource, "Website")
    # No status given: the default lead status.
    assert lead["status_id"] == await id_of(db, LeadStatus, "New")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "nonsense"}, "status"),
        ({"source": 999}, "source"),
        ({"assigned_id": 999}, "assigned_id"),
        ({"email": "not-an-email"}, "email"),
        ({"country": "XX"}, "country"),
        ({"name": None, "first_name": None}, "name"),
    ],
)
async def test_bad_references_and_fields_are_invalid(
    ctx: Ctx, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await make_lead(ctx, **data)

    assert field in caught.value.errors


async def test_assignee_and_country_are_resolved(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)

    lead = await make_lead(
        ctx, assigned_id=sara["id"], country="AE", email="", tags=["vip", "gulf"]
    )

    assert lead["assigned_id"] == sara["id"]
    assert lead["country_id"] is not None
    assert (lead["email"], lead["tags"]) == ("", "vip,gulf")


async def test_list_filters_by_status_name(ctx: Ctx) -> None:
    await make_lead(ctx, status="new")
    qualified = await make_lead(ctx, name="Jonas Weiss", status="Qualified")

    page = await leads.list_leads(ctx, PageArgs(first=10), status="qualified")

    assert [r["id"] for r in page.rows] == [qualified["id"]]


async def test_conversion_makes_a_customer_and_its_primary_contact(db: Database, ctx: Ctx) -> None:
    lead = await make_lead(ctx)

    customer = await leads.convert_lead(ctx, lead["id"])

    assert customer["company"] == "Orbit Labs"
    converted = await leads.get_lead(ctx, lead["id"])
    assert converted is not None
    assert converted["customer_id"] == customer["id"]
    assert converted["converted_at"] is not None
    assert converted["status_id"] == await id_of(db, LeadStatus, "Customer")
    contacts = table_of(Contact)
    async with db.read() as conn:
        contact = (
            await conn.execute(select(contacts).where(contacts.c.customer_id == customer["id"]))
        ).one()
    assert (contact.firstname, contact.lastname) == ("Reem", "Safar")
    assert (contact.email, contact.is_primary) == ("reem.safar@orbit-labs.io", True)
    [created] = await events_of(db, "customer.created")
    [done] = await events_of(db, "lead.converted")
    assert created.record_id == customer["id"]
    assert done.record_id == lead["id"]
    assert json.loads(done.changes)["customer_id"] == customer["id"]


async def test_a_lead_without_company_becomes_a_customer_named_for_it(ctx: Ctx) -> None:
    lead = await make_lead(ctx, company="")

    customer = await leads.convert_lead(ctx, lead["id"], {"email": "Other@Example.com"})

    assert customer["company"] == "Reem Safar"


async def test_a_lead_converts_only_once(db: Database, ctx: Ctx) -> None:
    lead = await make_lead(ctx)
    await leads.convert_lead(ctx, lead["id"])

    with pytest.raises(Conflict):
        await leads.convert_lead(ctx, lead["id"])

    assert await count(db, Customer) == 1
    assert await count(db, Contact) == 1


async def test_a_failed_conversion_leaves_nothing_behind(
    db: Database, ctx: Ctx, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = await make_lead(ctx)
    record = events.record

    async def fail_on_conversion(*args: Any, **kwargs: Any) -> None:
        if args[2] == "lead.converted":
            raise RuntimeError("the event log is down")
        await record(*args, **kwargs)

    monkeypatch.setattr(events, "record", fail_on_conversion)

    with pytest.raises(RuntimeError):
        await leads.convert_lead(ctx, lead["id"])

    assert await count(db, Customer) == 0
    assert await count(db, Contact) == 0
    still = await leads.get_lead(ctx, lead["id"])
    assert still is not None and still["converted_at"] is None and still["customer_id"] is None
    assert await events_of(db, "customer.created") == []


async def test_a_lead_without_email_needs_one_to_convert(db: Database, ctx: Ctx) -> None:
    lead = await make_lead(ctx, email=None)

    with pytest.raises(Conflict) as caught:
        await leads.convert_lead(ctx, lead["id"])

    assert caught.value.field == "email"
    assert await count(db, Customer) == 0


async def test_lead_writes_need_their_grants(db: Database, ctx: Ctx) -> None:
    lead = await make_lead(ctx)
    reader = caller(db, "leads:get", "leads:update")

    with pytest.raises(Forbidden):
        await make_lead(reader)
    with pytest.raises(Forbidden):
        await leads.convert_lead(reader, lead["id"])  # creating a customer needs its grant
    assert await count(db, Customer) == 0


async def test_delete_and_restore(ctx: Ctx) -> None:
    lead = await make_lead(ctx)

    await leads.delete_lead(ctx, lead["id"])
    assert await leads.get_lead(ctx, lead["id"]) is None

    await leads.restore_lead(ctx, lead["id"])
    assert await leads.get_lead(ctx, lead["id"]) is not None
