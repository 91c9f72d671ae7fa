"""Files: bytes under a random key, a safe name, a size limit, and the record's own
permission for downloads."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gateway.database import Database
from resolvers import files, leads
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden, Invalid, NotFound
from resolvers.core.filtering import visible_columns
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.resources import RELATIONS, Relation
from resolvers.customers import delete_customer
from resolvers.models import Event, File, table_of
from tests.conftest import ADMIN
from tests.factories import make_customer

PDF = b"%PDF-1.7 scope of work, version 2"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    return tmp_path / "storage"


@pytest.fixture
def caller(db: Database, uploads: Path) -> Ctx:
    return Ctx(db=db, principal=ADMIN, storage_dir=uploads, max_upload_bytes=64)


def as_token(ctx: Ctx, *grants: str) -> Ctx:
    principal = Principal(kind="token", id=7, name="limited", grants=frozenset(grants))
    return Ctx(db=ctx.db, principal=principal, storage_dir=ctx.storage_dir,
               max_upload_bytes=ctx.max_upload_bytes)  # fmt: skip


def stored(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def rows(db: Database) -> list[Row]:
    async with db.read() as conn:
        return [r._mapping for r in await conn.execute(select(table_of(File)))]


async def attach(ctx: Ctx, rel_id: int, data: Any = PDF, **options: Any) -> Row:
    name = options.pop("file_name", "scope-v2.pdf")
    return await files.attach_file(
        ctx, options.pop("rel_type", "customer"), rel_id, name,
        options.pop("content_type", "application/pdf"), data, **options,
    )  # fmt: skip


async def test_an_upload_is_stored_under_a_random_key_with_its_digest(
    caller: Ctx, db: Database, uploads: Path
) -> None:
    customer = await make_customer(caller)

    row = await attach(caller, customer["id"], file_name="../../etc/scope-v2.pdf")

    assert row["file_name"] == "scope-v2.pdf"
    assert (row["rel_type"], row["rel_id"]) == ("customer", customer["id"])
    assert row["size"] == len(PDF)
    assert row["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert row["content_type"] == "application/pdf"
    assert "scope" not in row["storage_key"] and ".." not in row["storage_key"]
    [path] = stored(uploads)
    assert path == uploads / row["storage_key"]
    assert path.read_bytes() == PDF
    async with db.read() as conn:
        event = (
            await conn.execute(
                select(table_of(Event)).where(table_of(Event).c.type == "file.created")
            )
        ).one()
    assert (event.record_id, event.parent_resource, event.parent_id) == (
        row["id"], "customer", customer["id"],
    )  # fmt: skip
    assert json.loads(event.changes)["size"] == len(PDF)


async def test_two_uploads_of_one_name_get_two_keys(caller: Ctx, uploads: Path) -> None:
    customer = await make_customer(caller)

    first = await attach(caller, customer["id"])
    second = await attach(caller, customer["id"])

    assert first["storage_key"] != second["storage_key"]
    assert len(stored(uploads)) == 2


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\sara\\report.pdf", "report.pdf"),
        (".htaccess", "htaccess"),
        ("...", "file"),
        ("", "file"),
        ("in\x00voice\u202e\n.txt", "invoice.txt"),
        ("   spaced name.docx  ", "spaced name.docx"),
        ("x" * 300 + ".pdf", "x" * 187 + ".pdf"),
    ],
)
def test_display_names_are_made_safe(given: str, shown: str) -> None:
    assert files.safe_name(given) == shown


async def test_an_upload_past_the_limit_is_refused_and_leaves_nothing(
    caller: Ctx, db: Database, uploads: Path
) -> None:
    customer = await make_customer(caller)

    with pytest.raises(Invalid) as caught:
        await attach(caller, customer["id"], b"x" * 65)

    assert "file" in caught.value.errors
    assert stored(uploads) == [] and await rows(db) == []


async def test_a_stream_past_the_limit_is_refused_while_it_is_read(
    caller: Ctx, db: Database, uploads: Path
) -> None:
    customer = await make_customer(caller)
    read: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for n in range(10):
            read.append(n)
            yield b"y" * 30

    with pytest.raises(Invalid) as caught:
        await attach(caller, customer["id"], chunks())

    assert "file" in caught.value.errors
    # 30 + 30 + 30 passes 64 on the third chunk: the rest is never read
    assert read == [0, 1, 2]
    assert stored(uploads) == [] and await rows(db) == []


async def test_files_and_async_readers_are_read_in_chunks(caller: Ctx, uploads: Path) -> None:
    customer = await make_customer(caller)

    class Upload:
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        async def read(self, size: int = -1) -> bytes:
            return self.data.read(size)

    plain = await attach(caller, customer["id"], io.BytesIO(b"plain file object"))
    uploaded = await attach(caller, customer["id"], Upload(b"an async upload"))

    assert (uploads / plain["storage_key"]).read_bytes() == b"plain file object"
    assert (uploads / uploaded["storage_key"]).read_bytes() == b"an async upload"
    assert uploaded["size"] == len(b"an async upload")


@pytest.mark.parametrize(
    ("rel_type", "rel_id", "field"),
    [("planet", 1, "rel_type"), ("staff", 1, "rel_type"), ("customer", 999, "rel_id")],
)
async def test_the_record_must_be_one_files_go_on(
    caller: Ctx, db: Database, uploads: Path, rel_type: str, rel_id: int, field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await attach(caller, rel_id, rel_type=rel_type)

    assert field in caught.value.errors
    assert stored(uploads) == [] and await rows(db) == []


async def test_a_bad_media_type_is_refused(caller: Ctx) -> None:
    customer = await make_customer(caller)

    with pytest.raises(Invalid) as caught:
        await attach(caller, customer["id"], content_type="pdf please")

    assert "content_type" in caught.value.errors
    assert (await attach(caller, customer["id"], content_type=None))["content_type"] == (
        "application/octet-stream"
    )


async def test_a_failed_transaction_removes_the_written_bytes(
    caller: Ctx, db: Database, uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer = await make_customer(caller)

    with pytest.raises(Invalid) as caught:
        await attach(caller, customer["id"], task_comment_id=999)
    assert "task_comment_id" in caught.value.errors

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr(events, "record", broken)
    with pytest.raises(RuntimeError):
        await attach(caller, customer["id"])

    assert stored(uploads) == [] and await rows(db) == []


async def test_uploading_takes_files_create_and_reading_the_record(caller: Ctx) -> None:
    customer = await make_customer(caller)

    with pytest.raises(Forbidden):
        await attach(as_token(caller, "files:create"), customer["id"])
    with pytest.raises(Forbidden):
        await attach(as_token(caller, "customers:get"), customer["id"])
    row = await attach(as_token(caller, "files:create", "customers:get"), customer["id"])

    assert row["staff_id"] is None  # a token of no staff member


async def test_a_download_follows_the_records_permission(caller: Ctx, uploads: Path) -> None:
    customer = await make_customer(caller)
    row = await attach(caller, customer["id"])

    got, path = await files.open_file(as_token(caller, "customers:get"), row["id"])

    assert got["id"] == row["id"] and path.read_bytes() == PDF
    with pytest.raises(Forbidden):
        await files.open_file(as_token(caller, "files:get", "leads:get"), row["id"])


async def test_deleted_files_and_files_of_deleted_records_are_not_found(caller: Ctx) -> None:
    customer = await make_customer(caller)
    kept = await attach(caller, customer["id"])
    dropped = await attach(caller, customer["id"])

    await files.delete_file(caller, dropped["id"])
    with pytest.raises(NotFound):
        await files.open_file(caller, dropped["id"])
    restored = await files.restore_file(caller, dropped["id"])
    assert restored["deleted_at"] is None
    assert (await files.open_file(caller, dropped["id"]))[0]["id"] == dropped["id"]

    await delete_customer(caller, customer["id"])
    with pytest.raises(NotFound):
        await files.open_file(caller, kept["id"])


async def test_files_are_listed_by_the_record_they_are_on(caller: Ctx) -> None:
    customer = await make_customer(caller)
    lead = await leads.create_lead(caller, {"name": "Jonas Weiss"})
    on_customer = await attach(caller, customer["id"])
    on_lead = await attach(caller, lead["id"], rel_type="lead", visible_to_customer=True)
    gone = await attach(caller, lead["id"], rel_type="lead")
    await files.delete_file(caller, gone["id"])

    page = await files.list_files(caller, PageArgs(), rel_type="Lead", rel_id=lead["id"])
    everything = await files.list_files(caller, PageArgs())

    assert [r["id"] for r in page.rows] == [on_lead["id"]]
    assert page.rows[0]["visible_to_customer"] is True
    assert [r["id"] for r in everything.rows] == [on_customer["id"], on_lead["id"]]
    assert (await files.get_file(caller, on_lead["id"]) or {}).get("file_name") == "scope-v2.pdf"


def test_the_edges_are_declared_both_ways() -> None:
    lead_files = Relation("files", "many", "rel_id", match=(("rel_type", "lead"),))
    assert RELATIONS["leads"]["files"] == lead_files
    assert RELATIONS["expenses"]["files"].match == (("rel_type", "expense"),)
    assert RELATIONS["files"]["ticket_reply"] == Relation(
        "ticket_replies", "one", "ticket_reply_id"
    )
    assert RELATIONS["ticket_replies"]["attachments"] == Relation(
        "files", "many", "ticket_reply_id"
    )
    assert RELATIONS["task_comments"]["attachments"].column == "task_comment_id"
    assert RELATIONS["staff"]["files"].column == "staff_id"
    assert RELATIONS["contacts"]["files"].column == "contact_id"
    assert "storage_key" not in visible_columns(files.FILES)


async def test_several_files_are_attached_together_or_not_at_all(ctx: Ctx, tmp_path: Path) -> None:
    from resolvers import customers

    small = Ctx(db=ctx.db, principal=ctx.principal, storage_dir=tmp_path, max_upload_bytes=10)
    customer = await customers.create_customer(small, {"company": "Orbit Labs"})
    uploads = [files.Upload("a.txt", None, b"12345"), files.Upload("b.txt", None, b"x" * 11)]

    with pytest.raises(Invalid):
        await files.attach_files(small, "customer", customer["id"], uploads)

    assert (await files.list_files(ctx, PageArgs(), rel_id=customer["id"])).rows == []
    assert files_on_disk(tmp_path) == []

    both = await files.attach_files(small, "customer", customer["id"], uploads[:1] * 2)
    assert [row["file_name"] for row in both] == ["a.txt", "a.txt"]


def files_on_disk(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]
