"""Writing the reference lists: create, update, delete and restore for each list the
service layer lets administrators change, e.g. createTax, updatePaymentMode."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.tools import merge_types

from resolvers import reference
from schema.lookups import inputs
from schema.lookups.references import References
from schema.lookups.types import NODES, lookup
from schema.writes import Writer, mutations


@dataclass(frozen=True)
class Writable:
    name: str
    input: type
    references: References = field(default_factory=dict)


WRITABLE = (
    Writable("currencies", inputs.CurrencyInput),
    Writable("taxes", inputs.TaxInput),
    Writable("payment_modes", inputs.PaymentModeInput),
    Writable("customer_groups", inputs.NameInput),
    Writable("lead_statuses", inputs.StatusInput),
    Writable("lead_sources", inputs.NameInput),
    Writable("ticket_statuses", inputs.StatusInput),
    Writable("ticket_priorities", inputs.NameInput),
    Writable("ticket_services", inputs.NameInput),
    Writable("departments", inputs.DepartmentInput),
    Writable("roles", inputs.RoleInput),
    Writable("contract_types", inputs.NameInput),
    Writable("expense_categories", inputs.ExpenseCategoryInput),
    Writable("accounts", inputs.AccountInput, {"currency_id": ("Currency", "currency")}),
)


def _mutations(spec: Writable) -> type:
    """create/update/delete/restore<Type> for one list."""
    name, node = spec.name, NODES[spec.name]
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
        lookup(name), node, input=spec.input,
        references=spec.references, descriptions=descriptions, writer=writer,
    )  # fmt: skip


LookupMutation = merge_types("LookupMutation", tuple(_mutations(spec) for spec in WRITABLE))
