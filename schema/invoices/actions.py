"""The send/accept/decline mutations estimates and proposals share, from their service
verbs: sendEstimate(id, input: SendDocumentInput), acceptEstimate(id, input:
AcceptanceInput), declineEstimate(id); and the send mutation alone, for invoices and
contracts."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_snake_case

from resolvers.core.context import Ctx, Row
from schema.estimates.inputs import AcceptanceInput
from schema.inputs import given
from schema.invoices.refs import service_data
from schema.node import RowType
from schema.optional import optional
from schema.verbs import verb

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


def send_verb(node: type[RowType], send: Send, description: str | None = None) -> Any:
    """send<Type>(id, input: SendDocumentInput): Payload[<Type>]."""
    return verb(
        send, node, input=SendDocumentInput, data=send_data, required=False, description=description
    )


def document_actions(
    node: type[RowType],
    *,
    send: Send,
    accept: Acceptance,
    decline: Verb,
    descriptions: Mapping[str, str] | None = None,
) -> type:
    """A Strawberry type holding send<Type>, accept<Type> and decline<Type>, to inherit
    into the document's mutation root; `descriptions` by verb ("send")."""
    noun = to_snake_case(node.graphql_name())
    about = descriptions or {}
    body = {
        f"send_{noun}": send_verb(node, send, about.get("send")),
        f"accept_{noun}": verb(
            accept,
            node,
            input=AcceptanceInput,
            data=service_data,
            required=False,
            description=about.get("accept"),
        ),
        f"decline_{noun}": verb(decline, node, description=about.get("decline")),
    }
    return strawberry.type(type(f"{node.graphql_name()}Actions", (), body))
