"""What a client writes on an estimate, on accepting one, and on converting one."""

from __future__ import annotations

import datetime as dt

import strawberry

from schema.estimates.types import EstimateStatus
from schema.invoices.documents import DOCUMENT_REFS, DocumentInput
from schema.invoices.refs import Ref
from schema.invoices.types import InvoiceStatus
from schema.optional import optional
from schema.priced import ACCEPTED_BY
from schema.splice import Splice, spliced, unset


@strawberry.input
class EstimateInput(DocumentInput):
    expiry_date: dt.date | None = strawberry.UNSET
    status: EstimateStatus | None = optional("DRAFT when left out on create.")
    reference_no: str | None = strawberry.UNSET
    sale_agent_id: strawberry.ID | None = optional("A Staff member.")
    tags: list[str] | None = strawberry.UNSET


@strawberry.input(description="Who accepted, as the customer area records it; all optional.")
@spliced
class AcceptanceInput:
    _who: Splice = Splice(**{name: unset(str | None) for name in (*ACCEPTED_BY, "signature")})


@strawberry.input(description="The invoice an estimate becomes.")
class ConvertEstimateInput:
    date: dt.date | None = optional("Today when left out.")
    due_date: dt.date | None = strawberry.UNSET
    number: str | None = optional("The next free invoice number when left out.")
    status: InvoiceStatus | None = optional("UNPAID (the default) or DRAFT.")


REFS = {**DOCUMENT_REFS, "sale_agent_id": Ref("Staff")}
