"""Proposals over GraphQL: to a customer or a lead, with optional lines; sent, accepted,
declined, commented on; reads, permissions and nodes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from gateway.database import Database
from resolvers import leads, proposals
from resolvers.core.context import Ctx, Row
from schema.node import encode_global_id
from tests.factories import make_contact, make_customer, make_staff, make_token
from tests.schema.graph import data, gql, statements

PAYLOAD = """
record {
  id databaseId formattedNumber subject relType proposalTo email status total
  openTill acceptanceEmail
  customer { company } lead { name } assigned { email } currency { name }
  items { nodes { description amount } }
}
userErrors { field code message }
"""
CREATE = f"mutation($input: ProposalInput!) {{ createProposal(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"""
mutation($id: ID!, $input: ProposalInput!) {{
  updateProposal(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
ACTION = "mutation($id: ID!) {{ {name}(id: $id) {{ {payload} }} }}"
ACCEPT = f"""
mutation($id: ID!, $input: AcceptanceInput) {{
  acceptProposal(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
COMMENT = """
mutation($id: ID!, $input: ProposalCommentInput!) {
  addProposalComment(id: $id, input: $input) {
    record { id content proposal { subject comments { totalCount } } staff { email } }
    userErrors { field code message }
  }
}
"""
PAGE = """
query($first: Int!) {
  proposals(first: $first, orderBy: [{field: DATABASE_ID, direction: DESC}]) {
    totalCount
    aggregate { sum { total } }
    nodes {
      formattedNumber subject
      customer { company }
      lead { name }
      items { nodes { description } }
      comments { totalCount nodes { content } }
    }
  }
}
"""


def action(name: str) -> str:
    return ACTION.format(name=name, payload=PAYLOAD)


async def make_lead(ctx: Ctx, name: str = "Lina Haddad") -> Row:
    return await leads.create_lead(ctx, {"name": name, "email": "lina@haddad.example"})


async def make_proposal(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    return await proposals.create_proposal(
        ctx, {"subject": "Website rebuild", "rel_type": "customer", "customer_id": customer_id,
              "items": [{"description": "Design", "rate": 800}], **fields},
    )  # fmt: skip


async def test_a_proposal_to_a_customer_is_written_sent_accepted_and_commented_on(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"], email="karim@zahara.example", is_primary=True)
    owner = await make_staff(db, email="owner@example.com")

    created = data(await gql(
        client, token, CREATE,
        input={"subject": "Website rebuild", "relType": "CUSTOMER",
               "customerId": encode_global_id("Customer", customer["id"]),
               "assignedId": encode_global_id("Staff", owner["id"]),
               "items": [{"description": "Design", "qty": "2", "rate": "400"}]},
    ))["createProposal"]  # fmt: skip

    assert created["userErrors"] == []
    record = created["record"]
    assert record["formattedNumber"] == f"PRO-{record['databaseId']:06d}"
    assert (record["relType"], record["status"], record["total"]) == (
        "customer", "DRAFT", "800.00",
    )  # fmt: skip
    assert (record["proposalTo"], record["email"]) == ("Zahara Foods LLC", "karim@zahara.example")
    assert (record["customer"], record["lead"]) == ({"company": "Zahara Foods LLC"}, None)
    assert record["assigned"] == {"email": "owner@example.com"}
    assert record["currency"] == {"name": "USD"}
    proposal_id = record["id"]

    sent = data(await gql(client, token, action("sendProposal"), id=proposal_id))
    assert sent["sendProposal"]["record"]["status"] == "SENT"
    accepted = data(await gql(
        client, token, ACCEPT, id=proposal_id, input={"acceptanceEmail": "karim@zahara.example"},
    ))["acceptProposal"]["record"]  # fmt: skip
    assert (accepted["status"], accepted["acceptanceEmail"]) == (
        "ACCEPTED", "karim@zahara.example",
    )  # fmt: skip
    declined = data(await gql(client, token, action("declineProposal"), id=proposal_id))
    assert declined["declineProposal"]["record"]["status"] == "DECLINED"

    comment = data(await gql(
        client, token, COMMENT, id=proposal_id, input={"content": "Can we start in May?"},
    ))["addProposalComment"]  # fmt: skip
    assert comment["userErrors"] == []
    assert comment["record"]["content"] == "Can we start in May?"
    assert comment["record"]["proposal"] == {
        "subject": "Website rebuild", "comments": {"totalCount": 1},
    }  # fmt: skip
    empty = data(await gql(client, token, COMMENT, id=proposal_id, input={"content": ""}))
    assert [e["field"] for e in empty["addProposalComment"]["userErrors"]] == ["content"]


async def test_a_proposal_to_a_lead_moves_to_a_customer_and_is_deleted_and_restored(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    lead = await make_lead(ctx)
    customer = await make_customer(ctx)

    created = data(await gql(
        client, token, CREATE,
        input={"subject": "Hosting", "relType": "LEAD", "openTill": "2031-01-01",
               "leadId": encode_global_id("Lead", lead["id"])},
    ))["createProposal"]["record"]  # fmt: skip
    assert (created["lead"], created["proposalTo"], created["total"]) == (
        {"name": "Lina Haddad"}, "Lina Haddad", "0.00",
    )  # fmt: skip
    moved = data(await gql(
        client, token, UPDATE, id=created["id"],
        input={"relType": "CUSTOMER", "customerId": encode_global_id("Customer", customer["id"]),
               "items": [{"description": "Plan", "rate": "20", "qty": "12"}]},
    ))["updateProposal"]["record"]  # fmt: skip
    assert (moved["lead"], moved["customer"], moved["total"]) == (
        None, {"company": "Zahara Foods LLC"}, "240.00",
    )  # fmt: skip

    deleted = data(await gql(client, token, action("deleteProposal"), id=created["id"]))
    assert deleted["deleteProposal"]["userErrors"] == []
    assert await proposals.get_proposal(ctx, created["databaseId"]) is None
    restored = data(await gql(client, token, action("restoreProposal"), id=created["id"]))
    assert restored["restoreProposal"]["record"]["subject"] == "Hosting"


async def test_proposal_failures_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    lead = await make_lead(ctx)
    to_customer = {"subject": "S", "relType": "CUSTOMER",
                   "customerId": encode_global_id("Customer", customer["id"])}  # fmt: skip
    cases: list[tuple[dict[str, Any], str]] = [
        ({**to_customer, "subject": ""}, "subject"),
        ({k: v for k, v in to_customer.items() if k != "subject"}, "subject"),
        ({"subject": "S", "relType": "LEAD"}, "leadId"),
        ({**to_customer, "leadId": encode_global_id("Lead", lead["id"])}, "leadId"),
        ({"subject": "S", "relType": "LEAD", "leadId": encode_global_id("Customer", 1)}, "leadId"),
        ({"subject": "S", "relType": "LEAD", "leadId": encode_global_id("Lead", 999)}, "leadId"),
        ({**to_customer, "email": "not-an-email"}, "email"),
        ({**to_customer, "assignedId": encode_global_id("Staff", 999)}, "assignedId"),
        ({**to_customer, "currencyId": encode_global_id("Currency", 999)}, "currencyId"),
        ({**to_customer, "date": "2030-02-01", "openTill": "2030-01-01"}, "openTill"),
        ({**to_customer, "items": [{"description": "x", "rate": "1",
                                    "taxes": [encode_global_id("Tax", 999)]}]}, "items.0.taxes"),
    ]  # fmt: skip
    for given, field in cases:
        result = data(await gql(client, token, CREATE, input=given))["createProposal"]
        assert result["record"] is None, given
        assert [e["field"] for e in result["userErrors"]] == [field], (given, result)

    closed = await make_proposal(ctx, customer["id"], open_till=dt.date(2020, 1, 1),
                                 date=dt.date(2019, 12, 1))  # fmt: skip
    late = data(await gql(client, token, ACCEPT, id=encode_global_id("Proposal", closed["id"])))
    assert [(e["field"], e["code"]) for e in late["acceptProposal"]["userErrors"]] == [
        ("openTill", "CONFLICT")
    ]


async def test_proposal_pages_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    lead = await make_lead(ctx)
    for n in range(20):
        if n % 2:
            proposal = await make_proposal(ctx, customer["id"], items=[
                {"description": f"Line {n}", "rate": 100 + n}])  # fmt: skip
        else:
            proposal = await proposals.create_proposal(
                ctx, {"subject": f"Lead {n}", "rel_type": "lead", "lead_id": lead["id"]}
            )
        await proposals.add_proposal_comment(ctx, proposal["id"], {"content": f"c{n}"})

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # proposals: page, count, aggregate; customers and leads by id (the newest two are to
    # one of each); lines page; comments page and count
    assert statements(two) == statements(twenty) == 8
    got = data(twenty)["proposals"]
    assert got["aggregate"] == {"sum": {"total": "1100.00"}}
    top = got["nodes"][0]
    assert (top["customer"], top["lead"]) == ({"company": "Zahara Foods LLC"}, None)
    assert top["items"]["nodes"] == [{"description": "Line 19"}]
    assert top["comments"] == {"totalCount": 1, "nodes": [{"content": "c19"}]}
    last = got["nodes"][-1]
    assert (last["customer"], last["lead"]) == (None, {"name": "Lina Haddad"})


async def test_commenting_takes_the_proposals_grant(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    proposal = await make_proposal(ctx, customer["id"])
    reader = (await make_token(db, "proposals:get", name="reader")).token

    body = await gql(
        client, reader, COMMENT, id=encode_global_id("Proposal", proposal["id"]),
        input={"content": "hello"},
    )  # fmt: skip

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["data"] is None


async def test_proposals_their_lines_and_comments_are_nodes(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    proposal = await make_proposal(ctx, customer["id"])
    line = (await proposals.items_by_proposal_id(ctx, [proposal["id"]]))[0][0]
    comment = await proposals.add_proposal_comment(ctx, proposal["id"], {"content": "ok"})
    ids = [
        encode_global_id("Proposal", proposal["id"]),
        encode_global_id("ProposalItem", line["id"]),
        encode_global_id("ProposalComment", comment["id"]),
    ]
    query = """
    query($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on Proposal { subject }
        ... on ProposalItem { description proposal { databaseId } }
        ... on ProposalComment { content proposal { databaseId } }
      }
    }
    """

    got = data(await gql(client, token, query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0], "subject": "Website rebuild"},
        {"id": ids[1], "description": "Design", "proposal": {"databaseId": proposal["id"]}},
        {"id": ids[2], "content": "ok", "proposal": {"databaseId": proposal["id"]}},
    ]
