"""Staff accounts: unique emails, hashed passwords, activation, grants and departments."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import staff
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, Unauthenticated
from resolvers.core.identity import JwtKeys, principal_for_staff, verify_password
from resolvers.core.permissions import Principal
from resolvers.models import Department, Role, table_of

KEYS = JwtKeys(keys={"k1": "a-test-signing-key-long-enough-for-hs256"}, current="k1",
               issuer="crm-test", audience="crm-test")  # fmt: skip
PASSWORD = "securePass123"


async def make_member(ctx: Ctx, **fields: Any) -> Row:
    return await staff.create_staff(
        ctx, {"firstname": "Jane", "lastname": "Smith", "email": "jane@company.com",
              "password": PASSWORD, **fields},
    )  # fmt: skip


async def id_of(db: Database, model: Any, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.execute(select(table.c.id).where(table.c.name == name))
        return int(found.scalar_one())


def as_staff(db: Database, member: Row, *grants: str) -> Ctx:
    principal = Principal(kind="staff", id=member["id"], name=member["email"],
                          grants=frozenset(grants or ["*"]), staff_id=member["id"])  # fmt: skip
    return Ctx(db=db, principal=principal, keys=KEYS)


async def test_the_password_is_stored_hashed(ctx: Ctx) -> None:
    member = await make_member(ctx, email="Jane@Company.COM")

    assert member["email"] == "jane@company.com"
    assert member["password_hash"] != PASSWORD
    assert PASSWORD not in member["password_hash"]
    assert verify_password(member["password_hash"], PASSWORD)
    assert not verify_password(member["password_hash"], "wrong-password")
    assert member["password_changed_at"] is not None


async def test_an_email_belongs_to_one_member_whatever_its_case(ctx: Ctx) -> None:
    await make_member(ctx)

    with pytest.raises(Conflict) as caught:
        await make_member(ctx, email="JANE@company.com")

    assert caught.value.field == "email"


async def test_short_passwords_and_bad_emails_are_invalid(ctx: Ctx) -> None:
    with pytest.raises(Invalid) as short:
        await make_member(ctx, password="short")
    with pytest.raises(Invalid) as bad:
        await make_member(ctx, email="jane-at-company")

    assert "password" in short.value.errors
    assert "email" in bad.value.errors


async def test_a_v2_user_gets_a_split_name_and_a_role_by_name(db: Database, ctx: Ctx) -> None:
    member = await staff.create_staff(
        ctx, {"name": "Admin User", "email": "admin@example.com", "password": "securepassword",
              "role": "administrator"},
    )  # fmt: skip

    assert (member["firstname"], member["lastname"]) == ("Admin", "User")
    assert member["role_id"] == await id_of(db, Role, "Administrator")
    assert member["is_admin"] is True
    assert await staff.staff_permissions(ctx, member["id"]) == ["*"]


async def test_update_never_takes_a_password(ctx: Ctx) -> None:
    member = await make_member(ctx)

    with pytest.raises(Invalid) as caught:
        await staff.update_staff(ctx, member["id"], {"password": "another-password"})

    assert "password" in caught.value.errors


async def test_change_password_replaces_the_hash(db: Database, ctx: Ctx) -> None:
    member = await make_member(ctx)

    changed = await staff.change_password(ctx, member["id"], "newSecurePass456")

    assert verify_password(changed["password_hash"], "newSecurePass456")
    assert not verify_password(changed["password_hash"], PASSWORD)
    assert changed["password_changed_at"] > member["password_changed_at"]
    with pytest.raises(Invalid):
        await staff.change_password(ctx, member["id"], "short")


async def test_members_change_their_own_password_without_staff_grants(
    db: Database, ctx: Ctx
) -> None:
    member = await make_member(ctx)
    other = await make_member(ctx, email="other@company.com")
    own = as_staff(db, member, "leads:get")

    await staff.change_password(own, member["id"], "my-own-new-pass")

    with pytest.raises(Forbidden):
        await staff.change_password(own, other["id"], "not-my-account")


async def test_a_deactivated_member_can_no_longer_sign_in(db: Database, ctx: Ctx) -> None:
    member = await make_member(ctx)
    signing_in = Ctx(db=db, keys=KEYS)
    token = await staff.login(signing_in, "jane@company.com", PASSWORD)
    assert KEYS.verify(token)["sub"] == str(member["id"])

    await staff.deactivate_staff(ctx, member["id"])

    with pytest.raises(Unauthenticated):
        await staff.login(signing_in, "jane@company.com", PASSWORD)
    async with db.read() as conn:
        assert await principal_for_staff(conn, member["id"]) is None  # its JWTs stop working

    await staff.activate_staff(ctx, member["id"])
    assert await staff.login(signing_in, "jane@company.com", PASSWORD)


async def test_nobody_deletes_or_deactivates_themselves(db: Database, ctx: Ctx) -> None:
    member = await make_member(ctx)
    own = as_staff(db, member)

    with pytest.raises(Conflict):
        await staff.delete_staff(own, member["id"])
    with pytest.raises(Conflict):
        await staff.deactivate_staff(own, member["id"])

    deleted = await staff.delete_staff(ctx, member["id"])
    assert deleted["deleted_at"] is not None
    with pytest.raises(Unauthenticated):
        await staff.login(Ctx(db=db, keys=KEYS), "jane@company.com", PASSWORD)


async def test_permissions_join_the_role_and_the_members_own(db: Database, ctx: Ctx) -> None:
    member = await make_member(ctx, role="Employee")

    granted = await staff.set_staff_permissions(ctx, member["id"], ["reports:get", "expenses:get"])

    assert granted == sorted(granted)
    assert {"reports:get", "expenses:get", "leads:create", "customers:get"} <= set(granted)
    assert "invoices:get" not in granted
    assert await staff.staff_permissions(ctx, member["id"]) == granted
    for bad in (["*"], ["reports:fly"]):
        with pytest.raises(Invalid):
            await staff.set_staff_permissions(ctx, member["id"], bad)


async def test_departments_are_set_and_read_in_batches(db: Database, ctx: Ctx) -> None:
    sales, support = await id_of(db, Department, "Sales"), await id_of(db, Department, "Support")
    jane = await make_member(ctx, departments=[support, sales])
    omar = await make_member(ctx, email="omar@company.com")

    batches = await staff.departments_by_staff_id(ctx, [omar["id"], jane["id"]])

    assert [[d["name"] for d in b] for b in batches] == [[], ["Sales", "Support"]]
    await staff.update_staff(ctx, jane["id"], {"departments": [sales]})
    [after] = await staff.departments_by_staff_id(ctx, [jane["id"]])
    assert [d["id"] for d in after] == [sales]
    with pytest.raises(Invalid):
        await staff.update_staff(ctx, jane["id"], {"departments": [9999]})


async def test_roles_and_departments_lists(ctx: Ctx) -> None:
    roles = await staff.list_staff_roles(ctx)
    departments = await staff.list_staff_departments(ctx)

    assert [r["name"] for r in roles] == ["Accountant", "Administrator", "Employee"]
    assert [d["name"] for d in departments] == ["Billing", "Development", "Sales", "Support"]


async def test_staff_writes_need_the_grant(db: Database) -> None:
    reader = Ctx(db=db, principal=Principal(kind="token", id=3, name="r",
                                            grants=frozenset({"staff:get"})))  # fmt: skip

    with pytest.raises(Forbidden):
        await make_member(reader)
