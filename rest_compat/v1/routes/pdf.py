"""The documented `GET /api/v1/<documents>/{id}/pdf` downloads: the service renders the
PDF, the reply carries its bytes with a file name (`curl -o invoice.pdf` in the document)."""

from __future__ import annotations

from starlette.responses import Response

from resolvers.documents import MEDIA_TYPE, PdfFile
from rest_compat.reply_schemas import replies
from rest_compat.routing import Call


@replies({"type": "string", "format": "binary"}, media=MEDIA_TYPE)
async def pdf_file(call: Call, pdf: PdfFile) -> Response:
    return Response(
        pdf.content,
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{pdf.filename}"'},
    )
