"""The caller itself (tech9's `/api/me`): its credential, grants and staff member."""

from __future__ import annotations

import pytest

from gateway.database import Database
from resolvers import staff
from resolvers.core.context import Ctx
from resolvers.core.errors import Unauthenticated
from resolvers.core.permissions import Principal
from tests.factories import make_staff


async def test_a_bare_token_is_its_name_and_sorted_grants(db: Database) -> None:
    principal = Principal(kind="token", id=4, name="zapier",
                          grants=frozenset({"leads:get", "customers:get"}))  # fmt: skip

    caller = await staff.current_caller(Ctx(db=db, principal=principal))

    assert (caller.kind, caller.id, caller.name) == ("token", 4, "zapier")
    assert caller.permissions == ["customers:get", "leads:get"]
    assert caller.staff is None


async def test_a_staff_caller_sees_its_own_record_without_any_grant_or_password(
    db: Database,
) -> None:
    member = await make_staff(db, email="sara@example.com")
    principal = Principal(kind="staff", id=member["id"], name="sara@example.com",
                          grants=frozenset(), staff_id=member["id"])  # fmt: skip

    caller = await staff.current_caller(Ctx(db=db, principal=principal))

    assert caller.staff is not None and caller.staff["email"] == "sara@example.com"
    assert "password_hash" not in caller.staff
    assert caller.permissions == []


async def test_nobody_is_refused(db: Database) -> None:
    with pytest.raises(Unauthenticated):
        await staff.current_caller(Ctx(db=db))
