"""Staff comments on a contract; written under contracts:update."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.contracts.resource import RESOURCE, contracts
from resolvers.core.children import Comment, declare
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import must_fetch
from resolvers.core.resources import Relation, Resource, relate
from resolvers.core.validation import parse
from resolvers.models import Contract, ContractComment

UNDER = declare(
    Resource("contract_comments", ContractComment, "Contract comment", ("content",),
             permission=RESOURCE),
    (RESOURCE, Contract, "Contract"), "contract_id", "comments", "contract_comment",
)  # fmt: skip
COMMENTS = UNDER.resource
relate(COMMENTS.name, "staff", Relation("staff", "one", "staff_id"))
comments = COMMENTS.table


async def list_contract_comments(ctx: Ctx, contract_id: int, page: PageArgs) -> Page:
    return await UNDER.list(ctx, contract_id, page)


async def add_contract_comment(ctx: Ctx, contract_id: int, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(Comment, data)
    values = {"content": fields.content, "staff_id": principal.staff_id}
    async with ctx.db.write() as conn:
        contract = await must_fetch(conn, contracts, contract_id, "Contract")
        return await UNDER.insert(conn, ctx, contract, values)


async def delete_contract_comment(ctx: Ctx, contract_id: int, comment_id: int) -> Row:
    return await UNDER.delete(ctx, contract_id, comment_id)
