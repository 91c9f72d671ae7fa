"""Uploading and deleting files. The content comes base64-encoded in the input for now
(the multipart request spec will carry it as a file part)."""

from __future__ import annotations

import base64
import binascii
from enum import Enum

import strawberry

from resolvers import files
from resolvers.context import Ctx, Row
from resolvers.errors import Invalid
from schema.context import Info
from schema.errors import Payload, mutate
from schema.files.types import FileType
from schema.lookups.references import naming
from schema.notes.records import record_pk


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
    file_name: str = strawberry.field(description="Directories and leading dots are dropped.")
    content_base64: str = strawberry.field(description="The file's bytes, base64-encoded.")
    content_type: str | None = strawberry.field(
        default=None, description="application/octet-stream when not given."
    )
    visible_to_customer: bool = False


def decoded(ctx: Ctx, text: str) -> bytes:
    """The bytes of base64 text, refusing text too long to fit the limit before decoding."""
    longest = 4 * -(-ctx.max_upload_bytes // 3)
    if len(text) > longest:
        raise Invalid.field("file", f"is larger than the {ctx.max_upload_bytes} bytes allowed")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid.field("content_base64", "is not base64") from None


@strawberry.type
class FileMutation:
    @strawberry.mutation(description="Attach a file to a record the caller may read.")
    async def upload_file(self, info: Info, input: FileUploadInput) -> Payload[FileType]:
        ctx = info.context.ctx

        async def write() -> Row:
            rel_type = input.rel_type.value
            return await files.attach_file(
                ctx, rel_type, record_pk(rel_type, input.record_id), input.file_name,
                input.content_type, decoded(ctx, input.content_base64),
                visible_to_customer=input.visible_to_customer,
            )  # fmt: skip

        return await mutate(lambda: naming(write, {"rel_id": "record_id"}), FileType.from_row)

    @strawberry.mutation(description="The file is hidden; its bytes stay until purged.")
    async def delete_file(self, info: Info, id: strawberry.ID) -> Payload[FileType]:
        ctx = info.context.ctx
        return await mutate(lambda: files.delete_file(ctx, FileType.pk_from(id)), FileType.from_row)

    @strawberry.mutation
    async def restore_file(self, info: Info, id: strawberry.ID) -> Payload[FileType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: files.restore_file(ctx, FileType.pk_from(id)), FileType.from_row
        )
