"""How every priced document is declared: itself and its lines as resources, and the
graph edges they share."""

from __future__ import annotations

from sqlmodel import SQLModel

from resolvers.core.resources import Relation, Resource, Verbs, register, relate
from resolvers.line_items.store import Kind


def declare_document(
    kind: Kind,
    model: type[SQLModel],
    line_model: type[SQLModel],
    search: tuple[str, ...],
    verbs: Verbs,
    *,
    billed: bool = True,
) -> tuple[Resource, Resource]:
    """Register the document and its lines (read under the document's permission); a
    billed document also reaches its customer, currency, addresses' countries and
    project."""
    document = register(Resource(kind.resource, model, kind.label, search, verbs=verbs))
    lines = register(
        Resource(
            name=kind.items.name,
            model=line_model,
            label=f"{kind.label.capitalize()} item",
            search=("description", "long_description"),
            permission=kind.resource,
        )
    )
    if billed:
        relate_customer(kind.resource)
        relate_addresses(kind.resource)
        relate_project(kind.resource)
    relate_lines(kind.resource, kind.parent.removesuffix("_id"), lines.name, kind.parent)
    return document, lines


def relate_lines(resource: str, singular: str, lines: str, parent: str) -> None:
    """document.items <-> line.<singular>, and each line's catalogue item and taxes."""
    relate(resource, "items", Relation(lines, "many", parent))
    relate(lines, singular, Relation(resource, "one", parent))
    relate(lines, "item", Relation("items", "one", "item_id"))
    relate("items", lines, Relation(lines, "many", "item_id"))
    relate(lines, "tax", Relation("taxes", "one", "tax_id"))
    relate(lines, "tax2", Relation("taxes", "one", "tax2_id"))


def relate_customer(resource: str) -> None:
    relate(resource, "customer", Relation("customers", "one", "customer_id"))
    relate("customers", resource, Relation(resource, "many", "customer_id"))


def relate_addresses(resource: str) -> None:
    relate(resource, "currency", Relation("currencies", "one", "currency_id"))
    relate(resource, "billing_country", Relation("countries", "one", "billing_country_id"))
    relate(resource, "shipping_country", Relation("countries", "one", "shipping_country_id"))


def relate_project(resource: str) -> None:
    relate(resource, "project", Relation("projects", "one", "project_id"))
    relate("projects", resource, Relation(resource, "many", "project_id"))
