"""Renewing a contract (with a record of what it was) and signing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import EmailStr, Field

from resolvers.contracts.resource import RESOURCE, contracts
from resolvers.core import events
from resolvers.core.children import declare
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict
from resolvers.core.permissions import require
from resolvers.core.records import changes, insert_row, must_fetch, update_row
from resolvers.core.resources import Relation, Resource, relate
from resolvers.core.validation import Fields, parse
from resolvers.line_items.documents import customer_parent
from resolvers.models import Contract, ContractRenewal
from resolvers.models.types import utcnow
from resolvers.projects.common import Amount, check_order

UNDER = declare(
    Resource("contract_renewals", ContractRenewal, "Contract renewal", permission=RESOURCE),
    (RESOURCE, Contract, "Contract"), "contract_id", "renewals", "contract_renewal",
)  # fmt: skip
RENEWALS = UNDER.resource
relate(RENEWALS.name, "renewed_by", Relation("staff", "one", "renewed_by_id"))
renewals = RENEWALS.table

_SIGNATURE = (
    "signed",
    "marked_as_signed",
    "signed_at",
    "acceptance_firstname",
    "acceptance_lastname",
    "acceptance_email",
    "acceptance_ip",
    "accepted_at",
    "signature",
)
_UNSIGNED = {
    name: (False if name in ("signed", "marked_as_signed") else None) for name in _SIGNATURE
}


class RenewInput(Fields):
    end_date: dt.date
    # Unchanged when left out.
    start_date: dt.date | None = None
    contract_value: Amount | None = None
    # A renewed contract is signed again unless told to keep its signature (Perfex).
    keep_signature: bool = False


class SignInput(Fields):
    acceptance_firstname: str | None = Field(default=None, max_length=100)
    acceptance_lastname: str | None = Field(default=None, max_length=100)
    acceptance_email: EmailStr | None = None
    acceptance_ip: str | None = Field(default=None, max_length=45)
    # The drawn signature (an image as a data URL) or a typed name.
    signature: str | None = Field(default=None, max_length=1_000_000)


async def renew_contract(ctx: Ctx, contract_id: int, data: Mapping[str, Any]) -> Row:
    """Move the contract's term (and value); the renewal row and the contract change together."""
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(RenewInput, data)
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, contracts, contract_id, "Contract")
        start = fields.start_date or before["start_date"]
        check_order(
            start, fields.end_date, "end_date", "start_date", stored=fields.start_date is None
        )
        value = fields.contract_value
        if "contract_value" not in fields.model_fields_set:
            value = before["contract_value"]
        values: dict[str, Any] = {
            "start_date": start,
            "end_date": fields.end_date,
            "contract_value": value,
            "is_expiry_notified": False,
        }
        if not fields.keep_signature:
            values.update(_UNSIGNED)
        row = await update_row(conn, contracts, contract_id, values)
        renewal = await insert_row(
            conn,
            renewals,
            {
                "contract_id": contract_id,
                "renewed_by_id": principal.staff_id,
                "old_start_date": before["start_date"],
                "new_start_date": start,
                "old_end_date": before["end_date"],
                "new_end_date": fields.end_date,
                "old_value": before["contract_value"],
                "new_value": value,
            },
        )
        await events.record(
            conn,
            ctx,
            "contract.renewed",
            contract_id,
            {"renewal_id": renewal["id"], **changes(before, values)},
            parent=customer_parent(row),
        )
    return row


async def sign_contract(ctx: Ctx, contract_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Record the signature; without one the contract is marked as signed by staff."""
    require(ctx.principal, RESOURCE, "update")
    fields = parse(SignInput, data or {})
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, contracts, contract_id, "Contract")
        if before["signed"] or before["marked_as_signed"]:
            raise Conflict("This contract is already signed", field="signed")
        now = utcnow()
        acceptance = fields.model_dump(exclude_none=True)
        if acceptance.get("acceptance_email"):
            acceptance["acceptance_email"] = acceptance["acceptance_email"].lower()
        values: dict[str, Any] = {
            "signed": True,
            "signed_at": now,
            "marked_as_signed": fields.signature is None,
            **acceptance,
        }
        if acceptance:
            values["accepted_at"] = now
        row = await update_row(conn, contracts, contract_id, values)
        await events.record(
            conn,
            ctx,
            "contract.signed",
            contract_id,
            {k: v for k, v in values.items() if k != "signature"},
            parent=customer_parent(row),
        )
    return row


async def send_contract(ctx: Ctx, contract_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Email the contract as a PDF to the customer's primary contact (options:
    resolvers.documents.SendFields), then mark it sent. When the email fails nothing is."""
    # Imported here: the documents package reads contracts through this package.
    from resolvers.documents import email_document

    require(ctx.principal, RESOURCE, "update")
    # Mailed before the write, so no transaction is held open while the server answers.
    emailed = await email_document(ctx, RESOURCE, contract_id, data)
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, contracts, contract_id, "Contract")
        values: dict[str, Any] = {"sent": True, "sent_at": utcnow()}
        row = await update_row(conn, contracts, contract_id, values)
        await events.record(
            conn,
            ctx,
            "contract.sent",
            contract_id,
            {**changes(before, values), **emailed},
            parent=customer_parent(row),
        )
    return row


async def list_contract_renewals(ctx: Ctx, contract_id: int) -> list[Row]:
    """The contract's renewals, oldest first."""
    return await UNDER.all(ctx, contract_id, renewals.c.id)
