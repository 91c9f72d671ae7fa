"""Contracts: references and terms, renewals written atomically, signing, expiry lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import contracts
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.core.resources import RELATIONS
from resolvers.models import ContractRenewal, ContractType, Currency, Customer, Staff, table_of

TODAY = dt.date(2026, 6, 1)


async def make_customer(db: Database) -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC"})


async def make_contract(ctx: Ctx, customer: int, **fields: Any) -> Row:
    return await contracts.create_contract(
        ctx,
        {
            "subject": "Annual Support",
            "customer_id": customer,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "contract_value": "12000",
            **fields,
        },
    )


async def renewal_count(db: Database) -> int:
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table_of(ContractRenewal))))


async def id_named(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(table.c.id).where(table.c.name == name)))


async def test_a_contract_is_created_with_its_type_and_currency(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    support = await id_named(db, ContractType, "Support")

    row = await make_contract(ctx, customer["id"], contract_type_id=support, currency="aed")

    assert row["contract_type_id"] == support
    assert row["currency_id"] == await id_named(db, Currency, "AED")
    assert row["contract_value"] == Decimal("12000.00")
    assert len(row["hash"]) == 32 and not row["signed"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"customer_id": 999_999}, "customer_id"),
        ({"contract_type_id": 999_999}, "contract_type_id"),
        ({"project_id": 999_999}, "project_id"),
        ({"end_date": "2025-12-31"}, "end_date"),
        ({"contract_value": "-0.01"}, "contract_value"),
        ({"currency": "XYZ"}, "currency"),
        ({"subject": ""}, "subject"),
        ({"start_date": None}, "start_date"),
    ],
)
async def test_bad_contract_fields_are_invalid_naming_the_field(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    customer = await make_customer(db)

    with pytest.raises(Invalid) as caught:
        await make_contract(ctx, customer["id"], **fields)

    assert set(caught.value.errors) == {field}


async def test_an_update_keeps_the_end_after_the_start(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])

    # The start alone is valid: the stored end refuses it.
    with pytest.raises(Conflict) as caught:
        await contracts.update_contract(ctx, contract["id"], {"start_date": "2027-01-01"})
    row = await contracts.update_contract(ctx, contract["id"], {"contract_value": 15000})

    assert caught.value.field == "end_date"
    assert row["contract_value"] == Decimal("15000.00")


async def test_renewing_moves_the_term_and_records_the_old_one(ctx: Ctx, db: Database) -> None:
    async with db.write() as conn:
        staff = await insert_row(conn, table_of(Staff), {"email": "s@x.io", "firstname": "S"})
    me = Ctx(
        db=db,
        principal=Principal(
            kind="staff", id=staff["id"], name="s", grants=frozenset({"*"}), staff_id=staff["id"]
        ),
    )
    contract = await make_contract(ctx, (await make_customer(db))["id"])
    await contracts.sign_contract(ctx, contract["id"])

    renewed = await contracts.renew_contract(
        me, contract["id"], {"end_date": "2027-12-31", "contract_value": "13000"}
    )
    [renewal] = await contracts.list_contract_renewals(ctx, contract["id"])

    assert (renewed["start_date"], renewed["end_date"]) == (
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert renewed["contract_value"] == Decimal("13000.00")
    assert not renewed["signed"] and renewed["signed_at"] is None
    assert (renewal["old_end_date"], renewal["new_end_date"]) == (
        dt.date(2026, 12, 31),
        dt.date(2027, 12, 31),
    )
    assert (renewal["old_value"], renewal["new_value"]) == (Decimal("12000"), Decimal("13000"))
    assert renewal["old_start_date"] == renewal["new_start_date"] == dt.date(2026, 1, 1)
    assert renewal["renewed_by_id"] == staff["id"]


async def test_a_renewal_can_keep_the_signature_and_move_the_start(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])
    await contracts.sign_contract(ctx, contract["id"], {"signature": "Karim Rahman"})

    renewed = await contracts.renew_contract(
        ctx,
        contract["id"],
        {
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "keep_signature": True,
        },
    )

    assert renewed["signed"] and renewed["signature"] == "Karim Rahman"
    assert renewed["start_date"] == dt.date(2027, 1, 1)
    assert renewed["contract_value"] == Decimal("12000.00")


async def test_a_failed_renewal_leaves_neither_the_contract_nor_a_renewal(
    ctx: Ctx, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])
    record = events.record

    async def failing(conn: Any, ctx_: Ctx, type_: str, *args: Any, **kwargs: Any) -> None:
        # Fails after the contract update and the renewal insert ran in the transaction.
        if type_ == "contract.renewed":
            raise RuntimeError("outbox unavailable")
        await record(conn, ctx_, type_, *args, **kwargs)

    monkeypatch.setattr(events, "record", failing)
    with pytest.raises(RuntimeError):
        await contracts.renew_contract(ctx, contract["id"], {"end_date": "2027-12-31"})
    with pytest.raises(Conflict) as caught:
        await contracts.renew_contract(ctx, contract["id"], {"end_date": "2025-01-01"})
    with pytest.raises(Invalid) as bad_value:
        await contracts.renew_contract(
            ctx, contract["id"], {"end_date": "2027-12-31", "contract_value": "-5"}
        )

    after = await contracts.get_contract(ctx, contract["id"])
    assert after is not None and after["end_date"] == dt.date(2026, 12, 31)
    assert await renewal_count(db) == 0
    assert caught.value.field == "end_date"
    assert set(bad_value.value.errors) == {"contract_value"}


async def test_signing_records_acceptance_once(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])

    signed = await contracts.sign_contract(
        ctx,
        contract["id"],
        {
            "acceptance_firstname": "Karim",
            "acceptance_lastname": "Rahman",
            "acceptance_email": "Karim@ZaharaHQ.ae",
            "acceptance_ip": "203.0.113.7",
            "signature": "data:image/png;base64,iVBORw0KGgo=",
        },
    )

    assert signed["signed"] and not signed["marked_as_signed"]
    assert signed["signed_at"] is not None and signed["accepted_at"] == signed["signed_at"]
    assert signed["acceptance_email"] == "karim@zaharahq.ae"
    with pytest.raises(Conflict):
        await contracts.sign_contract(ctx, contract["id"])
    history = await contracts.list_contracts(ctx, PageArgs(), signed=True)
    assert [c["id"] for c in history.rows] == [contract["id"]]


async def test_signing_without_a_signature_marks_it_signed(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])

    signed = await contracts.sign_contract(ctx, contract["id"])

    assert signed["signed"] and signed["marked_as_signed"] and signed["accepted_at"] is None
    with pytest.raises(NotFound):
        await contracts.sign_contract(ctx, 999_999)


async def test_expiring_and_expired_lists_count_from_the_given_day(ctx: Ctx, db: Database) -> None:
    customer = (await make_customer(db))["id"]

    def ending(day: dt.date) -> dict[str, Any]:
        return {"start_date": "2025-01-01", "end_date": day.isoformat()}

    lapsed = await make_contract(ctx, customer, **ending(TODAY - dt.timedelta(1)))
    today = await make_contract(ctx, customer, **ending(TODAY))
    in_30 = await make_contract(ctx, customer, **ending(TODAY + dt.timedelta(30)))
    in_31 = await make_contract(ctx, customer, **ending(TODAY + dt.timedelta(31)))
    await make_contract(ctx, customer, end_date=None)

    expiring = await contracts.list_expiring_contracts(ctx, PageArgs(), on=TODAY)
    within_60 = await contracts.list_expiring_contracts(ctx, PageArgs(), on=TODAY, days=60)
    expired = await contracts.list_expired_contracts(ctx, PageArgs(), on=TODAY)

    assert [c["id"] for c in expiring.rows] == [today["id"], in_30["id"]]
    assert [c["id"] for c in within_60.rows] == [today["id"], in_30["id"], in_31["id"]]
    assert [c["id"] for c in expired.rows] == [lapsed["id"]]
    with pytest.raises(Invalid):
        await contracts.list_expiring_contracts(ctx, PageArgs(), days=-1)


async def test_comments_are_added_listed_and_deleted(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])

    first = await contracts.add_contract_comment(ctx, contract["id"], {"content": "Sent"})
    second = await contracts.add_contract_comment(ctx, contract["id"], {"content": "Chased"})
    await contracts.delete_contract_comment(ctx, contract["id"], first["id"])
    page = await contracts.list_contract_comments(ctx, contract["id"], PageArgs())

    assert [c["id"] for c in page.rows] == [second["id"]]
    with pytest.raises(Invalid):
        await contracts.add_contract_comment(ctx, contract["id"], {"content": ""})
    with pytest.raises(NotFound):
        await contracts.list_contract_comments(ctx, 999_999, PageArgs())


async def test_contracts_need_their_grants(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])
    reader = Ctx(
        db=db,
        principal=Principal(kind="token", id=3, name="r", grants=frozenset({"contracts:get"})),
    )

    assert (await contracts.list_expired_contracts(reader, PageArgs())).total == 0
    for write in (
        contracts.sign_contract(reader, contract["id"]),
        contracts.renew_contract(reader, contract["id"], {"end_date": "2030-01-01"}),
        contracts.add_contract_comment(reader, contract["id"], {"content": "x"}),
        contracts.delete_contract(reader, contract["id"]),
    ):
        with pytest.raises(Forbidden):
            await write


async def test_a_contract_is_soft_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    contract = await make_contract(ctx, (await make_customer(db))["id"])

    await contracts.delete_contract(ctx, contract["id"])
    gone = await contracts.get_contract(ctx, contract["id"])
    await contracts.restore_contract(ctx, contract["id"])

    assert gone is None
    assert await contracts.get_contract(ctx, contract["id"]) is not None


def test_the_graph_joins_contracts_both_ways() -> None:
    assert RELATIONS["customers"]["contracts"].column == "customer_id"
    assert RELATIONS["contracts"]["customer"].kind == "one"
    assert RELATIONS["contract_types"]["contracts"].column == "contract_type_id"
    assert RELATIONS["contracts"]["type"].target == "contract_types"
    assert RELATIONS["contracts"]["renewals"].target == "contract_renewals"
    assert RELATIONS["contract_renewals"]["contract"].target == "contracts"
    assert RELATIONS["contracts"]["comments"].target == "contract_comments"
    assert RELATIONS["contracts"]["attachments"].match == (("rel_type", "contract"),)
