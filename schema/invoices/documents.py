"""The input fields invoices, estimates and credit notes share: a customer, a number,
dates, notes, a currency, a discount, addresses and lines. Subtotal, taxes and total are
not among them: the service layer computes them from the lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from typing import Any

import strawberry

from resolvers.core.resources import Resource
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.invoices.lines import LineItemInput, lines_data
from schema.invoices.refs import TAX_NAMES, Ref, names_of, service_data
from schema.node import RowType
from schema.optional import optional
from schema.priced import ADDRESS_PARTS
from schema.splice import Splice, spliced, unset
from schema.writes import mutations

# The price of a document: its currency and what changes its lines' sum.
PRICING = Splice(
    currency_id=unset(strawberry.ID | None, "A Currency; the customer's default when left out."),
    discount_type=unset(str | None, "before_tax, after_tax, or empty for none."),
    discount_percent=unset(Decimal | None),
    discount_total=unset(Decimal | None, "A fixed discount, used when the percent is 0."),
    adjustment=unset(Decimal | None),
)
COUNTRY = "ISO 3166 code, e.g. AE."
ADDRESSES = Splice(
    **{
        f"{side}_{part}": unset(str | None, COUNTRY if part == "country" else None)
        for side in ("billing", "shipping")
        for part in (*ADDRESS_PARTS, "country")
    },
    include_shipping=unset(bool | None),
    show_shipping=unset(bool | None),
)


@strawberry.input(name="NumberedDocumentInput")
@spliced
class DocumentInput:
    customer_id: strawberry.ID | None = optional("A Customer; required on create.")
    project_id: strawberry.ID | None = optional("A Project of the same customer.")
    number: str | None = optional('42, "42" or "INV-000042"; the next free number when left out.')
    prefix: str | None = strawberry.UNSET
    date: dt.date | None = optional("Today when left out.")
    client_note: str | None = strawberry.UNSET
    admin_note: str | None = strawberry.UNSET
    terms: str | None = strawberry.UNSET
    _pricing: Splice = PRICING
    _addresses: Splice = ADDRESSES
    items: list[LineItemInput] | None = optional(
        "The whole list of lines: stored lines left out are removed."
    )
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of this kind of record's custom fields."
    )


DOCUMENT_REFS = {
    "customer_id": Ref("Customer"),
    "project_id": Ref("Project"),
    "currency_id": Ref("Currency", key="currency"),
}


def document_data(input: object, refs: dict[str, Ref], line_type: str) -> dict[str, Any]:
    """The input as the service layer reads it; `line_type` names the stored lines' type."""
    data = service_data(input, refs)
    if data.get("items") is not None:
        data["items"] = lines_data(data["items"], line_type)
    return data


def document_writes(
    resource: Resource,
    node: type[RowType],
    input: type,
    refs: dict[str, Ref],
    descriptions: Mapping[str, str],
) -> type:
    """The generated create, update, delete and restore of a priced document, which takes
    one input for create and update; errors name the input's fields (a tax id: taxes)."""
    line_type = node.graphql_name() + "Item"
    return mutations(
        resource,
        node,
        input=input,
        data=partial(document_data, refs=refs, line_type=line_type),
        names=names_of(refs, TAX_NAMES),
        descriptions=descriptions,
    )
