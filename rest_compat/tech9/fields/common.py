"""What tech9's field maps and shapes share: reference names, error names, lines."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from resolvers import reference
from resolvers.core.context import Ctx, Row
from resolvers.leads import split_name
from resolvers.line_items.inputs import LineItemInput
from rest_compat.records import JSON_TYPES, Dialect, Field, Format
from rest_compat.renames import FieldMap


@dataclass(frozen=True)
class AliasedMap(FieldMap):
    """A field map that also names service fields the client never sends under their
    own name: a lead's required `name` is the client's `first_name`."""

    error_names: Mapping[str, str] = field(default_factory=dict)

    def client_name(self, service_name: str, sent: Collection[str] = ()) -> str:
        head, sep, rest = service_name.partition(".")
        # A field sent under its own name is named so (a proposal's customer_id beside
        # its rel_id).
        if head in self.error_names and head not in sent:
            return self.error_names[head] + sep + rest
        return super().client_name(service_name, sent)


# A document's `items` beside the nested map that reads each line (its schema is the
# line's): at least one, as a document keeps one (line_items.store.apply_items).
LINES_SCHEMA: dict[str, dict[str, Any]] = {"items": {"type": "array", "minItems": 1}}


def slug(name: str | None) -> str | None:
    """A reference row's name as tech9 writes it: "Proposal Sent" -> "proposal_sent"."""
    return None if name is None else "_".join(name.strip().lower().split())


async def lookup_name(ctx: Ctx, list_name: str, row_id: int | None) -> str | None:
    """The name of a reference row (a lead status, a ticket priority...), batched."""
    if row_id is None or not reference.may_read_list(ctx.principal, list_name):
        # A name the caller may not read (a role without staff:get) is left out.
        return None
    found: Row | None = await ctx.loader(reference.lookups_by_id, list_name).load(row_id)
    return None if found is None else str(found["name"])


def _as_is(name: str | None) -> str | None:
    return name


def names_of(*lists: str, shown: Callable[[str | None], str | None] = _as_is) -> dict[str, Format]:
    """Formats that show a reference id as its row's name (`shown` so), one per list."""

    def format_of(list_name: str) -> Format:
        async def load(ctx: Ctx, row_id: int | None) -> str | None:
            return shown(await lookup_name(ctx, list_name, row_id))

        return Format(str, str | None, load=load)

    return {name: format_of(name) for name in lists}


def _split(part: int) -> Field:
    return Field(("first_name", "last_name")[part], str, lambda row: split_name(row["name"])[part])


# A lead's one `name` as two (resolvers.leads.split_name).
NAME_PARTS = (_split(0), _split(1))

# tech9's declared records (rest_compat.records): JSON types, references by slug.
TECH9 = Dialect(
    "rest_compat.tech9",
    {**JSON_TYPES, **names_of("lead_statuses", "lead_sources", "ticket_statuses",
                              "ticket_priorities", shown=slug)},
)  # fmt: skip

# A line as tech9 writes it: `unit_price` is the rate.
ITEM_IN = FieldMap(fields={"unit_price": "rate"}, model=LineItemInput)
