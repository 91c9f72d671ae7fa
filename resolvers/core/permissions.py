"""Who may do what: one check for GraphQL and every REST dialect.

A grant is "resource:action" (as Perfex's API management screen offers: get, search,
create, update, delete per resource) or "*" for everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from resolvers.core.errors import Forbidden, Unauthenticated

ACTIONS = ("get", "search", "create", "update", "delete")

RESOURCES = (
    "customers", "contacts", "leads", "invoices", "payments", "estimates", "proposals",
    "contracts", "credit_notes", "subscriptions", "projects", "milestones", "tasks",
    "timesheets", "tickets", "staff", "expenses", "items", "notes", "files", "calendar",
    "custom_fields", "webhooks", "transactions", "reports", "lookups",
    # The operator's own tables behind perfex's thirdparty/customtable paths, all of them.
    "customtable",
)  # fmt: skip

ALL = "*"
# The reference lists every form needs (a token that may create invoices must see taxes
# and currencies): reading them takes any grant at all. Not grantable itself, so no
# credential names it; the lists holding more than a form needs (bank accounts, roles'
# permission lists) are read under a real grant instead (resolvers.reference.resource).
REFERENCE = "reference"


def parse_grants(text: str) -> frozenset[str]:
    grants = frozenset(part for part in text.replace(",", " ").split() if part)
    for grant in grants:
        validate_grant(grant)
    return grants


def validate_grant(grant: str) -> None:
    if grant == ALL:
        return
    resource, _, action = grant.partition(":")
    if resource not in RESOURCES or action not in ACTIONS:
        raise ValueError(
            f"unknown permission {grant!r}: use RESOURCE:ACTION with a resource from "
            f"{', '.join(RESOURCES)} and an action from {', '.join(ACTIONS)}"
        )


@dataclass(frozen=True)
class Principal:
    kind: Literal["token", "staff"]
    id: int
    name: str
    grants: frozenset[str]
    staff_id: int | None = None
    rate_limit_per_hour: int | None = None
    # When the credential stops being valid (a token's expiry, a JWT's exp); None: never.
    expires_at: datetime | None = None

    def can(self, resource: str, action: str) -> bool:
        if ALL in self.grants or f"{resource}:{action}" in self.grants:
            return True
        return resource == REFERENCE and action in ("get", "search") and bool(self.grants)


def may_read(principal: Principal | None, resource: str) -> bool:
    """Whether a reply may show `resource`'s records beside another record's: the same
    grant as reading them on their own path, so no transport shows more than another."""
    return principal is not None and principal.can(resource, "get")


def require(principal: Principal | None, resource: str, action: str) -> Principal:
    if principal is None:
        raise Unauthenticated()
    if not principal.can(resource, action):
        # The reference lists' own grant: lookups:get reads them (and any other grant).
        raise Forbidden("lookups" if resource == REFERENCE else resource, action)
    return principal
