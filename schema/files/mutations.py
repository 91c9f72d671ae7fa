"""Uploading and deleting files. The bytes come as file parts of a GraphQL multipart
request (`file`, `files`: see gateway/graphql_view.py for the header it must carry), or,
for clients that can only send JSON, base64-encoded in `contentBase64`."""

from __future__ import annotations

import base64
import binascii
import inspect
from collections.abc import Awaitable, Sequence
from enum import Enum

import strawberry
from strawberry.file_uploads import Upload

from resolvers import files
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from schema.calls import mutation
from schema.context import Info
from schema.errors import UserError, mutate
from schema.files.types import FileType
from schema.ids import decode_id
from schema.lookups.references import naming
from schema.notes.records import TYPE_NAMES
from schema.writes import mutations


@strawberry.enum(description="The kinds of record a file may be attached to.")
class FileRelType(Enum):
    CUSTOMER = "customer"
    PROJECT = "project"
    TICKET = "ticket"
    TASK = "task"
    CONTRACT = "contract"
    LEAD = "lead"
    EXPENSE = "expense"
    PROPOSAL = "proposal"
    ESTIMATE = "estimate"
    INVOICE = "invoice"


@strawberry.input
class FileUploadInput:
    rel_type: FileRelType
    record_id: strawberry.ID = strawberry.field(
        description="The global id of the record, which must be of the relType."
    )
    file: Upload | None = strawberry.field(
        default=None, description="The file part of a multipart request (or contentBase64)."
    )
    file_name: str | None = strawberry.field(
        default=None,
        description="Directories and leading dots are dropped; the file part's name by default.",
    )
    content_base64: str | None = strawberry.field(
        default=None, description="The file's bytes, base64-encoded (or file)."
    )
    content_type: str | None = strawberry.field(
        default=None,
        description="The file part's type by default, else application/octet-stream.",
    )
    visible_to_customer: bool = False


@strawberry.input
class FilesUploadInput:
    rel_type: FileRelType
    record_id: strawberry.ID = strawberry.field(
        description="The global id of the record, which must be of the relType."
    )
    files: list[Upload] = strawberry.field(
        description=f"File parts of a multipart request, at most {files.MAX_FILES}."
    )
    visible_to_customer: bool = False


@strawberry.type
class FilesPayload:
    """The files written, all of them, or why none was."""

    records: list[FileType]
    user_errors: list[UserError]


def part(value: object, field: str) -> files.Upload:
    """A multipart file part as the service layer takes it; a variable that is not one
    (a string sent in JSON) is refused."""
    if not inspect.iscoroutinefunction(getattr(value, "read", None)):
        raise Invalid.field(field, "must be a file part of a multipart request")
    name = getattr(value, "filename", None) or "file"
    return files.Upload(name, getattr(value, "content_type", None), value)  # type: ignore[arg-type]


def single(ctx: Ctx, input: FileUploadInput) -> files.Upload:
    text = input.content_base64
    if input.file is not None and text is None:
        sent = part(input.file, "file")
        return files.Upload(
            input.file_name or sent.file_name, input.content_type or sent.content_type, sent.data
        )
    if input.file is not None or text is None:
        raise Invalid.field("file", "give either a file part or contentBase64")
    if input.file_name is None:
        raise Invalid.field("file_name", "is required with contentBase64")
    return files.Upload(input.file_name, input.content_type, decoded(ctx, text))


def decoded(ctx: Ctx, text: str) -> bytes:
    """The bytes of base64 text, refusing text too long to fit the limit before decoding."""
    longest = 4 * -(-ctx.max_upload_bytes // 3)
    if len(text) > longest:
        raise Invalid.field("file", f"is larger than the {ctx.max_upload_bytes} bytes allowed")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid.field("content_base64", "is not base64") from None


def _upload(ctx: Ctx, input: FileUploadInput) -> Awaitable[Row]:
    rel_type = input.rel_type.value
    upload = single(ctx, input)
    return files.attach_file(
        ctx, rel_type, decode_id(input.record_id, TYPE_NAMES[rel_type], "recordId"),
        upload.file_name, upload.content_type, upload.data,
        visible_to_customer=input.visible_to_customer,
    )  # fmt: skip


@strawberry.type
class FileMutation:
    upload_file = mutation(
        FileType, {"input": FileUploadInput}, _upload,
        "Attach a file to a record the caller may read.", {"rel_id": "record_id"},
    )  # fmt: skip

    @strawberry.mutation(
        description="Attach several files to a record the caller may read: all or none."
    )
    async def upload_files(self, info: Info, input: FilesUploadInput) -> FilesPayload:
        ctx = info.context.ctx

        async def write() -> Sequence[Row]:
            uploads = [part(f, "files") for f in input.files]
            rel_type = input.rel_type.value
            return await files.attach_files(
                ctx, rel_type,
                decode_id(input.record_id, TYPE_NAMES[rel_type], "recordId"), uploads,
                visible_to_customer=input.visible_to_customer,
            )  # fmt: skip

        got = await mutate(lambda: naming(write, {"rel_id": "record_id", "file": "files"}), list)
        rows = got.record or []
        return FilesPayload(
            records=[FileType.from_row(r) for r in rows], user_errors=got.user_errors
        )


FileWrites = mutations(
    files.FILES,
    FileType,
    descriptions={"delete": "The file is hidden; its bytes stay until purged."},
)
