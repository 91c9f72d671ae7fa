"""Writing customers: one at a time (with its contacts, if sent), as a batch, in bulk,
merged into another, or purged for good."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry
from strawberry.tools import merge_types

from resolvers import customers
from resolvers.core.context import Ctx, Row
from schema.calls import mutation
from schema.customers.bulk import CustomerBulkMutation
from schema.customers.inputs import CustomerContactInput, CustomerInput, customer_data
from schema.customers.types import CustomerType
from schema.inputs import given
from schema.verbs import verb
from schema.writes import mutations


def _create(
    ctx: Ctx, input: CustomerInput, contacts: list[CustomerContactInput] | None
) -> Awaitable[Row]:
    if contacts is None:
        return customers.create_customer(ctx, given(input))
    return customers.create_customer_with_contacts(ctx, customer_data(input, contacts))


@strawberry.type
class CustomerSingleMutation:
    create_customer = mutation(
        CustomerType,
        {"input": CustomerInput, "contacts": (list[CustomerContactInput] | None, None)},
        _create,
        "A customer; `contacts`, when given, are written with it in one transaction (all of "
        "them or none, and then no customer either).",
    )
    update_customer = verb(customers.update_customer, CustomerType, input=CustomerInput)


CustomerMutation = merge_types(
    "CustomerMutation",
    (CustomerSingleMutation, mutations(customers.CUSTOMERS, CustomerType), CustomerBulkMutation),
)
