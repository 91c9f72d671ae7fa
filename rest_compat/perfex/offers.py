"""Proposals and contracts as Perfex reads them (their forms: `sales_forms`)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TypedDict

from resolvers import proposals
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import neighbours
from rest_compat.perfex.documents import (
    Acceptance,
    Currency,
    CustomerJoined,
    Figures,
    Line,
    acceptance,
    currency,
    customer_joined,
    figures,
    line,
)
from rest_compat.perfex.formats import amount, day, ref, stamp, text, yes
from rest_compat.perfex.neighbours import Attachment, CustomValue


class Proposal(Figures, Acceptance):
    """A proposal as Perfex reads it."""

    id: str
    subject: str
    content: str
    addedfrom: str
    datecreated: str
    show_quantity_as: str
    open_till: str | None
    date: str | None
    rel_id: str
    rel_type: str
    assigned: str
    hash: str
    proposal_to: str
    country: str
    zip: str
    state: str
    city: str
    address: str
    email: str
    phone: str
    allow_comments: str
    status: str
    estimate_id: str | None
    invoice_id: str | None
    date_converted: None
    pipeline_order: str
    is_expiry_notified: str
    short_link: None
    tags: str


class ProposalShown(Proposal, Currency):
    """A proposal read or found: its currency, lines, files (for one) and custom fields."""

    attachments: list[Attachment]
    items: list[Line]
    visible_attachments_to_customer_found: bool
    customfields: list[CustomValue]


def proposal(row: Row) -> Proposal:
    rel_id = row["customer_id"] if row["rel_type"] == "customer" else row["lead_id"]
    return {
        "id": str(row["id"]),
        "subject": row["subject"],
        "content": row["content"],
        "addedfrom": ref(row["added_by_id"]),
        "datecreated": stamp(row["created_at"]),
        **figures(row),
        "show_quantity_as": "1",
        "open_till": day(row["open_till"]),
        "date": day(row["date"]),
        "rel_id": ref(rel_id),
        "rel_type": row["rel_type"],
        "assigned": ref(row["assigned_id"]),
        "hash": row["hash"],
        "proposal_to": row["proposal_to"],
        "country": ref(row["country_id"]),
        "zip": row["zip"],
        "state": row["state"],
        "city": row["city"],
        "address": row["address"],
        "email": row["email"],
        "phone": row["phone"],
        "allow_comments": yes(row["allow_comments"]),
        "status": str(row["status"]),
        "estimate_id": text(row["estimate_id"]),
        "invoice_id": text(row["invoice_id"]),
        "date_converted": None,
        "pipeline_order": "0",
        "is_expiry_notified": "0",
        **acceptance(row),
        "short_link": None,
        "tags": row["tags"],
    }


async def proposals_shown(ctx: Ctx, rows: Sequence[Row]) -> list[ProposalShown]:
    """Proposal reads and searches: currency, lines, custom fields; files for one."""
    ids = [r["id"] for r in rows]
    currencies, items, custom = await asyncio.gather(
        neighbours.lookups_by_id(ctx, "currencies", [r["currency_id"] for r in rows]),
        neighbours.children(ctx, proposals.items_by_proposal_id, ids),
        neighbours.custom_values(ctx, "proposals", ids),
    )
    files = await neighbours.attachments(ctx, "proposal", ids[0]) if len(ids) == 1 else []
    return [
        {**proposal(r), **currency(currencies.get(r["currency_id"])), "attachments": files,
         "items": [line(i, "proposal", "proposal_id") for i in items.get(r["id"], [])],
         "visible_attachments_to_customer_found": any(f["visible_to_customer"] == "1"
                                                      for f in files),
         "customfields": custom.get(r["id"], [])}
        for r in rows
    ]  # fmt: skip


class Contract(TypedDict):
    """A contract as Perfex reads it, with its type's name."""

    id: str
    content: str
    description: str
    subject: str
    client: str
    datestart: str | None
    dateend: str | None
    contract_type: str
    project_id: str
    addedfrom: str
    dateadded: str
    isexpirynotified: str
    contract_value: str | None
    currency: str
    trash: str
    not_visible_to_client: str
    hash: str
    signed: str
    signature: str | None
    marked_as_signed: str
    acceptance_firstname: str | None
    acceptance_lastname: str | None
    acceptance_email: str | None
    acceptance_date: str | None
    acceptance_ip: str | None
    short_link: None
    name: str | None


class ContractShown(Contract, CustomerJoined):
    """A contract with its customer's fields beside it, its type, files, custom fields."""

    type_name: str | None
    attachments: list[Attachment]
    customfields: list[CustomValue]


def contract(row: Row, kind: Row | None) -> Contract:
    type_name = None if kind is None else kind["name"]
    return {
        "id": str(row["id"]),
        "content": row["content"],
        "description": row["description"],
        "subject": row["subject"],
        "client": str(row["customer_id"]),
        "datestart": day(row["start_date"]),
        "dateend": day(row["end_date"]),
        "contract_type": ref(row["contract_type_id"]),
        "project_id": ref(row["project_id"]),
        "addedfrom": ref(row["added_by_id"]),
        "dateadded": stamp(row["created_at"]),
        "isexpirynotified": yes(row["is_expiry_notified"]),
        "contract_value": amount(row["contract_value"]),
        "currency": ref(row["currency_id"]),
        "trash": "0",
        "not_visible_to_client": yes(row["not_visible_to_client"]),
        "hash": row["hash"],
        "signed": yes(row["signed"]),
        "signature": row["signature"],
        "marked_as_signed": yes(row["marked_as_signed"]),
        # The acceptance fields; its signature is the one above.
        "acceptance_firstname": row["acceptance_firstname"],
        "acceptance_lastname": row["acceptance_lastname"],
        "acceptance_email": row["acceptance_email"],
        "acceptance_date": stamp(row["accepted_at"]),
        "acceptance_ip": row["acceptance_ip"],
        "short_link": None,
        "name": type_name,
    }


async def contracts_shown(ctx: Ctx, rows: Sequence[Row]) -> list[ContractShown]:
    """A contract with its customer's fields beside it, its type, files, custom fields."""
    ids = [r["id"] for r in rows]
    clients, kinds, custom = await asyncio.gather(
        neighbours.customers_by_id(ctx, [r["customer_id"] for r in rows]),
        neighbours.lookups_by_id(ctx, "contract_types", [r["contract_type_id"] for r in rows]),
        neighbours.custom_values(ctx, "contracts", ids),
    )
    files = await neighbours.attachments(ctx, "contract", ids[0]) if len(ids) == 1 else []
    shaped: list[ContractShown] = []
    for r in rows:
        kind = kinds.get(r["contract_type_id"])
        shaped.append(
            {
                **customer_joined(clients.get(r["customer_id"])),
                **contract(r, kind),
                "type_name": None if kind is None else kind["name"],
                "attachments": files,
                "customfields": custom.get(r["id"], []),
            }
        )
    return shaped
