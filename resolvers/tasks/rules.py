"""What a task write may say: codes by number or name, what the task hangs off
(rel_type/rel_id), repeats, and the checks its references need."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.core import exclusive
from resolvers.core.context import Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.exclusive import NotBoth
from resolvers.core.records import must_fetch
from resolvers.core.rel_types import RECORDS
from resolvers.core.validation import Fields
from resolvers.models import (
    Milestone,
    table_of,
)
from resolvers.projects.common import Amount, IdList, Tags, coded, settle
from resolvers.reference.codes import TASK_PRIORITIES as PRIORITIES
from resolvers.reference.codes import TASK_STATUSES as STATUSES

# Perfex's codes and the names the other documents send ("completed" is tech9's).
LOW, MEDIUM, HIGH, URGENT = 1, 2, 3, 4
NOT_STARTED, AWAITING_FEEDBACK, TESTING, IN_PROGRESS, COMPLETE = 1, 2, 3, 4, 5
Priority = Annotated[int, coded(PRIORITIES, range(1, 5))]
Status = Annotated[int, coded(STATUSES, range(1, 6))]

# What a task may hang off; None where no table holds that kind of record.
REL_TYPES: dict[str, type[SQLModel] | None] = {
    kind: None if kind == "annex" else RECORDS[kind][1]
    for kind in ("lead", "customer", "invoice", "project", "estimate", "contract", "annex",
                 "ticket", "expense", "proposal")
}  # fmt: skip
REL_ALIASES = {"quotation": "estimate", "client": "customer"}
# A repeat as _repeat reads it, lower-cased: "1-week", "2-month"... (ASCII digits), or
# "custom", or "" or "0" for none.
REPEAT = r"0?|custom|[1-9][0-9]{0,2}-(?:day|week|month|year)"
_REPEAT = re.compile(rf"^(?:{REPEAT})$")


class TaskFields(Fields):
    name: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    priority: Priority | None = None
    status: Status | None = None
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    rel_type: str | None = None
    rel_id: int | None = None
    # Shorthands for rel_type project / customer with that rel_id (tech9 sends customer_id).
    project_id: int | None = None
    customer_id: int | None = None
    milestone_id: int | None = None
    is_public: bool | None = None
    billable: bool | None = None
    hourly_rate: Amount | None = None
    # "1-week", "2-month"...; "custom" with repeat_every_custom and repeat_type_custom.
    repeat_every: str | None = Field(default=None, max_length=20)
    repeat_every_custom: int | None = Field(default=None, ge=1, le=999)
    repeat_type_custom: Literal["day", "week", "month", "year"] | None = None
    cycles: int | None = Field(default=None, ge=0)
    visible_to_client: bool | None = None
    tags: Tags | None = None
    # Replace the task's people when given: a list, [] for none, never null.
    assignees: IdList = []
    followers: IdList = []
    # Custom field values by field id or slug.
    custom_fields: dict[int | str, Any] | None = None

    @field_validator("rel_type")
    @classmethod
    def _rel_type(cls, value: str | None) -> str | None:
        if value is None:
            return value
        kind = REL_ALIASES.get(value.lower(), value.lower())
        if kind and kind not in REL_TYPES:
            raise ValueError(f"must be one of {', '.join([*REL_TYPES, 'quotation'])}")
        return kind


# tech9's shorthands: a task hangs off one record, so not both.
(HANGS_OFF_ONE,) = exclusive.declare(
    TaskFields,
    NotBoth("project_id", "customer_id", "a task hangs off one record: project_id or customer_id",
            named="customer_id"),
)  # fmt: skip


class TaskCreate(TaskFields):
    name: str = Field(min_length=1, max_length=191)


_NOT_NULL = (
    "name",
    "priority",
    "status",
    "start_date",
    "is_public",
    "billable",
    "hourly_rate",
    "cycles",
    "visible_to_client",
)
_RELATION = ("rel_type", "rel_id", "project_id", "customer_id")
_RELATION_KEYS = frozenset(_RELATION)


def columns(data: TaskFields) -> dict[str, Any]:
    values = data.model_dump(
        exclude_unset=True,
        exclude={
            "assignees",
            "followers",
            "repeat_every_custom",
            "repeat_type_custom",
            "custom_fields",
            *_RELATION,
        },  # fmt: skip
    )
    settle(values, _NOT_NULL, ("description", "tags"))
    if "repeat_every" in values:
        values["repeat_every"] = _repeat(data)
    return values


def _repeat(data: TaskFields) -> str:
    every = (data.repeat_every or "").lower()
    if every in ("", "0"):
        return ""
    if every == "custom":
        if data.repeat_every_custom is None or data.repeat_type_custom is None:
            raise Invalid.field("repeat_every_custom", "custom repeats need a number and a type")
        return f"{data.repeat_every_custom}-{data.repeat_type_custom}"
    if not _REPEAT.match(every):
        raise Invalid.field("repeat_every", 'must look like "1-week", "2-month" or "custom"')
    return every


def relation(given: Mapping[str, Any], before: Row | None) -> dict[str, Any]:
    """The rel_type/rel_id (and the project_id/customer_id keys) the input asks for."""
    if before is not None and not _RELATION_KEYS & given.keys():
        return {}
    HANGS_OFF_ONE.check(given)
    shorthand = [(k, given[k]) for k in ("project_id", "customer_id") if given.get(k) is not None]
    if shorthand:
        column, rel_id = shorthand[0]
        kind = column.removesuffix("_id")
        if given.get("rel_type") not in (None, kind) or given.get("rel_id") not in (None, rel_id):
            raise Invalid.field(column, "disagrees with rel_type/rel_id")
        rel_type: str = kind
    elif "rel_type" in given or "rel_id" in given:
        old_type = before["rel_type"] if before is not None else ""
        rel_type = given["rel_type"] if given.get("rel_type") is not None else old_type
        rel_id = given.get("rel_id")
        if "rel_id" not in given and before is not None and rel_type == old_type:
            rel_id = before["rel_id"]
    else:
        # project_id/customer_id sent as null: the task no longer hangs off anything.
        rel_type, rel_id = "", None
    if not rel_type and rel_id is not None:
        raise Invalid.field("rel_type", "is required with rel_id")
    if rel_id is None and REL_TYPES.get(rel_type) is not None:
        raise Invalid.field("rel_id", f"is required for rel_type {rel_type}")
    return {
        "rel_type": rel_type,
        "rel_id": rel_id,
        "project_id": rel_id if rel_type == "project" else None,
        "customer_id": rel_id if rel_type == "customer" else None,
    }


async def check_references(conn: AsyncConnection, values: Mapping[str, Any], row: Row) -> None:
    """The related record and the milestone, as they will be after the write."""
    if "rel_type" in values:
        model = REL_TYPES.get(values["rel_type"])
        if model is not None:
            await must_fetch(conn, table_of(model), values["rel_id"], values["rel_type"], "rel_id")
    if "milestone_id" in values or "rel_type" in values:
        milestone_id = values.get("milestone_id", row.get("milestone_id"))
        milestone = await must_fetch(
            conn, table_of(Milestone), milestone_id, "milestone", "milestone_id"
        )
        project_id = values.get("project_id", row.get("project_id"))
        if milestone is not None and milestone["project_id"] != project_id:
            # Both ids name live records; the milestone's stored project refuses the pair.
            raise Conflict("belongs to another project than the task's", field="milestone_id")
