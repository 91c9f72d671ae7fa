"""What a client writes on a catalogue item."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from schema.invoices.refs import TAX_NAMES, Ref, names_of, service_data, with_taxes
from schema.optional import optional


@strawberry.input
class ItemInput:
    description: str | None = optional("Required on create.")
    long_description: str | None = strawberry.UNSET
    rate: Decimal | None = optional("Required on create.")
    taxes: list[strawberry.ID] | None = optional("At most two Tax ids; [] clears them.")
    unit: str | None = strawberry.UNSET
    group_id: strawberry.ID | None = optional("An ItemGroup.")
    type: str | None = optional("product or service (the default).")


REFS = {"group_id": Ref("ItemGroup")}
NAMES = names_of(REFS, TAX_NAMES)


def item_data(input: ItemInput) -> dict[str, Any]:
    return with_taxes(service_data(input, REFS))
