"""Writing contracts: the contract itself (the generated create, update, delete and
restore), renewals, signatures and comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from resolvers import contracts
from schema.calls import add_child, child_verb
from schema.contracts.types import ContractCommentType, ContractNode
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.invoices.actions import send_verb
from schema.lookups.references import References, renamed, service_data
from schema.optional import optional
from schema.verbs import verb
from schema.writes import mutations

REFERENCES: References = {
    "customer_id": "Customer",
    "project_id": "Project",
    "contract_type_id": "ContractType",
    "currency_id": ("Currency", "currency"),
}


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
    input=ContractInput,
    # Given as data, not references: an unknown customer stays an invalid field here.
    data=lambda input: service_data(input, REFERENCES),
    names=renamed(REFERENCES),
)


@strawberry.type
class ContractMutation(ContractWrites):  # type: ignore[valid-type, misc]
    renew_contract = verb(
        contracts.renew_contract, ContractNode, input=RenewContractInput, data=service_data,
        description="Move the contract's term; the renewal is kept in renewals.",
    )  # fmt: skip
    sign_contract = verb(
        contracts.sign_contract, ContractNode, input=SignContractInput, required=False,
        data=lambda input: None if input is None else service_data(input),
    )  # fmt: skip
    send_contract = send_verb(
        ContractNode,
        contracts.send_contract,
        "Email the contract as a PDF (to the customer's primary contact unless "
        "input says otherwise), then mark it sent.",
    )
    add_contract_comment = add_child(
        contracts.add_contract_comment, ContractNode, ContractCommentType, ("content", str),
        data=lambda content: {"content": content},
    )  # fmt: skip
    delete_contract_comment = child_verb(
        contracts.COMMENTS, ContractCommentType, "contract_id", contracts.delete_contract_comment
    )
