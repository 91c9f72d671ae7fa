"""The graph edges every priced document declares for itself and its lines."""

from __future__ import annotations

from resolvers.core.resources import Relation, relate


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
