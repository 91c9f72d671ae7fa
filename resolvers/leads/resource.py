"""Leads: prospects with a status, a source and an assignee."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, EmailStr, Field, field_validator
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Invalid
from resolvers.core.filtering import naming
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.patterns import blank_is_none, blank_taken
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import Lead, LeadSource, LeadStatus, Staff, table_of
from resolvers.models.types import utcnow
from resolvers.projects.common import UtcDateTime, lister

RESOURCE = "leads"
leads = table_of(Lead)


class LeadFields(Fields):
    """Every writable lead field; updates send any subset."""

    name: str | None = Field(default=None, min_length=1, max_length=191)
    # tech9 and v2 send the name in two parts; it is stored as one. A lead needs a name:
    # a first name given is not blank (with none, the last name or the stored one names it).
    first_name: str | None = Field(default=None, min_length=1, max_length=95)
    last_name: str | None = Field(default=None, max_length=95)
    title: str | None = Field(default=None, max_length=100)
    company: str | None = Field(default=None, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    email: EmailStr | None = Field(default=None, json_schema_extra=blank_taken)
    website: str | None = Field(default=None, max_length=191)
    phone: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=191)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=100)
    zip: str | None = Field(default=None, max_length=20)
    # A country id, or an ISO 3166 alpha-2/alpha-3 code.
    country: int | str | None = None
    default_language: str | None = Field(default=None, max_length=40)
    # A status / source id, or its name in any case ("new", "Website").
    status: int | str | None = None
    source: int | str | None = None
    assigned_id: int | None = None
    is_public: bool | None = None
    tags: list[str] | str | None = None
    lead_value: Decimal | None = Field(default=None, ge=0, max_digits=15, decimal_places=2)
    last_contact_at: UtcDateTime | None = None
    # Perfex's "contacted today" box: last contact is now.
    contacted_today: bool | None = None
    lost: bool | None = None
    junk: bool | None = None
    # Custom field values by field id or slug.
    custom_fields: dict[int | str, Any] | None = None

    # A blank email (a form's empty box) is none, as the document's blank_taken says.
    _blank_email = field_validator("email", mode="before")(blank_is_none)


def split_name(name: str) -> tuple[str, str]:
    first, _, rest = name.strip().partition(" ")
    return first, rest.strip()


def _name(data: LeadFields, before: Row | None) -> str | None:
    if data.name:
        return data.name
    if data.first_name is None and data.last_name is None:
        return None
    first, last = split_name(before["name"]) if before else ("", "")
    parts = (data.first_name if data.first_name is not None else first,
             data.last_name if data.last_name is not None else last)  # fmt: skip
    name = " ".join(p for p in parts if p)
    if not name:
        raise Invalid.field("first_name", "a lead needs a name")
    return name[:191]


def _tags(value: list[str] | str | None) -> str:
    items = value.split(",") if isinstance(value, str) else (value or [])
    return ",".join(dict.fromkeys(t.strip() for t in items if t.strip()))


_REFERENCES = {"country": "country_id", "status": "status_id", "source": "source_id"}


async def _columns(ctx: Ctx, data: LeadFields, before: Row | None) -> dict[str, Any]:
    """Input fields as column values, with names resolved to ids and references checked."""
    given = data.model_dump(exclude_unset=True)
    skip = {"first_name", "last_name", "contacted_today", "custom_fields", *_REFERENCES}
    values: dict[str, Any] = {k: v for k, v in given.items() if k not in skip}
    name = _name(data, before)
    if name is not None:
        values["name"] = name
    if "country" in given:
        values["country_id"] = await lookups.country_id(ctx, given["country"])
    if "status" in given:
        values["status_id"] = await lookups.lead_status_id(ctx, given["status"])
    if "source" in given:
        values["source_id"] = await lookups.lead_source_id(ctx, given["source"])
    if values.get("assigned_id") is not None:
        await lookups.require_ids(ctx, Staff, [values["assigned_id"]], "assigned_id")
    if "tags" in given:
        values["tags"] = _tags(given["tags"])
    if data.contacted_today:
        values["last_contact_at"] = utcnow()
    # A null for a text column means blank; any other required column must have a value.
    for key, value in list(values.items()):
        column = leads.c[key]
        if value is None and not column.nullable:
            if getattr(column.default, "arg", None) != "":
                field = next((f for f, c in _REFERENCES.items() if c == key), key)
                raise Invalid.field(field, "may not be empty")
            values[key] = ""
    return values


async def _lead_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, LeadFields)
    values = await _columns(ctx, fields, before)
    if before is not None:
        return values
    if "name" not in values:
        raise Invalid.field("name", "Field required")
    for column, model, label in (("status_id", LeadStatus, "status"),
                                 ("source_id", LeadSource, "source")):  # fmt: skip
        if column not in values:
            values[column] = await lookups.default_id(ctx, model)
        if values[column] is None:
            raise Invalid.field(label, "Field required")
    return {"added_by_id": added_by(ctx), **values}


LEADS = register(
    Resource(
        name=RESOURCE,
        model=Lead,
        label="Lead",
        search=("name", "company", "email", "phone", "title", "city", "tags", "website"),
        verbs=soft_verbs(
            LeadFields,
            LeadFields,
            "lead",
            values=_lead_values,
            created=lambda row: {"name": row["name"]},
        ),
    )
)
belongs_to(RESOURCE, "lead_statuses", "status_id")
belongs_to(RESOURCE, "lead_sources", "source_id")
belongs_to(RESOURCE, "staff", "assigned_id", many="assigned_leads")
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "country", Relation("countries", "one", "country_id"))
belongs_to(RESOURCE, "customers", "customer_id")
get_lead = getter(LEADS, __name__, "get_lead")
# By status or source (id or name), assignee and conversion.
list_leads = lister(
    LEADS, __name__, "assigned_id",
    status=lambda ctx, status: naming(leads.c.status_id, lookups.lead_status_id(ctx, status)),
    source=lambda ctx, source: naming(leads.c.source_id, lookups.lead_source_id(ctx, source)),
    converted=lambda _, converted: (
        leads.c.converted_at.is_not(None) if converted else leads.c.converted_at.is_(None)
    ),
)  # fmt: skip
create_lead, update_lead, delete_lead, restore_lead = operations(LEADS)
