"""Records that live under one parent record (a task's comments and checklist, a contract's
comments, a discussion's comments): read under the parent's grant and written under its
update, found only under their own parent (a path naming another parent's child is a
404), and filed in the event log under the parent."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.core import events, reading
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import NotFound
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import (
    changes,
    fetch,
    insert_row,
    live,
    must_fetch,
    set_deleted,
    update_row,
)
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields
from resolvers.models import table_of


class Comment(Fields):
    """A comment's text: what a client writes to comment on a contract, task or proposal."""

    content: str = Field(min_length=1, max_length=65_000)


@dataclass(frozen=True)
class Children:
    resource: Resource
    # The child's column naming its parent ("task_id").
    column: str
    parent: Table
    parent_label: str
    # The events' stem ("task_comment" -> task_comment.deleted).
    event: str
    # The record the events are filed under, from the parent: by default the parent.
    filed_under: Callable[[Row], tuple[str, int]]
    # What the events carry, from the parent (a discussion comment names its discussion).
    noted: Callable[[Row], dict[str, Any] | None] = lambda parent: None

    async def list(self, ctx: Ctx, parent_id: int, page: PageArgs) -> Page:
        require(ctx.principal, self.resource.grant, "get")
        async with ctx.db.read() as conn:
            if await fetch(conn, self.parent, parent_id) is None:
                raise NotFound(self.parent_label, parent_id)
        scope = [self.resource.table.c[self.column] == parent_id]
        return await reading.list_records(ctx, self.resource, page, scope=scope)

    async def all(self, ctx: Ctx, parent_id: int, *order_by: Any) -> builtins.list[Row]:
        """Every live child of the parent, which must exist, in `order_by` order."""
        require(ctx.principal, self.resource.grant, "get")
        table = self.resource.table
        async with ctx.db.read() as conn:
            await must_fetch(conn, self.parent, parent_id, self.parent_label)
            rows = await conn.execute(
                select(table)
                .where(table.c[self.column] == parent_id, live(table))
                .order_by(*order_by)
            )
            return [r._mapping for r in rows]

    async def insert(
        self,
        conn: AsyncConnection,
        ctx: Ctx,
        parent: Row,
        values: dict[str, Any],
        created: dict[str, Any] | None = None,
    ) -> Row:
        """Write a child under `parent` (found live by the caller) and file its event."""
        row = await insert_row(conn, self.resource.table, {self.column: parent["id"], **values})
        await self.file(conn, ctx, "created", row["id"], parent, created)
        return row

    async def change(
        self, conn: AsyncConnection, ctx: Ctx, parent: Row, before: Row, values: dict[str, Any]
    ) -> Row:
        """Write `values` over the child `before` (found by `find`) and file what changed."""
        table = self.resource.table
        row = await update_row(conn, table, before["id"], values) if values else before
        await self.file(conn, ctx, "updated", before["id"], parent, changes(before, values))
        return row

    async def find(self, conn: AsyncConnection, parent_id: int, child_id: int) -> tuple[Row, Row]:
        """The parent, which must exist, and the child, which must be its own."""
        parent = await must_fetch(conn, self.parent, parent_id, self.parent_label)
        child = await fetch(conn, self.resource.table, child_id)
        if child is None or child[self.column] != parent_id:
            raise NotFound(self.resource.label, child_id)
        return parent, child

    async def file(
        self,
        conn: AsyncConnection,
        ctx: Ctx,
        verb: str,
        child_id: int,
        parent: Row,
        changed: dict[str, Any] | None = None,
    ) -> None:
        noted = self.noted(parent)
        data = {**(noted or {}), **(changed or {})} if noted or changed is not None else None
        await events.record(
            conn, ctx, f"{self.event}.{verb}", child_id, data, parent=self.filed_under(parent)
        )

    async def delete(self, ctx: Ctx, parent_id: int, child_id: int) -> Row:
        require(ctx.principal, self.resource.grant, "update")
        async with ctx.db.write() as conn:
            parent, _ = await self.find(conn, parent_id, child_id)
            row = await set_deleted(conn, self.resource.table, child_id, deleted=True)
            await self.file(conn, ctx, "deleted", child_id, parent)
        return row


def declare(
    resource: Resource,
    parent: tuple[str, type[SQLModel], str],
    column: str,
    many: str,
    event: str,
    filed_under: Callable[[Row], tuple[str, int]] | None = None,
    noted: Callable[[Row], dict[str, Any] | None] = lambda parent: None,
) -> Children:
    """Register `resource`, whose `column` names its parent (resource, model, label):
    the edges both ways (`parent.<many>`), and the rule its reads and writes follow, its
    events filed under the parent unless `filed_under` says otherwise."""
    register(resource)
    belongs_to(resource.name, parent[0], column, many=many)
    kind = column.removesuffix("_id")
    under = filed_under or (lambda row: (kind, int(row["id"])))
    return Children(resource, column, table_of(parent[1]), parent[2], event, under, noted)
