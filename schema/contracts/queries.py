"""Reading contracts, those running out, their renewals and comments."""

from __future__ import annotations

import strawberry

from resolvers.contracts import (
    COMMENTS,
    CONTRACTS,
    EXPIRING_DAYS,
    RENEWALS,
    list_contracts,
    list_expired_contracts,
    list_expiring_contracts,
)
from resolvers.core.reading import Order
from schema.fields import connection_field
from schema.roots import roots


@strawberry.type
class ContractQuery:
    contract, contracts = roots(CONTRACTS, list_contracts)
    expiring_contracts = connection_field(
        CONTRACTS,
        list_expiring_contracts,
        description=f"Contracts ending within {EXPIRING_DAYS} days from today, soonest first.",
        order=[Order("end_date")],
    )
    expired_contracts = connection_field(
        CONTRACTS,
        list_expired_contracts,
        description="Contracts whose end date has passed, most recent first.",
        order=[Order("end_date", "desc")],
    )
    contract_renewal, contract_renewals = roots(RENEWALS)
    contract_comment, contract_comments = roots(COMMENTS)
