"""Files attached to a record by (rel_type, rel_id): the bytes on disk under a random
key, the row and its event in the database.

Downloads go through `open_file`, whose rule is that of the record the file is on:
whoever may read that customer, ticket or invoice may read its files.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import re
import secrets
import unicodedata
from collections.abc import AsyncIterable, AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol, TypeGuard, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.core import events, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Missing, NotFound, Unauthenticated
from resolvers.core.getters import getter
from resolvers.core.permissions import Principal, require
from resolvers.core.records import fetch, insert_row, live, must_fetch
from resolvers.core.resources import Hooks, Relation, Resource, Verbs, register, relate
from resolvers.models import (
    Contract,
    Customer,
    Estimate,
    Expense,
    File,
    Invoice,
    Lead,
    Project,
    Proposal,
    Task,
    TaskComment,
    Ticket,
    TicketReply,
    table_of,
)
from resolvers.projects.common import lister

RESOURCE = "files"
FILES = register(
    Resource(
        name=RESOURCE,
        model=File,
        label="File",
        search=("file_name",),
        # Where the bytes live is the server's business, never a client's.
        hidden=("password_hash", "storage_key"),
        # Soft delete: the bytes stay until the file is purged, so a restore works.
        verbs=Verbs(
            delete=True,
            restore=True,
            event="file",
            hooks=Hooks(parent=lambda row: (row["rel_type"], row["rel_id"])),
        ),
    )
)
relate(RESOURCE, "staff", Relation("staff", "one", "staff_id"))
relate("staff", "files", Relation(RESOURCE, "many", "staff_id"))
relate(RESOURCE, "contact", Relation("contacts", "one", "contact_id"))
relate("contacts", "files", Relation(RESOURCE, "many", "contact_id"))
relate(RESOURCE, "ticket_reply", Relation("ticket_replies", "one", "ticket_reply_id"))
relate("ticket_replies", "attachments", Relation(RESOURCE, "many", "ticket_reply_id"))
relate(RESOURCE, "task_comment", Relation("task_comments", "one", "task_comment_id"))
relate("task_comments", "attachments", Relation(RESOURCE, "many", "task_comment_id"))
files = FILES.table

# What a file may be attached to: rel_type -> (the owning resource, its table's model).
REL_TYPES: dict[str, tuple[str, type[SQLModel]]] = {
    "customer": ("customers", Customer),
    "project": ("projects", Project),
    "ticket": ("tickets", Ticket),
    "task": ("tasks", Task),
    "contract": ("contracts", Contract),
    "lead": ("leads", Lead),
    "expense": ("expenses", Expense),
    "proposal": ("proposals", Proposal),
    "estimate": ("estimates", Estimate),
    "invoice": ("invoices", Invoice),
}
# Projects, tasks, tickets and contracts declare their own edge to their files; these
# are the records whose owners do not yet.
for _rel_type in ("lead", "expense", "customer", "proposal", "estimate", "invoice"):
    relate(
        REL_TYPES[_rel_type][0],
        "files",
        Relation(RESOURCE, "many", "rel_id", match=(("rel_type", _rel_type),)),
    )

MAX_NAME = 191
CHUNK = 1024 * 1024
DEFAULT_CONTENT_TYPE = "application/octet-stream"
_CONTENT_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")


class AsyncReadable(Protocol):
    """An upload read a piece at a time (Starlette's UploadFile, aiofiles...)."""

    async def read(self, size: int = -1) -> bytes: ...


Content = bytes | bytearray | memoryview | IO[bytes] | AsyncReadable | AsyncIterable[bytes]


def rel_type_of(value: str) -> str:
    rel_type = value.strip().lower()
    if rel_type not in REL_TYPES:
        raise Invalid.field("rel_type", f"must be one of {', '.join(REL_TYPES)}")
    return rel_type


def owner_grant(rel_type: str) -> str:
    """The permission resource of the record a file of this rel_type is on (each owner
    is its own permission resource)."""
    return REL_TYPES[rel_type][0]


def safe_name(value: str) -> str:
    """The name shown for a file: no directories, control characters or leading dots,
    at most 191 characters with its extension kept."""
    base = re.split(r"[\\/]", value)[-1]
    cleaned = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    cleaned = cleaned.strip().lstrip(".").strip()
    suffix = PurePosixPath(cleaned).suffix if "." in cleaned else ""
    if not cleaned or cleaned == suffix:
        cleaned = "file" + suffix
    if len(cleaned) > MAX_NAME:
        if len(suffix) >= MAX_NAME // 2:
            suffix = ""
        cleaned = cleaned[: MAX_NAME - len(suffix)].rstrip() + suffix
    return cleaned


def content_type_of(value: str | None) -> str:
    if value is None or not value.strip():
        return DEFAULT_CONTENT_TYPE
    kind = value.split(";", 1)[0].strip().lower()
    if len(kind) > 100 or not _CONTENT_TYPE.match(kind):
        raise Invalid.field("content_type", f"{value!r} is not a media type like image/png")
    return kind


# Files one write may carry, whichever transport brings them: each is stored before the
# transaction, so the count bounds the disk and time a single request may take.
MAX_FILES = 10


def check_count(uploads: Sequence[Upload], *, at_least: int = 1) -> None:
    """Refuse too few or too many files by name, before any byte is written."""
    if len(uploads) > MAX_FILES:
        raise Invalid.field("files", f"at most {MAX_FILES} files at once, not {len(uploads)}")
    if len(uploads) < at_least:
        raise Invalid.field("files", "give at least one file")


def _too_large(ctx: Ctx) -> Invalid:
    return Invalid.field("file", f"is larger than the {ctx.max_upload_bytes} bytes allowed")


async def _chunks(data: Content) -> AsyncIterator[bytes]:
    if isinstance(data, bytes | bytearray | memoryview):
        yield bytes(data)
    elif isinstance(data, AsyncIterable):
        async for chunk in data:
            yield chunk
    elif _reads_async(data):
        while chunk := await data.read(CHUNK):
            yield chunk
    else:
        # A plain file object: its reads block, so they run off the event loop.
        blocking = cast(IO[bytes], data)
        while chunk := await asyncio.to_thread(blocking.read, CHUNK):
            yield chunk


def _reads_async(data: object) -> TypeGuard[AsyncReadable]:
    return inspect.iscoroutinefunction(getattr(data, "read", None))


def storage_path(ctx: Ctx, storage_key: str) -> Path:
    return ctx.storage_dir / storage_key


def _new_key() -> str:
    token = secrets.token_hex(20)
    # A directory per leading byte keeps any one directory small.
    return f"{token[:2]}/{token}"


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


async def _store(ctx: Ctx, data: Content) -> tuple[str, int, str]:
    """Write the bytes under a fresh key: (storage_key, size, sha256). Nothing stays on
    disk when the upload is refused or fails."""
    key = _new_key()
    path = storage_path(ctx, key)
    await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle = await asyncio.to_thread(path.open, "xb")
    try:
        async for chunk in _chunks(data):
            size += len(chunk)
            if size > ctx.max_upload_bytes:
                raise _too_large(ctx)
            digest.update(chunk)
            await asyncio.to_thread(handle.write, chunk)
    except BaseException:
        await asyncio.to_thread(handle.close)
        await asyncio.to_thread(_unlink, path)
        raise
    await asyncio.to_thread(handle.close)
    return key, size, digest.hexdigest()


async def _check_part(
    conn: AsyncConnection, rel_type: str, rel_id: int, values: Mapping[str, Any]
) -> None:
    """A reply's or comment's attachment goes on the ticket or task it belongs to."""
    parts = (
        ("ticket_reply_id", TicketReply, "ticket", "ticket_id"),
        ("task_comment_id", TaskComment, "task", "task_id"),
    )
    for field, model, owner, column in parts:
        part_id = values.get(field)
        if part_id is None:
            continue
        part = await fetch(conn, table_of(model), part_id)
        if part is None or rel_type != owner or part[column] != rel_id:
            raise Invalid.field(field, f"is not a part of {rel_type} {rel_id}")


@dataclass(frozen=True)
class Upload:
    """A file a client sent: its name, its type, and its bytes or a stream of them."""

    file_name: str
    content_type: str | None
    data: Content


@dataclass(frozen=True)
class Stored:
    upload: Upload
    key: str
    size: int
    sha256: str


@asynccontextmanager
async def stored(ctx: Ctx, uploads: Sequence[Upload]) -> AsyncIterator[list[Stored]]:
    """Write every upload's bytes before the transaction that records them; if anything
    in the block fails, no byte of any of them stays on disk."""
    done: list[Stored] = []
    try:
        for upload in uploads:
            data = upload.data
            if (
                isinstance(data, bytes | bytearray | memoryview)
                and len(data) > ctx.max_upload_bytes
            ):
                raise _too_large(ctx)
            key, size, sha256 = await _store(ctx, data)
            done.append(Stored(upload, key, size, sha256))
        yield done
    except BaseException:
        for item in done:
            await asyncio.to_thread(_unlink, storage_path(ctx, item.key))
        raise


def check_attach(ctx: Ctx, rel_type: str) -> tuple[Principal, str]:
    """The caller may attach files to records of this kind: files:create and the right to
    read the record. Checked before any byte is written."""
    principal = require(ctx.principal, RESOURCE, "create")
    kind = rel_type_of(rel_type)
    require(principal, owner_grant(kind), "get")
    return principal, kind


async def insert_files(
    conn: AsyncConnection,
    ctx: Ctx,
    rel_type: str,
    rel_id: int,
    items: Sequence[Stored],
    *,
    visible_to_customer: bool = False,
    ticket_reply_id: int | None = None,
    task_comment_id: int | None = None,
) -> list[Row]:
    """The rows and events of stored files, inside the caller's transaction."""
    principal, kind = check_attach(ctx, rel_type)
    if await fetch(conn, table_of(REL_TYPES[kind][1]), rel_id) is None:
        raise Missing.field("rel_id", f"no {kind} {rel_id}")
    values: dict[str, Any] = {
        "rel_type": kind,
        "rel_id": rel_id,
        "visible_to_customer": visible_to_customer,
        "staff_id": principal.staff_id,
        "ticket_reply_id": ticket_reply_id,
        "task_comment_id": task_comment_id,
    }
    await _check_part(conn, kind, rel_id, values)
    rows: list[Row] = []
    for item in items:
        row = await insert_row(
            conn,
            files,
            {
                **values,
                "file_name": safe_name(item.upload.file_name),
                "content_type": content_type_of(item.upload.content_type),
                "storage_key": item.key,
                "size": item.size,
                "sha256": item.sha256,
            },
        )
        await events.record(
            conn, ctx, "file.created", row["id"],
            {"file_name": row["file_name"], "size": item.size, "rel_type": kind, "rel_id": rel_id},
            parent=(kind, rel_id),
        )  # fmt: skip
        rows.append(row)
    return rows


async def attach_files(
    ctx: Ctx,
    rel_type: str,
    rel_id: int,
    uploads: Sequence[Upload],
    *,
    visible_to_customer: bool = False,
    ticket_reply_id: int | None = None,
    task_comment_id: int | None = None,
) -> list[Row]:
    """Store uploads and attach them to a record the caller may read: all of them, in one
    transaction, or none."""
    _, kind = check_attach(ctx, rel_type)
    check_count(uploads)
    for upload in uploads:
        # Names and types are refused before any byte is written.
        safe_name(upload.file_name)
        content_type_of(upload.content_type)
    # Refuse a missing record before writing any bytes; the transaction checks again.
    async with ctx.db.read() as conn:
        if await fetch(conn, table_of(REL_TYPES[kind][1]), rel_id) is None:
            raise Missing.field("rel_id", f"no {kind} {rel_id}")
    async with stored(ctx, uploads) as items, ctx.db.write() as conn:
        return await insert_files(
            conn, ctx, kind, rel_id, items, visible_to_customer=visible_to_customer,
            ticket_reply_id=ticket_reply_id, task_comment_id=task_comment_id,
        )  # fmt: skip


async def attach_file(
    ctx: Ctx,
    rel_type: str,
    rel_id: int,
    file_name: str,
    content_type: str | None,
    data: Content,
    *,
    visible_to_customer: bool = False,
    ticket_reply_id: int | None = None,
    task_comment_id: int | None = None,
) -> Row:
    """Store one upload and attach it to a record the caller may read."""
    rows = await attach_files(
        ctx, rel_type, rel_id, [Upload(file_name, content_type, data)],
        visible_to_customer=visible_to_customer, ticket_reply_id=ticket_reply_id,
        task_comment_id=task_comment_id,
    )  # fmt: skip
    return rows[0]


def _reader(ctx: Ctx) -> Principal:
    if ctx.principal is None:
        raise Unauthenticated()
    return ctx.principal


async def open_file(ctx: Ctx, file_id: int) -> tuple[Row, Path]:
    """The file's row and where its bytes are, for a caller who may read the record it
    is attached to; a file whose record or bytes are gone is not found."""
    principal = _reader(ctx)
    async with ctx.db.read() as conn:
        row = await must_fetch(conn, files, file_id, "File")
        require(principal, owner_grant(row["rel_type"]), "get")
        if await fetch(conn, table_of(REL_TYPES[row["rel_type"]][1]), row["rel_id"]) is None:
            raise NotFound("File", file_id)
    path = storage_path(ctx, row["storage_key"])
    if not await asyncio.to_thread(path.is_file):
        raise NotFound("File", file_id)
    return row, path


get_file = getter(FILES, __name__, "get_file")
# By the record they are attached to.
list_files = lister(
    FILES,
    __name__,
    "rel_id",
    rel_type=lambda _, rel_type: files.c.rel_type == rel_type_of(rel_type),
)
delete_file = writes.operation(FILES, "delete")
restore_file = writes.operation(FILES, "restore")


async def files_by_rel(ctx: Ctx, rel_type: str, rel_ids: Sequence[int]) -> list[list[Row]]:
    """Batch function: the live files on each record of one kind, oldest first, in key
    order (a client's documents, a project's files)."""
    require(ctx.principal, RESOURCE, "get")
    kind = rel_type_of(rel_type)
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(files)
            .where(files.c.rel_type == kind, files.c.rel_id.in_(set(rel_ids)), live(files))
            .order_by(files.c.id)
        )
        grouped: dict[int, list[Row]] = {i: [] for i in rel_ids}
        for row in rows:
            grouped[row.rel_id].append(row._mapping)
    return [grouped[i] for i in rel_ids]
