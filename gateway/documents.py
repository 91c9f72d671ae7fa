"""Documents over HTTP: the signed PDF links GraphQL's `pdfUrl` hands out, and what the
service layer's documents need from settings (the mailer, the seller)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.settings import Settings, grouped
from resolvers.core.context import Ctx
from resolvers.core.errors import NotFound
from resolvers.core.mail import Mailer, SmtpSettings
from resolvers.core.numbers import whole_number
from resolvers.documents import MEDIA_TYPE, Company, LinkRefused, PdfFile, linked_pdf


def mailer_from(settings: Settings) -> Mailer | None:
    """The SMTP mailer settings describe; None without CRM_SMTP_HOST (no email is sent)."""
    if not settings.smtp_host:
        return None
    return Mailer(grouped(settings, SmtpSettings, "smtp_", sender=settings.mail_from))


def company_from(settings: Settings) -> Company:
    return grouped(settings, Company, "company_")


def pdf_response(pdf: PdfFile, disposition: str = "inline") -> Response:
    return Response(
        pdf.content,
        media_type=MEDIA_TYPE,
        headers={
            "Content-Disposition": f'{disposition}; filename="{pdf.filename}"',
            # The link is a credential for a few minutes: no shared cache keeps the file.
            "Cache-Control": "private, no-store",
        },
    )


def document_routes(ctx: Ctx) -> list[Route]:
    async def signed_pdf(request: Request) -> Response:
        kind = request.path_params["kind"]
        raw_id = request.path_params["id"]
        query = request.query_params
        try:
            record_id = whole_number(raw_id)
            if record_id is None:
                raise LinkRefused()
            pdf = await linked_pdf(ctx.for_request(None), kind, record_id, query)
        except LinkRefused as exc:
            return JSONResponse({"error": "forbidden", "message": exc.message}, 403)
        except NotFound as exc:
            return JSONResponse({"error": "not_found", "message": exc.message}, 404)
        return pdf_response(pdf)

    return [Route("/documents/{kind}/{id}.pdf", signed_pdf, methods=["GET"])]
