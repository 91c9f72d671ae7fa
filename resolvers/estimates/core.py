"""Estimates: create, read, update, delete and restore."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events, reading
from resolvers.context import Ctx, Row
from resolvers.custom_fields import set_custom_values
from resolvers.errors import Invalid, NotFound
from resolvers.estimates.resource import (
    DRAFT,
    ESTIMATES,
    KIND,
    RESOURCE,
    EstimateCreate,
    EstimateFields,
)
from resolvers.line_items import lines_by_document
from resolvers.line_items.documents import (
    columns,
    create_document,
    search_scope,
    update_document,
)
from resolvers.models import Staff, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.records import changes, fetch, must_fetch, set_deleted
from resolvers.validation import parse

estimates = ESTIMATES.table


def _summary(row: Row) -> dict[str, Any]:
    return {"number": row["number"], "total": row["total"], "status": row["status"]}


def _check_dates(row: Row) -> None:
    if row["expiry_date"] is not None and row["expiry_date"] < row["date"]:
        raise Invalid.field("expiry_date", "is before the estimate date")


async def _check_agent(conn: AsyncConnection, values: Mapping[str, Any]) -> None:
    if values.get("sale_agent_id") is not None:
        await must_fetch(conn, table_of(Staff), values["sale_agent_id"], "staff", "sale_agent_id")


async def get_estimate(ctx: Ctx, estimate_id: int) -> Row | None:
    return await reading.get_record(ctx, ESTIMATES, estimate_id)


async def list_estimates(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    project_id: int | None = None,
    status: int | None = None,
    search: str | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = [
        estimates.c[c] == v
        for c, v in (("customer_id", customer_id), ("project_id", project_id), ("status", status))
        if v is not None
    ]
    if search:
        require(ctx.principal, RESOURCE, "search")
        scope += search_scope(estimates, search, ESTIMATES.search)
    return await reading.list_records(ctx, ESTIMATES, page, scope=scope, **query)


async def items_by_estimate_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


async def create_estimate(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """A new estimate, a Draft unless a status is given."""
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(EstimateCreate, data)
    values = await columns(ctx, estimates, fields)
    values.setdefault("status", DRAFT)
    async with ctx.db.write() as conn:
        await _check_agent(conn, values)
        row, _ = await create_document(
            conn, KIND, fields, {"added_by_id": principal.staff_id, **values}
        )
        _check_dates(row)
        custom = await set_custom_values(
            conn, ctx, RESOURCE, row["id"], fields.custom_fields or {}, creating=True
        )
        await events.record(conn, ctx, "estimate.created", row["id"], {**_summary(row), **custom},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def update_estimate(ctx: Ctx, estimate_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(EstimateFields, data)
    values = await columns(ctx, estimates, fields)
    async with ctx.db.write() as conn:
        await _check_agent(conn, values)
        before, row, lines = await update_document(conn, KIND, estimate_id, fields, values)
        _check_dates(row)
        diff: dict[str, Any] = changes(before, values)
        if lines is not None:
            diff["items"] = lines.summary()
        diff.update(
            await set_custom_values(conn, ctx, RESOURCE, estimate_id, fields.custom_fields or {})
        )
        await events.record(conn, ctx, "estimate.updated", estimate_id, diff,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def delete_estimate(ctx: Ctx, estimate_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, estimates, estimate_id, "Estimate")
        row = await set_deleted(conn, estimates, estimate_id, deleted=True)
        await events.record(conn, ctx, "estimate.deleted", estimate_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def restore_estimate(ctx: Ctx, estimate_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, estimates, estimate_id, deleted=True) is None:
            raise NotFound("Estimate", estimate_id)
        row = await set_deleted(conn, estimates, estimate_id, deleted=False)
        await events.record(conn, ctx, "estimate.restored", estimate_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row
