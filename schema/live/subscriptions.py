"""Live subscriptions: records as the event log says they change, for as long as the
WebSocket stays open."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

import strawberry

from resolvers import changes
from resolvers.changes import Change
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Unauthenticated
from resolvers.core.permissions import require
from resolvers.core.resources import Resource
from resolvers.invoices import INVOICES, get_invoice
from resolvers.tickets import TICKETS, get_ticket
from schema.context import Info
from schema.invoices.types import InvoiceType
from schema.live.context import LiveContext
from schema.live.types import ChangeType
from schema.node import RowType
from schema.tickets.types import TicketType

N = TypeVar("N", bound=RowType)

# Closing codes, as graphql-transport-ws clients read them.
EXPIRED = 4401
FORBIDDEN = 4403


async def _changes(
    info: Info, wanted: Sequence[str] | None, grant: str | None = None
) -> AsyncIterator[tuple[Ctx, Change]]:
    """The caller's context and each change it may see of the types wanted (None: all).

    The caller is checked again before each change goes out, as its credential says now
    (gateway/socket_credential.py): an expired or revoked credential closes the socket
    with 4401, a caller that lost `grant:get` with 4403, and no change is delivered
    to either."""
    context = info.context
    if not isinstance(context, LiveContext) or context.feed is None:
        raise Invalid.field("subscription", "subscriptions are served over WebSocket only")
    feed = context.feed
    names = None if wanted is None else changes.type_names(wanted)
    ctx = context.ctx
    if ctx.principal is None:
        raise Unauthenticated()
    async with feed.listen() as stream:
        async for change in stream:
            if names is not None and not changes.matches(change, names):
                continue
            if context.credential is not None:
                principal = await context.credential.current()
                if principal is None:
                    await context.credential.close(EXPIRED, "The credential expired or was revoked")
                    return
                if grant is not None and not principal.can(grant, "get"):
                    await context.credential.close(
                        FORBIDDEN, f"This credential may not get {grant}"
                    )
                    return
                ctx.principal = principal
            if changes.visible(ctx.principal, change):
                # A subscription lives long: each change is read afresh, not from the
                # loaders of the one before.
                ctx.loaders.clear()
                yield ctx, change


async def _records(
    info: Info,
    event: str,
    resource: Resource,
    get: Callable[[Ctx, int], Awaitable[Row | None]],
    node: type[N],
) -> AsyncIterator[N]:
    """Each record of `resource` as `event` happens to it, read afresh as the caller may
    see it; the caller must hold `resource:get` to subscribe at all."""
    require(info.context.ctx.principal, resource.grant, "get")
    async for ctx, change in _changes(info, [event], resource.grant):
        row = await get(ctx, change.record_id)
        if row is not None:
            yield node.from_row(row)


@strawberry.type
class LiveSubscription:
    @strawberry.subscription(description="Each invoice as it becomes fully paid.")
    async def invoice_paid(self, info: Info) -> AsyncGenerator[InvoiceType, None]:
        async for node in _records(info, "invoice.paid", INVOICES, get_invoice, InvoiceType):
            yield node

    @strawberry.subscription(description="Each ticket as it is opened.")
    async def ticket_created(self, info: Info) -> AsyncGenerator[TicketType, None]:
        async for node in _records(info, "ticket.created", TICKETS, get_ticket, TicketType):
            yield node

    @strawberry.subscription(
        description="Every change to records of the given kinds or event types "
        '("invoice", "ticket.replied"); all the caller may read when none are given.'
    )
    async def record_changed(
        self, info: Info, types: list[str] | None = None
    ) -> AsyncGenerator[ChangeType, None]:
        async for _, change in _changes(info, types):
            yield ChangeType.of(change)
