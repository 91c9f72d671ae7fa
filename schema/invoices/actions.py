"""The send/accept/decline mutations estimates and proposals share, from their service
verbs: sendEstimate(id, input: SendDocumentInput), acceptEstimate(id, input:
AcceptanceInput), declineEstimate(id); and the send mutation alone, for invoices and
contracts."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_snake_case

from resolvers.core.context import Ctx, Row
from schema.context import Info
from schema.errors import Payload
from schema.estimates.inputs import AcceptanceInput, acceptance_data
from schema.ids import decode_id
from schema.inputs import given
from schema.invoices.refs import write
from schema.node import RowType
from schema.optional import optional

Verb = Callable[[Ctx, int], Awaitable[Row]]
Acceptance = Callable[[Ctx, int, dict[str, Any]], Awaitable[Row]]
Send = Callable[[Ctx, int, dict[str, Any] | None], Awaitable[Row]]


@strawberry.input(
    description="How to email the document (resolvers.documents.SendFields); every field "
    "is optional."
)
class SendDocumentInput:
    to: list[str] | None = optional(
        "Recipients; the customer's primary contact (a proposal's own email) when left out."
    )
    cc: list[str] | None = strawberry.UNSET
    subject: str | None = optional('"<Title> <number> from <company>" by default.')
    message: str | None = optional("Written above the sign-off instead of the default sentence.")
    email: bool | None = optional("false marks the document sent without emailing it.")


def send_data(input: SendDocumentInput | None) -> dict[str, Any] | None:
    # A null option means "the default", as leaving it out does.
    if input is None:
        return None
    return {k: v for k, v in given(input).items() if v is not None}


def send_resolver(node: type[RowType], send: Send) -> Callable[..., Awaitable[Any]]:
    """send<Type>(id, input: SendDocumentInput): Payload[<Type>]."""

    async def send_document(
        self: Any, info: Info, id: strawberry.ID, input: SendDocumentInput | None = None
    ) -> Any:
        ctx = info.context.ctx
        return await write(
            ctx, lambda: send(ctx, decode_id(id, node), send_data(input)), node.from_row
        )

    send_document.__annotations__["return"] = Payload[node]  # type: ignore[valid-type]
    return send_document


@dataclass(frozen=True)
class Descriptions:
    send: str | None = None
    accept: str | None = None
    decline: str | None = None


def document_actions(
    node: type[RowType],
    *,
    send: Send,
    accept: Acceptance,
    decline: Verb,
    descriptions: Descriptions = Descriptions(),
) -> type:
    """A Strawberry type holding send<Type>, accept<Type> and decline<Type>, to inherit
    into the document's mutation root."""
    payload = Payload[node]  # type: ignore[valid-type]
    send_document = send_resolver(node, send)

    async def accept_document(
        self: Any, info: Info, id: strawberry.ID, input: AcceptanceInput | None = None
    ) -> Any:
        ctx = info.context.ctx
        return await write(
            ctx, lambda: accept(ctx, decode_id(id, node), acceptance_data(input)), node.from_row
        )

    async def decline_document(self: Any, info: Info, id: strawberry.ID) -> Any:
        ctx = info.context.ctx
        return await write(ctx, lambda: decline(ctx, decode_id(id, node)), node.from_row)

    for resolver in (accept_document, decline_document):
        resolver.__annotations__["return"] = payload
    name = node.graphql_name()
    noun = to_snake_case(name)
    body = {
        f"send_{noun}": strawberry.mutation(resolver=send_document, description=descriptions.send),
        f"accept_{noun}": strawberry.mutation(
            resolver=accept_document, description=descriptions.accept
        ),
        f"decline_{noun}": strawberry.mutation(
            resolver=decline_document, description=descriptions.decline
        ),
    }
    return strawberry.type(type(f"{name}Actions", (), body))
