"""Contracts over the real app: reads with their type, renewals and comments, figures on
the contract value, every write and its userErrors, permissions and node(id:) round trips."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import contracts
from resolvers.core.context import Ctx
from resolvers.models import ContractType, Currency, table_of
from resolvers.projects.common import today
from tests.factories import make_token
from tests.schema.graph import data, gql, statements
from tests.schema.test_projects_graph import (
    errors_of,
    forbidden,
    gid,
    made_id,
    make_customer,
    make_project,
    payload,
)


async def lookup_id(db: Database, model: type, column: str, value: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.scalar(select(table.c.id).where(table.c[column] == value))
    assert found is not None, value
    return int(found)


VALUES = """
query Values($filter: ContractFilter) {
  contracts(filter: $filter, orderBy: [{field: CONTRACT_VALUE, direction: DESC}]) {
    totalCount
    nodes {
      subject contractValue startDate endDate signed
      customer { company } type { name } project { name }
      renewals { nodes { oldEndDate newEndDate oldValue newValue } }
      comments { nodes { content } }
    }
    aggregate { sum { contractValue } avg { contractValue } min { endDate } }
  }
}
"""


async def test_contracts_read_with_their_neighbours_and_figures(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    project = await make_project(ctx, customer["id"])
    support = await lookup_id(db, ContractType, "name", "Support")
    made = []
    for n, value in enumerate(("1200.00", "800.50", "99.99")):
        made.append(
            await contracts.create_contract(
                ctx,
                {"subject": f"Deal {n}", "customer_id": customer["id"], "start_date": "2026-01-01",
                 "end_date": f"2026-1{n}-01", "contract_value": value, "contract_type_id": support,
                 "project_id": project["id"]},
            )
        )  # fmt: skip
    await contracts.renew_contract(ctx, made[0]["id"], {"end_date": "2027-10-01"})
    await contracts.add_contract_comment(ctx, made[0]["id"], {"content": "Renewed early"})

    body = await gql(client, token, VALUES, filter={"contractValue": {"gte": "100"}})

    # page + count + figures; customers, types, projects by id; renewals; comments
    assert statements(body) == 8
    got = data(body)["contracts"]
    assert got["totalCount"] == 2
    big, mid = got["nodes"]
    assert (big["subject"], big["contractValue"], big["endDate"]) == (
        "Deal 0",
        "1200.00",
        "2027-10-01",
    )
    assert big["customer"] == {"company": "Zahara Foods LLC"} and big["type"] == {"name": "Support"}
    assert big["project"] == {"name": "ERP rollout"}
    assert big["renewals"]["nodes"] == [
        {"oldEndDate": "2026-10-01", "newEndDate": "2027-10-01", "oldValue": "1200.00",
         "newValue": "1200.00"},
    ]  # fmt: skip
    assert big["comments"]["nodes"] == [{"content": "Renewed early"}]
    assert mid["subject"] == "Deal 1" and mid["renewals"]["nodes"] == []
    assert got["aggregate"] == {
        "sum": {"contractValue": "2000.50"},
        "avg": {"contractValue": "1000.25"},
        "min": {"endDate": "2026-11-01"},
    }


EXPIRING = """
{
  expiringContracts { nodes { subject } }
  expiredContracts { nodes { subject } }
}
"""


async def test_contracts_running_out_and_run_out(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    now = today()
    for subject, days in (("Soon", 10), ("Later", 90), ("Past", -5), ("Long past", -50)):
        await contracts.create_contract(
            ctx,
            {"subject": subject, "customer_id": customer["id"],
             "start_date": now - dt.timedelta(days=400), "end_date": now + dt.timedelta(days=days)},
        )  # fmt: skip

    got = data(await gql(client, token, EXPIRING))

    assert got["expiringContracts"]["nodes"] == [{"subject": "Soon"}]
    assert got["expiredContracts"]["nodes"] == [{"subject": "Past"}, {"subject": "Long past"}]


CREATE = """
mutation Make($input: ContractInput!) {
  createContract(input: $input) {
    record { id subject contractValue customer { company } type { name } currency { name } }
    userErrors { field code message }
  }
}
"""
LIFE = """
mutation Life($id: ID!, $input: ContractInput!) {
  updateContract(id: $id, input: $input) { record { subject endDate } userErrors { field code } }
  deleteContract(id: $id) { record { subject } userErrors { field code } }
  restoreContract(id: $id) { record { subject } userErrors { field code } }
}
"""


async def test_contracts_are_created_updated_deleted_and_restored(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    cid = gid("Customer", customer["id"])
    consulting = gid("ContractType", await lookup_id(db, ContractType, "name", "Consulting"))
    aed = await lookup_id(db, Currency, "name", "AED")

    made = payload(
        await gql(
            client, token, CREATE,
            input={"subject": "Retainer", "customerId": cid, "startDate": "2026-01-01",
                   "contractValue": "5000", "contractTypeId": consulting,
                   "currencyId": gid("Currency", aed)},
        ),
        "createContract",
    )["record"]  # fmt: skip
    assert (made["subject"], made["contractValue"]) == ("Retainer", "5000.00")
    assert made["customer"] == {"company": "Zahara Foods LLC"}
    assert made["type"] == {"name": "Consulting"} and made["currency"] == {"name": "AED"}

    life = data(await gql(client, token, LIFE, id=made["id"], input={"endDate": "2026-12-31"}))
    assert life["updateContract"]["record"] == {"subject": "Retainer", "endDate": "2026-12-31"}
    assert life["deleteContract"]["record"] == life["restoreContract"]["record"]
    assert await contracts.get_contract(ctx, made_id(made)) is not None

    base = {"subject": "X", "customerId": cid, "startDate": "2026-01-01"}
    cases = [
        ({"customerId": cid, "startDate": "2026-01-01"}, {"subject": "INVALID"}),
        ({**base, "endDate": "2025-12-31"}, {"endDate": "INVALID"}),
        ({**base, "currencyId": gid("Customer", 1)}, {"currencyId": "INVALID"}),
        ({**base, "currencyId": gid("Currency", 999)}, {"currencyId": "INVALID"}),
        ({**base, "contractTypeId": gid("ContractType", 999)}, {"contractTypeId": "INVALID"}),
        ({**base, "customerId": gid("Customer", 999)}, {"customerId": "INVALID"}),
        ({**base, "contractValue": "-5"}, {"contractValue": "INVALID"}),
    ]  # fmt: skip
    for given, expected in cases:
        body = await gql(client, token, CREATE, input=given)
        assert errors_of(body, "createContract") == expected, given
    other = await make_customer(db, "Other Co")
    theirs = await make_project(ctx, other["id"], name="Theirs")
    foreign = await gql(
        client, token, CREATE, input={**base, "projectId": gid("Project", theirs["id"])}
    )
    # Both ids name live records: the project's customer refuses the pair.
    assert errors_of(foreign, "createContract") == {"projectId": "CONFLICT"}


RENEW_AND_SIGN = """
mutation Deal($id: ID!, $renew: RenewContractInput!, $sign: SignContractInput) {
  renewContract(id: $id, input: $renew) {
    record { startDate endDate contractValue signed renewals { totalCount } }
    userErrors { field code message }
  }
  signContract(id: $id, input: $sign) {
    record { signed markedAsSigned signedAt acceptanceFirstname acceptanceEmail acceptedAt }
    userErrors { field code message }
  }
}
"""
COMMENT = """
mutation Say($id: ID!) {
  addContractComment(id: $id, content: "Signed in person") {
    record { id content contract { subject } } userErrors { field code }
  }
}
"""
UNSAY = """
mutation Unsay($id: ID!) {
  deleteContractComment(id: $id) { record { content } userErrors { field code } }
}
"""


async def test_contracts_are_renewed_signed_and_commented(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    contract = await contracts.create_contract(
        ctx,
        {"subject": "Retainer", "customer_id": customer["id"], "start_date": "2026-01-01",
         "end_date": "2026-12-31", "contract_value": "100"},
    )  # fmt: skip
    cid = gid("Contract", contract["id"])

    done = data(
        await gql(
            client, token, RENEW_AND_SIGN, id=cid,
            renew={"endDate": "2027-12-31", "startDate": "2027-01-01", "contractValue": "150"},
            sign={"acceptanceFirstname": "Karim", "acceptanceEmail": "K@Zahara.ae",
                  "signature": "Karim Rahman"},
        )
    )  # fmt: skip

    assert done["renewContract"]["record"] == {
        "startDate": "2027-01-01", "endDate": "2027-12-31", "contractValue": "150.00",
        "signed": False, "renewals": {"totalCount": 1},
    }  # fmt: skip
    signed = done["signContract"]["record"]
    assert signed["signed"] is True and signed["markedAsSigned"] is False
    assert (signed["acceptanceFirstname"], signed["acceptanceEmail"]) == ("Karim", "k@zahara.ae")
    assert signed["signedAt"] is not None and signed["acceptedAt"] is not None

    twice = data(
        await gql(
            client, token, RENEW_AND_SIGN, id=cid,
            renew={"endDate": "2026-06-30", "startDate": "2027-01-01"}, sign=None,
        )
    )  # fmt: skip
    assert [(e["field"], e["code"]) for e in twice["renewContract"]["userErrors"]] == [
        ("endDate", "INVALID")
    ]
    assert [(e["field"], e["code"]) for e in twice["signContract"]["userErrors"]] == [
        ("signed", "CONFLICT")
    ]

    said = payload(await gql(client, token, COMMENT, id=cid), "addContractComment")["record"]
    assert said["content"] == "Signed in person" and said["contract"] == {"subject": "Retainer"}
    unsaid = payload(await gql(client, token, UNSAY, id=said["id"]), "deleteContractComment")
    assert unsaid["record"] == {"content": "Signed in person"}
    again = await gql(client, token, UNSAY, id=said["id"])
    assert errors_of(again, "deleteContractComment") == {None: "NOT_FOUND"}


NODES = """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Contract { subject }
    ... on ContractRenewal { newEndDate }
    ... on ContractComment { content }
  }
}
"""


async def test_contract_types_are_nodes_and_need_their_grant(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(db)
    contract = await contracts.create_contract(
        ctx, {"subject": "Retainer", "customer_id": customer["id"], "start_date": "2026-01-01"}
    )
    renewed = await contracts.renew_contract(ctx, contract["id"], {"end_date": "2027-01-01"})
    renewal = (await contracts.list_contract_renewals(ctx, renewed["id"]))[0]
    comment = await contracts.add_contract_comment(ctx, contract["id"], {"content": "Hi"})
    ids = [gid("Contract", contract["id"]), gid("ContractRenewal", renewal["id"]),
           gid("ContractComment", comment["id"])]  # fmt: skip
    reader = (await make_token(db, "contracts:get", name="reader")).token
    outsider = (await make_token(db, "customers:get", name="outsider")).token

    got = data(await gql(client, reader, NODES, ids=ids))["nodes"]

    assert got == [
        {"__typename": "Contract", "subject": "Retainer"},
        {"__typename": "ContractRenewal", "newEndDate": "2027-01-01"},
        {"__typename": "ContractComment", "content": "Hi"},
    ]
    sign = await gql(
        client, reader, "mutation($id: ID!) { signContract(id: $id) { record { signed } } }",
        id=ids[0],
    )  # fmt: skip
    assert forbidden(sign) and "contracts" in sign["errors"][0]["message"]
    assert (await contracts.get_contract(ctx, contract["id"]) or {})["signed"] is False
    assert forbidden(await gql(client, outsider, "{ contracts { totalCount } }"))
