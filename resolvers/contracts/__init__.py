"""Contracts: the contracts themselves, renewals and signatures, and comments."""

from resolvers.contracts.actions import (
    RENEWALS,
    RenewInput,
    SignInput,
    list_contract_renewals,
    renew_contract,
    send_contract,
    sign_contract,
)
from resolvers.contracts.comments import (
    COMMENTS,
    add_contract_comment,
    delete_contract_comment,
    list_contract_comments,
)
from resolvers.contracts.resource import (
    CONTRACTS,
    EXPIRING_DAYS,
    RESOURCE,
    ContractFields,
    create_contract,
    delete_contract,
    get_contract,
    list_contracts,
    list_expired_contracts,
    list_expiring_contracts,
    restore_contract,
    update_contract,
)

__all__ = [
    "COMMENTS",
    "CONTRACTS",
    "EXPIRING_DAYS",
    "RENEWALS",
    "RESOURCE",
    "ContractFields",
    "RenewInput",
    "SignInput",
    "add_contract_comment",
    "create_contract",
    "delete_contract",
    "delete_contract_comment",
    "get_contract",
    "list_contract_comments",
    "list_contract_renewals",
    "list_contracts",
    "list_expired_contracts",
    "list_expiring_contracts",
    "renew_contract",
    "restore_contract",
    "send_contract",
    "sign_contract",
    "update_contract",
]
