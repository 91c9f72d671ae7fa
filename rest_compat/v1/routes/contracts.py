"""Contracts: the record, which are running out or over, renewing, signing, and the
files and comments on one."""

from __future__ import annotations

from resolvers import contracts
from resolvers.contracts.resource import MAX_EXPIRING_DAYS
from rest_compat.readers import id_and_body
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.contracts import CONTRACT, CONTRACT_IN, RENEW_IN, SIGN_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Parent,
    Q,
    listing,
    pages,
    params,
    record,
    rows_of,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    Q("client", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
    Q("project_id", "integer"),
    Q("contract_type", "integer", "contract_type_id"),
    Q("signed", "boolean"),
    SEARCH,
)
EXPIRING = (Q("days", "integer", description="Within this many days (default 30)",
              maximum=MAX_EXPIRING_DAYS), SEARCH)  # fmt: skip
contract = shaped(CONTRACT)
get = contracts.get_contract
CONTRACT_ROWS = Parent("/api/v1/contracts", get, "Contract")

ROUTES = [
    *crud_rows("/api/v1/contracts", Noun("contract"),
               Crud(contracts.list_contracts, contracts.create_contract, get,
                    contracts.update_contract, contracts.delete_contract),
               contract, CONTRACT_IN, FILTERS),
    R("GET", "/api/v1/contracts/expiring", contracts.list_expiring_contracts, pages(*EXPIRING),
      listing(contract), "List contracts that are about to expire", query=params(*EXPIRING)),
    R("GET", "/api/v1/contracts/expired", contracts.list_expired_contracts, pages(SEARCH),
      listing(contract), "List expired contracts", query=params(SEARCH)),
    CONTRACT_ROWS.row("POST", "renew", contracts.renew_contract, id_and_body(),
                      record(contract), "Renew an existing contract", fields=RENEW_IN),
    CONTRACT_ROWS.row("POST", "sign", contracts.sign_contract, id_and_body(), record(contract),
                      "Sign a contract", fields=SIGN_IN),
    CONTRACT_ROWS.files("attachments", "List attachments for a contract"),
    CONTRACT_ROWS.list("comments", contracts.list_contract_comments,
                       rows_of("contract_comments"), "List comments for a contract"),
]  # fmt: skip
