"""Writing contracts: the contract itself (the generated create, update, delete and
restore), renewals, signatures and comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from resolvers import contracts
from resolvers.core.context import Row
from schema.context import Info
from schema.contracts.types import ContractCommentType, ContractNode
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.actions import send_verb
from schema.optional import optional
from schema.projects.refs import parent_id, plain, write
from schema.writes import mutations

CONTRACT_IDS = {
    "customer_id": "Customer",
    "project_id": "Project",
    "contract_type_id": "ContractType",
    "currency_id": "Currency",
}
ContractPayload = Payload[ContractNode]


@strawberry.input
class ContractInput:
    subject: str | None = optional("Required to create.")
    description: str | None = strawberry.UNSET
    content: str | None = strawberry.UNSET
    customer_id: strawberry.ID | None = optional("A Customer id; required to create.")
    project_id: strawberry.ID | None = optional("A Project of the contract's customer.")
    contract_type_id: strawberry.ID | None = optional("A ContractType id.")
    start_date: date | None = optional("Required to create.")
    end_date: date | None = strawberry.UNSET
    contract_value: Decimal | None = strawberry.UNSET
    currency_id: strawberry.ID | None = optional("A Currency id; the default currency when null.")
    not_visible_to_client: bool | None = strawberry.UNSET
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of the given custom fields; others stay."
    )


def contract_data(data: ContractInput) -> dict[str, Any]:
    values = plain(data, CONTRACT_IDS)
    if "currency_id" in values:
        values["currency"] = values.pop("currency_id")
    return values


@strawberry.input
class RenewContractInput:
    end_date: date
    start_date: date | None = optional("Unchanged when left out.")
    contract_value: Decimal | None = optional("Unchanged when left out.")
    keep_signature: bool = strawberry.field(
        default=False,
        description="A renewed contract must be signed again unless this is true.",
    )


@strawberry.input
class SignContractInput:
    acceptance_firstname: str | None = strawberry.UNSET
    acceptance_lastname: str | None = strawberry.UNSET
    acceptance_email: str | None = strawberry.UNSET
    acceptance_ip: str | None = strawberry.UNSET
    signature: str | None = optional(
        "A drawn signature (data URL) or a typed name; without one the contract "
        "is marked as signed by staff."
    )


ContractWrites = mutations(
    contracts.CONTRACTS,
    ContractNode,
    create_input=ContractInput,
    update_input=ContractInput,
    data=contract_data,
    names={"currency": "currency_id"},
)


@strawberry.type
class ContractMutation(ContractWrites):  # type: ignore[valid-type, misc]
    @strawberry.mutation(description="Move the contract's term; the renewal is kept in renewals.")
    async def renew_contract(
        self, info: Info, id: strawberry.ID, input: RenewContractInput
    ) -> ContractPayload:
        ctx = info.context.ctx
        return await write(
            lambda: contracts.renew_contract(ctx, decode_id(id, ContractNode), plain(input)),
            ContractNode.from_row,
        )

    @strawberry.mutation
    async def sign_contract(
        self, info: Info, id: strawberry.ID, input: SignContractInput | None = None
    ) -> ContractPayload:
        ctx = info.context.ctx
        return await write(
            lambda: contracts.sign_contract(
                ctx, decode_id(id, ContractNode), None if input is None else plain(input)
            ),
            ContractNode.from_row,
        )

    send_contract = send_verb(
        ContractNode,
        contracts.send_contract,
        "Email the contract as a PDF (to the customer's primary contact unless "
        "input says otherwise), then mark it sent.",
    )

    @strawberry.mutation
    async def add_contract_comment(
        self, info: Info, id: strawberry.ID, content: str
    ) -> Payload[ContractCommentType]:
        ctx = info.context.ctx
        return await write(
            lambda: contracts.add_contract_comment(
                ctx, decode_id(id, ContractNode), {"content": content}
            ),
            ContractCommentType.from_row,
        )

    @strawberry.mutation
    async def delete_contract_comment(
        self, info: Info, id: strawberry.ID
    ) -> Payload[ContractCommentType]:
        ctx = info.context.ctx

        async def call() -> Row:
            comment = decode_id(id, ContractCommentType)
            contract = await parent_id(ctx, contracts.COMMENTS, comment, "contract_id")
            return await contracts.delete_contract_comment(ctx, contract, comment)

        return await write(call, ContractCommentType.from_row)
