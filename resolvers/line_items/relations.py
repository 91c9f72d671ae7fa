"""How every priced document is declared: itself and its lines as resources, and the
graph edges they share."""

from __future__ import annotations

from sqlmodel import SQLModel

from resolvers.core.resources import Relation, Resource, Verbs, register, relate
from resolvers.line_items.store import Kind
from resolvers.models import table_of


def declare_document(
    kind: Kind, search: tuple[str, ...], verbs: Verbs, *, billed: bool = True
) -> tuple[Resource, Resource]:
    """Register the document and its lines; a billed document also reaches its
    customer, currency, addresses' countries and project."""
    document = register(Resource(kind.resource, kind.model, kind.label, search, verbs=verbs))
    if billed:
        relate_customer(kind.resource)
        relate_addresses(kind.resource)
        relate_project(kind.resource)
    lines = declare_part(
        kind, "items", kind.line_model, f"{kind.label.capitalize()} item",
        ("description", "long_description"),
    )  # fmt: skip
    relate(lines.name, "item", Relation("items", "one", "item_id"))
    relate("items", lines.name, Relation(lines.name, "many", "item_id"))
    relate(lines.name, "tax", Relation("taxes", "one", "tax_id"))
    relate(lines.name, "tax2", Relation("taxes", "one", "tax2_id"))
    return document, lines


def declare_part(
    kind: Kind, edge: str, model: type[SQLModel], label: str, search: tuple[str, ...] = ()
) -> Resource:
    """A record that belongs to one document (a line, a refund, a comment), read under
    the document's permission: document.<edge> <-> part.<document>."""
    part = register(Resource(table_of(model).name, model, label, search, permission=kind.resource))
    relate(kind.resource, edge, Relation(part.name, "many", kind.parent))
    relate(part.name, kind.singular, Relation(kind.resource, "one", kind.parent))
    return part


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
