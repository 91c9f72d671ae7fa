"""Who a request is charged to, shared by the request quota and the GraphQL cost budget."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from starlette.types import Scope

from resolvers.core.permissions import Principal


@dataclass
class Charge:
    """One request's account: who pays, and whether the cost budget refused it."""

    key: str
    # Set by the GraphQL cost extension when the cost budget refuses: answer 429.
    retry_after: int | None = None


current_charge: ContextVar[Charge | None] = ContextVar("current_charge", default=None)


def caller_key(scope: Scope) -> str:
    """The token's (or staff member's) id; an anonymous caller by client address."""
    principal: Principal | None = scope.get("principal")
    if principal is not None:
        return f"{principal.kind}:{principal.id}"
    client = scope.get("client")
    return f"anonymous:{client[0] if client else '-'}"


def caller_limit(scope: Scope, default: int) -> int:
    principal: Principal | None = scope.get("principal")
    if principal is not None and principal.rate_limit_per_hour:
        return principal.rate_limit_per_hour
    return default
