"""What the Perfex forms needed of the service layer: custom field values written with
every record that has them, a proposal's rel_id, a staff update carrying a password,
and a ticket reply carrying files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from resolvers import (
    contacts,
    contracts,
    credit_notes,
    custom_fields,
    estimates,
    files,
    invoices,
    leads,
    projects,
    proposals,
    staff,
    tasks,
    tickets,
)
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.identity import check_staff_password
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.models import Event, Invoice, table_of
from tests.factories import make_contact, make_customer, make_staff

LINES = {"new_items": [{"description": "Work", "rate": "10"}]}
Create = Callable[[Ctx, dict[str, Any]], Awaitable[Row]]
Update = Callable[[Ctx, int, dict[str, Any]], Awaitable[Row]]


async def _base(ctx: Ctx, resource: str) -> dict[str, Any]:
    customer = await make_customer(ctx)
    if resource in ("invoices", "estimates", "credit_notes"):
        return {"customer_id": customer["id"], **LINES}
    if resource == "proposals":
        return {"subject": "Offer", "rel_type": "customer", "rel_id": customer["id"]}
    if resource == "contracts":
        return {"subject": "Deal", "customer_id": customer["id"], "start_date": "2024-01-01"}
    if resource == "projects":
        return {"name": "Build", "customer_id": customer["id"]}
    return {"tasks": {"name": "Do"}, "tickets": {"subject": "Help"}}[resource]


WRITERS: dict[str, tuple[Create, Update]] = {
    "invoices": (invoices.create_invoice, invoices.update_invoice),
    "estimates": (estimates.create_estimate, estimates.update_estimate),
    "credit_notes": (credit_notes.create_credit_note, credit_notes.update_credit_note),
    "proposals": (proposals.create_proposal, proposals.update_proposal),
    "contracts": (contracts.create_contract, contracts.update_contract),
    "projects": (projects.create_project, projects.update_project),
    "tasks": (tasks.create_task, tasks.update_task),
    "tickets": (tickets.create_ticket, tickets.update_ticket),
}


@pytest.mark.parametrize("resource", list(WRITERS))
async def test_custom_fields_are_written_with_the_record(ctx: Ctx, resource: str) -> None:
    create, update = WRITERS[resource]
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": resource, "name": "Code", "type": "input"}
    )
    perfex_key = custom_fields.PERFEX_NAMES[resource]

    row = await create(ctx, {**await _base(ctx, resource), "custom_fields": {field["id"]: "A1"}})
    await update(ctx, row["id"], {"custom_fields": {perfex_key: {str(field["id"]): "B2"}}})

    [[value]] = await custom_fields.custom_values_for(ctx, resource, [row["id"]])
    assert value["value"] == "B2"


async def test_a_bad_custom_value_writes_nothing_at_all(ctx: Ctx) -> None:
    await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "PO", "type": "input", "required": True}
    )
    base = await _base(ctx, "invoices")

    with pytest.raises(Invalid) as missing:
        await invoices.create_invoice(ctx, base)
    with pytest.raises(Invalid) as unknown:
        await invoices.create_invoice(ctx, {**base, "custom_fields": {"999": "x"}})

    assert any("PO is required" in m for m in missing.value.errors.values())
    assert "custom_fields[999]" in unknown.value.errors
    async with ctx.db.read() as conn:
        assert await conn.scalar(select(func.count()).select_from(table_of(Invoice))) == 0


async def test_a_proposal_rel_id_names_the_customer_or_the_lead(ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    lead = await leads.create_lead(ctx, {"name": "Prospect"})

    for_customer = await proposals.create_proposal(
        ctx, {"subject": "A", "rel_type": "customer", "rel_id": customer["id"]}
    )
    moved = await proposals.update_proposal(
        ctx, for_customer["id"], {"rel_type": "lead", "rel_id": lead["id"]}
    )
    with pytest.raises(Invalid) as clash:
        await proposals.create_proposal(
            ctx, {"subject": "B", "rel_type": "customer", "rel_id": customer["id"],
                  "customer_id": customer["id"] + 1},
        )  # fmt: skip

    assert for_customer["customer_id"] == customer["id"] and for_customer["lead_id"] is None
    assert (moved["lead_id"], moved["customer_id"]) == (lead["id"], None)
    # The party named twice (resolvers.proposals.rules.PARTY_NAMED_ONCE): the second name.
    assert "customer_id" in clash.value.errors


async def test_a_staff_update_may_carry_a_new_password_when_asked(ctx: Ctx) -> None:
    member = await make_staff(ctx.db, email="dan@example.com", password="old-pass-123")

    with pytest.raises(Invalid) as refused:
        await staff.update_staff(ctx, member["id"], {"password": "new-pass-456"})
    with pytest.raises(Invalid) as short:
        await staff.update_staff(
            ctx, member["id"], {"password": "x"}, model=staff.StaffUpdateWithPassword
        )
    await staff.update_staff(
        ctx, member["id"], {"password": ""}, model=staff.StaffUpdateWithPassword
    )
    async with ctx.db.write() as conn:
        unchanged = await check_staff_password(conn, "dan@example.com", "old-pass-123")
    await staff.update_staff(
        ctx,
        member["id"],
        {"firstname": "Dan", "password": "new-pass-456"},
        model=staff.StaffUpdateWithPassword,
    )

    assert "password" in refused.value.errors and "password" in short.value.errors
    assert unchanged == member["id"]
    async with ctx.db.write() as conn:
        assert await check_staff_password(conn, "dan@example.com", "new-pass-456") == member["id"]


async def _logged(ctx: Ctx, record_id: int, *types: str) -> list[tuple[str, str]]:
    log = table_of(Event)
    query = (
        select(log.c.type, log.c.changes)
        .where(log.c.record_id == record_id, log.c.type.in_(types))
        .order_by(log.c.id)
    )
    async with ctx.db.read() as conn:
        return [(str(t), str(c)) for t, c in await conn.execute(query)]


async def test_a_new_password_files_its_own_event_after_the_update(ctx: Ctx) -> None:
    member = await make_staff(ctx.db, email="eve@example.com", password="old-pass-123")

    await staff.update_staff(
        ctx, member["id"], {"lastname": "Ng", "password": "new-pass-456"},
        model=staff.StaffUpdateWithPassword,
    )  # fmt: skip

    logged = await _logged(ctx, member["id"], "staff.updated", "staff.password_changed")
    assert [t for t, _ in logged] == ["staff.updated", "staff.password_changed"]
    assert "lastname" in logged[0][1] and "password_hash" not in logged[0][1]


async def test_no_update_event_carries_a_password_hash(ctx: Ctx) -> None:
    # A hidden column (the hash) never reaches the event log, whichever resource writes it.
    customer = await make_customer(ctx)
    contact = await make_contact(ctx, customer["id"], email="pat@example.com")

    await contacts.update_contact(ctx, contact["id"], {"password": "secret-pass-1"})

    [(_, changed)] = await _logged(ctx, contact["id"], "contact.updated")
    assert "password_hash" not in changed


async def test_a_member_cannot_delete_their_own_account(ctx: Ctx) -> None:
    member = await make_staff(ctx.db, email="me@example.com", password="my-pass-123")
    me = Principal(kind="staff", id=member["id"], name="me", grants=frozenset({"*"}),
                   staff_id=member["id"])  # fmt: skip
    own = Ctx(db=ctx.db, principal=me)

    with pytest.raises(Conflict) as refused:
        await staff.delete_staff(own, member["id"])

    assert refused.value.field == "id"
    assert (await staff.get_staff(ctx, member["id"])) is not None


async def test_a_reply_carries_its_files_onto_the_ticket(ctx: Ctx, tmp_path: Path) -> None:
    storing = Ctx(db=ctx.db, principal=ctx.principal, storage_dir=tmp_path)
    ticket = await tickets.create_ticket(storing, {"subject": "Broken"})
    upload = files.Upload("trace.log", "text/plain", b"stack trace")

    reply = await tickets.reply_with_files(storing, ticket["id"], {"message": "Log"}, [upload])

    [attached] = (await files.list_files(storing, PageArgs(), rel_id=ticket["id"])).rows
    assert (attached["rel_type"], attached["ticket_reply_id"]) == ("ticket", reply["id"])
    assert attached["file_name"] == "trace.log" and attached["size"] == len(b"stack trace")


async def test_a_reply_with_files_needs_the_right_to_attach_before_it_is_saved(
    ctx: Ctx, tmp_path: Path
) -> None:
    ticket = await tickets.create_ticket(ctx, {"subject": "Broken"})
    grants = frozenset({"tickets:update", "tickets:get"})
    principal = Principal(kind="token", id=5, name="support", grants=grants)
    support = Ctx(db=ctx.db, storage_dir=tmp_path, principal=principal)
    upload = files.Upload("trace.log", None, b"x")

    with pytest.raises(Forbidden):
        await tickets.reply_with_files(support, ticket["id"], {"message": "Log"}, [upload])

    page = await tickets.list_ticket_replies(ctx, ticket["id"], PageArgs())
    assert page.rows == []


async def test_a_reply_whose_file_is_refused_leaves_no_reply_and_no_bytes(
    ctx: Ctx, tmp_path: Path
) -> None:
    small = Ctx(db=ctx.db, principal=ctx.principal, storage_dir=tmp_path, max_upload_bytes=10)
    ticket = await tickets.create_ticket(small, {"subject": "Broken"})
    fits, too_big = files.Upload("a.log", None, b"12345"), files.Upload("b.log", None, b"x" * 11)

    with pytest.raises(Invalid) as refused:
        await tickets.reply_with_files(small, ticket["id"], {"message": "Logs"}, [fits, too_big])

    assert "file" in refused.value.errors
    assert (await tickets.list_ticket_replies(ctx, ticket["id"], PageArgs())).rows == []
    assert (await files.list_files(ctx, PageArgs(), rel_id=ticket["id"])).rows == []
    assert files_on_disk(tmp_path) == []


def files_on_disk(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]
