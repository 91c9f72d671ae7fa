"""Documents as customers receive them: PDFs of invoices, estimates, proposals, credit
notes and contracts, short-lived signed links to them, and emailing them."""

from resolvers.documents.company import Company
from resolvers.documents.links import (
    LinkRefused,
    linked_pdf,
    pdf_link,
)
from resolvers.documents.pdfs import (
    MEDIA_TYPE,
    PdfFile,
    contract_pdf,
    credit_note_pdf,
    document_pdf,
    estimate_pdf,
    invoice_pdf,
    proposal_pdf,
)
from resolvers.documents.sending import SendFields, email_document

__all__ = [
    "MEDIA_TYPE",
    "Company",
    "LinkRefused",
    "PdfFile",
    "SendFields",
    "contract_pdf",
    "credit_note_pdf",
    "document_pdf",
    "email_document",
    "estimate_pdf",
    "invoice_pdf",
    "linked_pdf",
    "pdf_link",
    "proposal_pdf",
]
