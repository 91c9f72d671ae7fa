"""Writing the reference lists: create, update, delete and restore for each list the
service layer lets administrators change, e.g. createTax, updatePaymentMode."""

from __future__ import annotations

from strawberry.tools import merge_types

from resolvers import reference
from schema.lookups import inputs
from schema.lookups.references import References
from schema.lookups.types import NODES, lookup
from schema.writes import Writer, mutations

# The lists administrators may change, by list name, with the input each takes.
WRITABLE = {
    "currencies": inputs.CurrencyInput,
    "taxes": inputs.TaxInput,
    "payment_modes": inputs.PaymentModeInput,
    "customer_groups": inputs.NameInput,
    "lead_statuses": inputs.StatusInput,
    "lead_sources": inputs.NameInput,
    "ticket_statuses": inputs.StatusInput,
    "ticket_priorities": inputs.NameInput,
    "ticket_services": inputs.NameInput,
    "departments": inputs.DepartmentInput,
    "roles": inputs.RoleInput,
    "contract_types": inputs.NameInput,
    "expense_categories": inputs.ExpenseCategoryInput,
    "accounts": inputs.AccountInput,
}
REFERENCES: dict[str, References] = {"accounts": {"currency_id": ("Currency", "currency")}}


def _mutations(name: str, input: type) -> type:
    """create/update/delete/restore<Type> for one list."""
    node = NODES[name]
    writer = Writer(
        lambda ctx, data: reference.create_lookup(ctx, name, data),
        lambda ctx, pk, data: reference.update_lookup(ctx, name, pk, data),
        lambda ctx, pk: reference.delete_lookup(ctx, name, pk),
        lambda ctx, pk: reference.restore_lookup(ctx, name, pk),
    )
    descriptions = {
        "create": f"Add a {node.graphql_name()} row.",
        "update": "Change the fields given.",
        "delete": "Retire a row no live record uses; the default row stays.",
        "restore": "Bring a deleted row back.",
    }
    return mutations(
        lookup(name), node, input=input, references=REFERENCES.get(name),
        descriptions=descriptions, writer=writer,
    )  # fmt: skip


LookupMutation = merge_types("LookupMutation", tuple(_mutations(n, i) for n, i in WRITABLE.items()))
