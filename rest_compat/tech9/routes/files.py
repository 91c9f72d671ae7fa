"""tech9's file uploads (multipart) and a project's files."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import Response

from resolvers import files, projects
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.numbers import whole_number
from resolvers.core.records import must_exist
from rest_compat.envelopes import reply
from rest_compat.readers import path_id
from rest_compat.reply_schemas import INTEGER, STRING, array, obj, replies, shape_schema
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.fields import work


def _record_id(value: Any, field: str) -> int:
    text = "" if value is None else str(value).strip()
    number = whole_number(text)
    if number is None:
        raise Invalid.field(field, "is required: a record's id" if not text else "must be an id")
    return number


async def upload(call: Call) -> Args:
    data = call.body
    sent = data.get("file")
    if not isinstance(sent, UploadFile):
        raise Invalid.field("file", "send the file as the multipart/form-data field `file`")
    rel_type = str(data.get("rel_type") or "").strip()
    if not rel_type:
        raise Invalid.field("rel_type", "is required: project, customer, ticket...")
    rel_id = _record_id(data.get("rel_id"), "rel_id")
    visible = work.VISIBLE(data.get("visible_to_customer", False))["visible_to_customer"]
    if not isinstance(visible, bool):
        raise Invalid.field("visible_to_customer", "must be true or false")
    args = (rel_type, rel_id, sent.filename or "file", sent.content_type, sent)
    return args, {"visible_to_customer": visible}


@replies(obj(id=INTEGER, name=STRING))
async def uploaded(call: Call, result: Row) -> Response:
    return reply({"id": result["id"], "name": result["file_name"]}, 201)


async def project_files(ctx: Ctx, project_id: int) -> list[Row]:
    must_exist(await projects.get_project(ctx, project_id), "Project", project_id)
    found: list[Row] = await ctx.loader(files.files_by_rel, "project").load(project_id)
    return found


@replies(array(shape_schema(work.file)))
async def file_list(call: Call, result: list[Row]) -> Response:
    return reply([work.file(row) for row in result])


ROUTES = [
    R("POST", "/api/files", files.attach_file, upload, uploaded, "Upload File",
      fields=work.FILE_IN, status=201),
    R("GET", "/api/projects/{id}/files", project_files, path_id(), file_list,
      "List Project Files", label="Project"),
]  # fmt: skip
