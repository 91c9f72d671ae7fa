"""The files on many records of one kind at once (a ninja client's documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolvers import files
from resolvers.core.context import Ctx
from resolvers.core.errors import Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from tests.factories import make_customer


async def test_files_come_per_record_in_key_order_without_deleted_ones(
    ctx: Ctx, tmp_path: Path
) -> None:
    caller = Ctx(db=ctx.db, principal=ctx.principal, storage_dir=tmp_path)
    first, second, empty = [await make_customer(ctx, company=c) for c in "ABC"]
    a = await files.attach_file(caller, "customer", first["id"], "a.pdf", None, b"a")
    b = await files.attach_file(caller, "customer", first["id"], "b.pdf", None, b"b")
    c = await files.attach_file(caller, "customer", second["id"], "c.pdf", None, b"c")
    await files.attach_file(caller, "customer", second["id"], "gone.pdf", None, b"d")
    gone = await files.list_files(caller, PageArgs(), rel_type="customer",
                                  rel_id=second["id"])  # fmt: skip
    await files.delete_file(caller, gone.rows[1]["id"])

    found = await files.files_by_rel(ctx, "customer", [second["id"], empty["id"], first["id"]])

    assert [[r["id"] for r in group] for group in found] == [[c["id"]], [], [a["id"], b["id"]]]


async def test_reading_files_needs_the_files_grant_and_a_known_kind(ctx: Ctx) -> None:
    limited = Ctx(db=ctx.db, principal=Principal(kind="token", id=9, name="x",
                                                 grants=frozenset({"customers:get"})))  # fmt: skip

    with pytest.raises(Forbidden):
        await files.files_by_rel(limited, "customer", [1])
    with pytest.raises(Invalid):
        await files.files_by_rel(ctx, "planet", [1])
