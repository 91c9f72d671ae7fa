"""The fields the priced documents (invoices, estimates, credit notes, proposals) and
their lines show alike, as splices (schema/splice.py): each document's type declares
only its own fields and names these runs where they stand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import IntEnum
from functools import partial
from typing import Any

import strawberry

from resolvers import numbering
from resolvers.core.reading import Order
from resolvers.core.resources import Resource
from schema.documents import pdf_url_field
from schema.fields import ListFn, connection_field, graph_node, record_field, relation_field
from schema.invoices.lines import LineItem
from schema.node import RowType
from schema.projects.refs import fetch_of
from schema.splice import Column, Made, Splice, spliced


def edge(name: str, description: str | None = None, order: tuple[Order, ...] = ()) -> Made:
    """A relation field, made for each type that splices it."""
    return Made(partial(relation_field, name, description=description, order=order))


NUMBERED = Splice(number=int, prefix=str, date=dt.date)
TOTALS = Splice(
    subtotal=Decimal,
    discount_type=Column(str, "before_tax, after_tax or empty."),
    discount_percent=Decimal,
    discount_total=Decimal,
    total_tax=Decimal,
    adjustment=Decimal,
    total=Decimal,
)
ADDRESS_PARTS = ("street", "city", "state", "zip")
NOTES = Splice(client_note=str, admin_note=str, terms=str)
ADDRESSES = Splice(
    **{f"{side}_{part}": str for side in ("billing", "shipping") for part in ADDRESS_PARTS},
    include_shipping=bool,
    show_shipping=bool,
)
TAGS = Splice(tags=Column(str, "Comma-separated."))
SENDING = Splice(sent=bool, sent_at=dt.datetime | None)
STAMPS = Splice(created_at=dt.datetime, updated_at=dt.datetime)
# Who accepted, as the customer area records it.
ACCEPTED_BY = ("acceptance_firstname", "acceptance_lastname", "acceptance_email", "acceptance_ip")
ACCEPTANCE = Splice(
    **dict.fromkeys(ACCEPTED_BY, str | None), accepted_at=dt.datetime | None, signature=str | None
)
PARTIES = Splice(
    customer=edge("customer"),
    project=edge("project"),
    currency=edge("currency"),
    billing_country=edge("billing_country"),
    shipping_country=edge("shipping_country"),
)
LINES = Splice(items=edge("items", order=(Order("item_order"),)))
ATTACHED = Splice(notes=edge("notes", order=(Order("created_at"),)), files=edge("files"))
# A line's catalogue item and taxes, after the edge to its document.
LINE_REFS = Splice(
    item=edge("item", "The catalogue item it was picked from."),
    tax=edge("tax"),
    tax2=edge("tax2"),
)


def status_enum(name: str, whose: str, notes: Mapping[int, str] | None = None) -> Any:
    """Declares an IntEnum of a document's status codes to GraphQL as `name`, described
    from its members (`notes` add to a code: "CLOSED (2: nothing remains)")."""

    def declare(cls: type[IntEnum]) -> Any:
        codes = ", ".join(
            f"{m.name} ({m.value}{': ' + notes[m.value] if notes and m.value in notes else ''})"
            for m in cls
        )
        description = (
            f"{whose} status. Filters and groupBy take it by name; orderBy sorts by its "
            f"code, in brackets: {codes}."
        )
        return strawberry.enum(cls, name=name, description=description)

    return declare


def printable(resource: str, example: str, label: str) -> Splice:
    """`formattedNumber` and `pdfUrl`; `example` shows the number as the description does."""

    def formatted(description: str) -> Any:
        def formatted_number(self: RowType) -> str:
            return numbering.formatted_number(resource, self._row)

        return strawberry.field(resolver=formatted_number, description=description)

    return Splice(
        formatted_number=Made(partial(formatted, example)),
        pdf_url=Made(partial(pdf_url_field, resource, label)),
    )


def line_type(lines: Resource, name: str, owner: str) -> type[RowType]:
    """The node of a document's line (`name`, e.g. InvoiceItem): the line's fields, the
    edge to its document (`owner`), its catalogue item and taxes."""
    body = {"__module__": __name__, owner: relation_field(owner), "_refs": LINE_REFS}
    node = spliced(type(f"{name}Type", (RowType, LineItem), body))
    return graph_node(lines, fetch_of(lines))(strawberry.type(name=name)(node))


def document_query(document: Resource, pages: ListFn, lines: Resource, **more: Any) -> type:
    """The query roots of a priced document (invoice, invoices, invoiceItem,
    invoiceItems: the lines in their order), then `more` (its other records')."""
    singular = lines.name.removesuffix("_items")
    body = {
        "__module__": __name__,
        singular: record_field(document),
        document.name: connection_field(document, pages),
        f"{singular}_item": record_field(lines),
        f"{singular}_items": connection_field(lines, order=[Order("item_order")]),
        **more,
    }
    name = "".join(part.title() for part in singular.split("_"))
    return strawberry.type(type(f"{name}Query", (), body))
