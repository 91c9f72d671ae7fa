"""The `pdfUrl` field the printable documents share (invoices, estimates, proposals,
credit notes): a short-lived signed link made by resolvers.documents."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers import documents
from schema.context import Info
from schema.node import RowType


def pdf_url_field(resource: str, label: str) -> Any:
    def resolve(root: RowType, info: Info) -> str | None:
        return documents.pdf_link(info.context.ctx, resource, int(root._row["id"]))

    return strawberry.field(
        resolver=resolve,
        description=f"A link to this {label} as a PDF (relative to the API's origin), valid "
        "for 15 minutes to whoever holds it.",
    )
