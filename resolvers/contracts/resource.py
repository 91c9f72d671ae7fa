"""Contracts with a customer: their term, value and type, and which are running out."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Invalid, partly_stored
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by, customer_parent
from resolvers.models import Contract, ContractType, Customer, table_of
from resolvers.projects.common import (
    Amount,
    check_order,
    check_references,
    lister,
    settle,
    today,
)

RESOURCE = "contracts"
belongs_to(RESOURCE, "customers", "customer_id")
belongs_to(RESOURCE, "projects", "project_id")
belongs_to(RESOURCE, "contract_types", "contract_type_id", one="type")
relate(RESOURCE, "currency", Relation("currencies", "one", "currency_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(
    RESOURCE, "attachments", Relation("files", "many", "rel_id", match=(("rel_type", "contract"),))
)

contracts = table_of(Contract)
EXPIRING_DAYS = 30
# A window past a century says nothing more, and past ~2.7 million years no date holds it.
MAX_EXPIRING_DAYS = 36_500


class ContractFields(Fields):
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    content: str | None = Field(default=None, max_length=1_000_000)
    customer_id: int | None = None
    project_id: int | None = None
    contract_type_id: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    contract_value: Amount | None = None
    # A currency id or its code ("AED").
    currency: int | str | None = None
    not_visible_to_client: bool | None = None
    # Custom field values by field id or slug.
    custom_fields: dict[int | str, Any] | None = None


class ContractCreate(ContractFields):
    subject: str = Field(min_length=1, max_length=191)
    customer_id: int
    start_date: dt.date


async def _columns(ctx: Ctx, data: ContractFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True, exclude={"currency", "custom_fields"})
    required = ("subject", "customer_id", "start_date", "not_visible_to_client")
    settle(values, required, ("description", "content"))
    if "currency" in data.model_fields_set:
        values["currency_id"] = await lookups.currency_id(ctx, data.currency)
    return values


_REFERENCES = (
    ("customer_id", Customer, "customer"),
    ("contract_type_id", ContractType, "contract type"),
)


async def _check_references(conn: AsyncConnection, values: Mapping[str, Any], row: Row) -> None:
    def current(name: str) -> Any:
        return values.get(name, row.get(name))

    await check_references(conn, values, row, _REFERENCES)
    check_order(
        current("start_date"),
        current("end_date"),
        "end_date",
        "start_date",
        stored=partly_stored(row, values, "start_date", "end_date"),
    )


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ContractFields)
    values = await _columns(ctx, fields)
    await _check_references(conn, values, before or {})
    if before is None:
        return {"added_by_id": added_by(ctx), "hash": secrets.token_hex(16), **values}
    if "end_date" in values and values["end_date"] != before["end_date"]:
        # A new end date is a new expiry to be told about.
        values["is_expiry_notified"] = False
    return values


CONTRACTS = register(
    Resource(
        name=RESOURCE,
        model=Contract,
        label="Contract",
        search=("subject", "description", "content"),
        verbs=soft_verbs(
            ContractCreate,
            ContractFields,
            "contract",
            values=_values,
            parent=customer_parent,
            created=lambda row: {"subject": row["subject"]},
        ),
    )
)


get_contract = getter(CONTRACTS, __name__, "get_contract")


list_contracts = lister(
    CONTRACTS, __name__, "customer_id", "project_id", "contract_type_id", "signed"
)


async def list_expiring_contracts(
    ctx: Ctx, page: PageArgs, *, days: int = EXPIRING_DAYS, on: dt.date | None = None, **query: Any
) -> Page:
    """Contracts whose end date falls within `days` days from `on` (today), both ends included."""
    if not 0 <= days <= MAX_EXPIRING_DAYS:
        raise Invalid.field("days", f"must be between 0 and {MAX_EXPIRING_DAYS}")
    start = on or today()
    scope = [contracts.c.end_date >= start, contracts.c.end_date <= start + dt.timedelta(days)]
    return await reading.list_records(ctx, CONTRACTS, page, scope=scope, **query)


async def list_expired_contracts(
    ctx: Ctx, page: PageArgs, *, on: dt.date | None = None, **query: Any
) -> Page:
    """Contracts whose end date is before `on` (today)."""
    scope = [contracts.c.end_date < (on or today())]
    return await reading.list_records(ctx, CONTRACTS, page, scope=scope, **query)


create_contract, update_contract, delete_contract, restore_contract = operations(CONTRACTS)
