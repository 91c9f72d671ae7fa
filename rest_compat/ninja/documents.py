"""Documents on a ninja client: uploading them (`documents[]`, multipart) and
downloading one (`url` in a document points here)."""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.responses import FileResponse, Response

from resolvers import customers, files
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.records import must_exist
from rest_compat.envelopes import reply
from rest_compat.ninja import fields
from rest_compat.readers import path_id
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import obj, replies, shape_schema
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R

FILE = {"type": "string", "format": "binary"}
# Files as multipart parts named `documents` (an array's parts, as OpenAPI sends one) or
# `documents[]` (as ninja's clients do): each part a file, as many as one write stores.
UPLOAD_IN = FieldMap(
    fields={},
    required=("documents",),
    schema={"documents": {"type": "array", "items": FILE, "minItems": 1,
                          "maxItems": files.MAX_FILES,
                          "description": "Files: multipart/form-data parts named `documents` "
                                         "or `documents[]`"},
            # Any text (a form's field is text whatever a schema says of it): ignored.
            "_method": {"description": "PUT (Laravel's method field): ignored"}},
    whole=True,
    media=("multipart/form-data",),
)  # fmt: skip


async def upload_args(call: Call) -> Args:
    for name in call.body:
        if name not in ("documents", "_method"):
            raise Invalid.field(name, "Unknown field")
    sent = call.body.get("documents")
    # `documents[]` parts arrive as a list; repeated `documents` parts, which the body keeps
    # the last of, are read from the form itself (Starlette keeps the parsed form).
    uploads = sent if isinstance(sent, list) else (await call.request.form()).getlist("documents")
    if not uploads or not all(isinstance(u, UploadFile) for u in uploads):
        raise Invalid.field("documents", "send one or more files, each a part with a filename")
    return (call.id(), uploads), {}


async def upload_documents(ctx: Ctx, client_id: int, uploads: list[UploadFile]) -> Row:
    must_exist(await customers.get_customer(ctx, client_id), "Client", client_id)
    sent = [files.Upload(u.filename or "document", u.content_type, u) for u in uploads]
    try:
        await files.attach_files(ctx, "customer", client_id, sent)
    except Invalid as exc:
        # The service's "files" are this document's `documents`.
        if "files" not in exc.errors:
            raise
        errors = {("documents" if k == "files" else k): v for k, v in exc.errors.items()}
        raise Invalid(errors, exc.message) from None
    client = await customers.get_customer(ctx, client_id)
    return must_exist(client, "Client", client_id)


@replies(obj(data=shape_schema(fields.client)))
async def uploaded(call: Call, result: Row) -> Response:
    return reply({"data": await fields.client(call, result, with_documents=True)})


# The file's own media type: any bytes.
@replies({"type": "string", "format": "binary"}, media="application/octet-stream")
async def download(call: Call, result: tuple[Row, Path]) -> Response:
    row, path = result
    return FileResponse(path, media_type=row["content_type"], filename=row["file_name"])


ROUTES = [
    R("PUT", "/api/v1/clients/{id}/upload", upload_documents, upload_args, uploaded, "clients",
      fields=UPLOAD_IN, label="Client"),
    R("GET", "/api/v1/documents/{id}/download", files.open_file, path_id(), download,
      "Download a client's document (the `url` of a document)", label="Document"),
]  # fmt: skip
