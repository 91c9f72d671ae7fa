"""Writing estimates (the generated create, update, delete and restore), and their life
after: sent, accepted or declined, expired, converted."""

from __future__ import annotations

import datetime as dt

import strawberry

from resolvers import estimates
from schema.context import Info
from schema.estimates.inputs import REFS, ConvertEstimateInput, EstimateInput
from schema.estimates.types import EstimateType
from schema.invoices.actions import document_actions
from schema.invoices.documents import document_writes
from schema.invoices.refs import service_data
from schema.invoices.types import InvoiceType
from schema.node import encode_global_id
from schema.verbs import verb

Actions = document_actions(
    EstimateType,
    send=estimates.send_estimate,
    accept=estimates.accept_estimate,
    decline=estimates.decline_estimate,
    descriptions={
        "send": "Email it as a PDF (to whom and what it says: input), then mark it sent; a "
        "DRAFT becomes SENT.",
        "accept": "Accepted, with who accepted; not once it has expired.",
    },
)


EstimateWrites = document_writes(
    estimates.ESTIMATES,
    EstimateType,
    EstimateInput,
    REFS,
    {"create": "A new estimate, a DRAFT unless a status is given."},
)


@strawberry.type
class EstimateMutation(EstimateWrites, Actions):  # type: ignore[valid-type, misc]
    convert_estimate_to_invoice = verb(
        estimates.convert_estimate_to_invoice,
        EstimateType,
        returns=InvoiceType,
        input=ConvertEstimateInput,
        data=service_data,
        required=False,
        description="The invoice made from the estimate (once), with copies of its lines; "
        "the estimate is linked to it and ACCEPTED.",
    )

    @strawberry.mutation(
        description="Mark DRAFT and SENT estimates whose expiry date is before `on` (today "
        "by default) EXPIRED; the ids of those it expired."
    )
    async def expire_estimates(self, info: Info, on: dt.date | None = None) -> list[strawberry.ID]:
        # Later fields read the estimates as they are now: each expiry's event empties the
        # request's loaders (resolvers.core.events.record).
        expired = await estimates.expire_estimates(info.context.ctx, on=on)
        name = EstimateType.graphql_name()
        return [strawberry.ID(encode_global_id(name, pk)) for pk in expired]
