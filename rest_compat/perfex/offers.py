"""Proposals and contracts as Perfex reads them (their forms: `sales_forms`)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from resolvers import proposals
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import neighbours
from rest_compat.perfex.documents import ACCEPTED, CURRENCY, CUSTOMER_JOINED, FIGURES, LINE
from rest_compat.perfex.formats import PERFEX, ref
from rest_compat.perfex.neighbours import ATTACHMENT, CustomValue
from rest_compat.records import Field, batch_of, const, given, list_of


def _rel_id(row: Row) -> str:
    return ref(row["customer_id"] if row["rel_type"] == "customer" else row["lead_id"])


PROPOSAL = PERFEX.record(
    "Proposal",
    "id:str subject content addedfrom=added_by_id:ref datecreated=created_at:stamp", FIGURES,
    const("show_quantity_as", "1"), "open_till:day date:day", Field("rel_id", str, _rel_id),
    "rel_type assigned=assigned_id:ref hash proposal_to country=country_id:ref zip state city"
    " address email phone allow_comments:yes status:str estimate_id:text invoice_id:text"
    " date_converted:null", const("pipeline_order", "0"), const("is_expiry_notified", "0"),
    ACCEPTED, "signature? short_link:null tags",
)  # fmt: skip
# A proposal read or found: its currency, lines, files (for one) and custom fields.
PROPOSAL_SHOWN = PERFEX.record(
    "ProposalShown", PROPOSAL, CURRENCY, given("attachments", list_of(ATTACHMENT)),
    given("items", list_of(LINE)), given("visible_attachments_to_customer_found", bool),
    given("customfields", list[CustomValue]),
)  # fmt: skip


async def _proposals_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Proposal reads and searches: currency, lines, custom fields; files for one."""
    ids = [r["id"] for r in rows]
    currencies, items, custom = await asyncio.gather(
        neighbours.lookups_by_id(ctx, "currencies", [r["currency_id"] for r in rows]),
        neighbours.children(ctx, proposals.items_by_proposal_id, ids),
        neighbours.custom_values(ctx, "proposals", ids),
    )
    files = await neighbours.attachments(ctx, "proposal", ids[0]) if len(ids) == 1 else []
    return [
        {**PROPOSAL(r), **CURRENCY(currencies.get(r["currency_id"])), "attachments": files,
         "items": [LINE(i, rel_id=str(i["proposal_id"]), rel_type="proposal")
                   for i in items.get(r["id"], [])],
         "visible_attachments_to_customer_found": any(f["visible_to_customer"] == "1"
                                                      for f in files),
         "customfields": custom.get(r["id"], [])}
        for r in rows
    ]  # fmt: skip


proposals_shown = batch_of(PROPOSAL_SHOWN, _proposals_shown)

# A contract as Perfex reads it, with its type's name.
CONTRACT = PERFEX.record(
    "Contract",
    "id:str content description subject client=customer_id:str datestart=start_date:day"
    " dateend=end_date:day contract_type=contract_type_id:ref project_id:ref"
    " addedfrom=added_by_id:ref dateadded=created_at:stamp isexpirynotified=is_expiry_notified:yes"
    " contract_value:amount currency=currency_id:ref", const("trash", "0"),
    "not_visible_to_client:yes hash signed:yes signature? marked_as_signed:yes", ACCEPTED,
    "short_link:null", given("name", str | None),
)  # fmt: skip
# A contract with its customer's fields beside it, its type, files, custom fields.
CONTRACT_SHOWN = PERFEX.record(
    "ContractShown", CONTRACT, CUSTOMER_JOINED, given("type_name", str | None),
    given("attachments", list_of(ATTACHMENT)), given("customfields", list[CustomValue]),
)  # fmt: skip


async def _contracts_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """A contract with its customer's fields beside it, its type, files, custom fields."""
    ids = [r["id"] for r in rows]
    clients, kinds, custom = await asyncio.gather(
        neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
        neighbours.lookups_by_id(ctx, "contract_types", [r["contract_type_id"] for r in rows]),
        neighbours.custom_values(ctx, "contracts", ids),
    )
    files = await neighbours.attachments(ctx, "contract", ids[0]) if len(ids) == 1 else []
    shaped: list[dict[str, Any]] = []
    for r in rows:
        kind = kinds.get(r["contract_type_id"])
        type_name = None if kind is None else kind["name"]
        shaped.append({
            **CUSTOMER_JOINED(clients.get(r["customer_id"])), **CONTRACT(r, name=type_name),
            "type_name": type_name, "attachments": files, "customfields": custom.get(r["id"], []),
        })  # fmt: skip
    return shaped


contracts_shown = batch_of(CONTRACT_SHOWN, _contracts_shown)
