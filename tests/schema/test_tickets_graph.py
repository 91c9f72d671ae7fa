"""Tickets over the real app: replies read in batches, lookups and people, the history
feed, every write and its userErrors, permissions and node(id:) round trips."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import tickets
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import Contact, Department, TicketPriority, TicketStatus, table_of
from tests.factories import make_token
from tests.schema.graph import data, gql, statements
from tests.schema.test_projects_graph import (
    errors_of,
    forbidden,
    gid,
    made_id,
    make_customer,
    make_project,
    make_staff,
    payload,
)


async def make_contact(db: Database, customer_id: int, n: int = 1) -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn,
            table_of(Contact),
            {"customer_id": customer_id, "firstname": f"Karim{n}", "email": f"k{n}@zahara.ae"},
        )


async def lookup_id(db: Database, model: type, name: str) -> int:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.scalar(select(table.c.id).where(table.c.name == name))
    assert found is not None, name
    return int(found)


THREADS = """
query Threads($first: Int!) {
  tickets(first: $first, orderBy: [{field: SUBJECT}]) {
    totalCount
    nodes {
      subject
      status { name }
      replies(first: 2) { totalCount nodes { message staff { firstname } contact { firstname } } }
    }
  }
}
"""


async def test_tickets_and_their_replies_cost_the_same_for_1_or_20(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    contact = await make_contact(db, customer["id"])
    sara = await make_staff(db)
    for n in range(20):
        ticket = await tickets.create_ticket(
            ctx, {"subject": f"Issue {n:02}", "contact_id": contact["id"]}
        )
        await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Any news?"})
        await tickets.reply_to_ticket(
            ctx, ticket["id"], {"message": "Looking", "staff_id": sara["id"]}
        )
        await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Thanks"})

    one = await gql(client, token, THREADS, first=1)
    twenty = await gql(client, token, THREADS, first=20)

    # tickets: page + count; statuses by id; replies: page + count; staff and contacts by id
    assert statements(one) == statements(twenty) == 7
    got = data(twenty)["tickets"]
    assert got["totalCount"] == 20 and len(got["nodes"]) == 20
    for node in got["nodes"]:
        assert node["status"] == {"name": "Open"}
        assert node["replies"]["totalCount"] == 3
        assert node["replies"]["nodes"] == [
            {"message": "Any news?", "staff": None, "contact": {"firstname": "Karim1"}},
            {"message": "Looking", "staff": {"firstname": "Staff1"}, "contact": None},
        ]


TICKET = """
query One($id: ID!) {
  ticket(id: $id) {
    subject message tags lastReplyAt adminRead clientRead
    customer { company } contact { firstname } department { name } priority { name }
    status { name } service { name } project { name } assignee { firstname }
    replies { nodes { message ticket { subject } } }
    history(first: 10) {
      totalCount
      pageInfo { hasNextPage }
      nodes { type resource recordId actorType actor { firstname } changes }
    }
  }
}
"""


async def test_a_ticket_reads_with_its_lookups_people_and_history(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    contact = await make_contact(db, customer["id"])
    project = await make_project(ctx, customer["id"])
    sara = await make_staff(db)
    ticket = await tickets.create_ticket(
        ctx,
        {"subject": "Login fails", "message": "Since Monday", "contact_id": contact["id"],
         "department_id": await lookup_id(db, Department, "Support"), "priority": "high",
         "service_id": 1, "project_id": project["id"], "tags": "auth,urgent"},
    )  # fmt: skip
    await tickets.assign_ticket(ctx, ticket["id"], sara["id"])
    as_sara = Principal(kind="staff", id=sara["id"], name="sara", grants=frozenset({"*"}),
                        staff_id=sara["id"])  # fmt: skip
    await tickets.reply_to_ticket(Ctx(db=db, principal=as_sara), ticket["id"], {"message": "On it"})

    got = data(await gql(client, token, TICKET, id=gid("Ticket", ticket["id"])))["ticket"]

    assert (got["subject"], got["message"], got["tags"]) == (
        "Login fails",
        "Since Monday",
        "auth,urgent",
    )
    assert got["lastReplyAt"] is not None and got["adminRead"] is True
    assert got["customer"] == {"company": "Zahara Foods LLC"}
    assert got["contact"] == {"firstname": "Karim1"}
    assert got["department"] == {"name": "Support"} and got["priority"] == {"name": "High"}
    assert got["status"] == {"name": "Answered"} and got["service"] is not None
    assert got["project"] == {"name": "ERP rollout"} and got["assignee"] == {"firstname": "Staff1"}
    assert got["replies"]["nodes"] == [{"message": "On it", "ticket": {"subject": "Login fails"}}]
    history = got["history"]
    assert history["totalCount"] == 3 and history["pageInfo"] == {"hasNextPage": False}
    assert [e["type"] for e in history["nodes"]] == [
        "ticket.created", "ticket.assigned", "ticket.replied",
    ]  # fmt: skip
    created, assigned, replied = history["nodes"]
    assert created["recordId"] == gid("Ticket", ticket["id"]) and created["resource"] == "ticket"
    assert created["changes"] == {"subject": "Login fails"}
    assert (assigned["actorType"], assigned["actor"]) == ("token", None)
    assert assigned["changes"] == {"assigned_id": [None, sara["id"]]}
    assert (replied["actorType"], replied["actor"]) == ("staff", {"firstname": "Staff1"})
    assert replied["changes"]["from"] == "staff"


CREATE = """
mutation Open($input: TicketInput!) {
  createTicket(input: $input) {
    record { id subject customer { company } contact { firstname } priority { name }
             status { name } department { name } assignee { firstname } }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation Edit($id: ID!, $input: TicketInput!) {
  updateTicket(id: $id, input: $input) {
    record { subject priority { name } status { name } } userErrors { field code message }
  }
}
"""
LIFE = """
mutation Life($id: ID!) {
  deleteTicket(id: $id) { record { subject } userErrors { field code } }
  restoreTicket(id: $id) { record { subject } userErrors { field code } }
}
"""


async def test_tickets_are_opened_updated_deleted_and_restored(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    contact = await make_contact(db, customer["id"])
    sara = await make_staff(db)
    high = gid("TicketPriority", await lookup_id(db, TicketPriority, "High"))
    closed = gid("TicketStatus", await lookup_id(db, TicketStatus, "Closed"))

    opened = payload(
        await gql(
            client, token, CREATE,
            input={"subject": "Login fails", "contactId": gid("Contact", contact["id"]),
                   "priority": high, "assignedId": gid("Staff", sara["id"]),
                   "departmentId": gid("Department", await lookup_id(db, Department, "Sales"))},
        ),
        "createTicket",
    )["record"]  # fmt: skip
    assert opened["customer"] == {"company": "Zahara Foods LLC"}
    assert opened["contact"] == {"firstname": "Karim1"}
    assert (opened["priority"], opened["status"]) == ({"name": "High"}, {"name": "Open"})
    assert opened["department"] == {"name": "Sales"}
    assert opened["assignee"] == {"firstname": "Staff1"}

    edited = payload(
        await gql(
            client, token, UPDATE, id=opened["id"],
            input={"subject": "Login fails on mobile", "priority": None, "status": closed},
        ),
        "updateTicket",
    )["record"]  # fmt: skip
    assert edited == {"subject": "Login fails on mobile", "priority": None,
                      "status": {"name": "Closed"}}  # fmt: skip
    life = data(await gql(client, token, LIFE, id=opened["id"]))
    assert life["deleteTicket"]["record"] == life["restoreTicket"]["record"]
    assert await tickets.get_ticket(ctx, made_id(opened)) is not None


async def test_ticket_writes_answer_user_errors_in_input_terms(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    other = await make_customer(db, "Other Co")
    contact = await make_contact(db, customer["id"])
    foreign = await make_project(ctx, other["id"], name="Theirs")
    sales = gid("Department", await lookup_id(db, Department, "Sales"))

    cases = [
        ({}, {"subject": "INVALID"}),
        ({"subject": "S", "status": sales}, {"status": "INVALID"}),
        ({"subject": "S", "status": gid("TicketStatus", 999)}, {"status": "INVALID"}),
        ({"subject": "S", "priority": gid("TicketPriority", 999)}, {"priority": "INVALID"}),
        ({"subject": "S", "departmentId": gid("Department", 999)}, {"departmentId": "INVALID"}),
        ({"subject": "S", "contactId": gid("Contact", contact["id"]),
          "customerId": gid("Customer", other["id"])}, {"contactId": "CONFLICT"}),
        ({"subject": "S", "contactId": gid("Contact", contact["id"]),
          "projectId": gid("Project", foreign["id"])}, {"projectId": "CONFLICT"}),
        ({"subject": "S", "email": "not-an-email"}, {"email": "INVALID"}),
        ({"subject": "S", "assignedId": gid("Contact", contact["id"])}, {"assignedId": "INVALID"}),
    ]  # fmt: skip
    for given, expected in cases:
        body = await gql(client, token, CREATE, input=given)
        assert errors_of(body, "createTicket") == expected, given
    assert data(await gql(client, token, "{ tickets { totalCount } }"))["tickets"] == {
        "totalCount": 0
    }


ACT = """
mutation Act($id: ID!, $staff: ID, $status: ID!, $reply: TicketReplyInput!) {
  replyToTicket(id: $id, input: $reply) {
    record { id message staff { firstname } contact { firstname } ticket { status { name } } }
    userErrors { field code message }
  }
  assignTicket(id: $id, staffId: $staff) {
    record { assignee { firstname } } userErrors { field code message }
  }
  setTicketStatus(id: $id, status: $status) {
    record { status { name } } userErrors { field code message }
  }
}
"""


async def test_replies_assignment_and_status_move_the_ticket(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    contact = await make_contact(db, customer["id"])
    sara = await make_staff(db)
    ticket = await tickets.create_ticket(ctx, {"subject": "Slow", "contact_id": contact["id"]})
    tid = gid("Ticket", ticket["id"])
    closed = gid("TicketStatus", await lookup_id(db, TicketStatus, "Closed"))

    done = data(
        await gql(
            client, token, ACT, id=tid, staff=gid("Staff", sara["id"]), status=closed,
            reply={"message": "Fixed", "staffId": gid("Staff", sara["id"])},
        )
    )  # fmt: skip

    reply = done["replyToTicket"]["record"]
    assert reply["message"] == "Fixed" and reply["staff"] == {"firstname": "Staff1"}
    assert reply["contact"] is None and reply["ticket"] == {"status": {"name": "Answered"}}
    assert done["assignTicket"]["record"] == {"assignee": {"firstname": "Staff1"}}
    assert done["setTicketStatus"]["record"] == {"status": {"name": "Closed"}}
    history = await tickets.ticket_history(ctx, ticket["id"], PageArgs(first=50))
    assert [e["type"] for e in history.rows][-1] == "ticket.closed"

    customer_side = data(
        await gql(
            client, token, ACT, id=tid, staff=None, status=closed,
            reply={"message": "Still slow"},
        )
    )  # fmt: skip
    answer = customer_side["replyToTicket"]["record"]
    assert answer["contact"] == {"firstname": "Karim1"}
    assert answer["ticket"] == {"status": {"name": "Open"}}
    assert customer_side["assignTicket"]["record"] == {"assignee": None}

    refused = data(
        await gql(
            client, token, ACT, id=tid, staff=gid("Staff", 999), status=gid("Ticket", 1),
            reply={"message": "", "contactId": gid("Contact", contact["id"])},
        )
    )  # fmt: skip
    assert [(e["field"], e["code"]) for e in refused["replyToTicket"]["userErrors"]] == [
        ("message", "INVALID")
    ]
    assert [(e["field"], e["code"]) for e in refused["assignTicket"]["userErrors"]] == [
        ("staffId", "INVALID")
    ]
    assert [(e["field"], e["code"]) for e in refused["setTicketStatus"]["userErrors"]] == [
        ("status", "INVALID")
    ]


NODES = """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Ticket { subject } ... on TicketReply { message } }
}
"""


async def test_ticket_types_are_nodes_and_need_their_grant(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    ticket = await tickets.create_ticket(ctx, {"subject": "Slow", "email": "a@b.example"})
    reply = await tickets.reply_to_ticket(ctx, ticket["id"], {"message": "Hello"})
    ids = [gid("Ticket", ticket["id"]), gid("TicketReply", reply["id"])]
    reader = (await make_token(db, "tickets:get", name="reader")).token
    outsider = (await make_token(db, "customers:get", name="outsider")).token

    got = data(await gql(client, reader, NODES, ids=ids))["nodes"]

    assert got == [
        {"__typename": "Ticket", "subject": "Slow"},
        {"__typename": "TicketReply", "message": "Hello"},
    ]
    delete = await gql(client, reader, LIFE, id=ids[0])
    assert forbidden(delete) and "tickets" in delete["errors"][0]["message"]
    assert await tickets.get_ticket(ctx, ticket["id"]) is not None
    assert forbidden(await gql(client, outsider, NODES, ids=ids))
    single = await gql(
        client, outsider, "query($id: Int!) { ticket(databaseId: $id) { subject } }",
        id=ticket["id"],
    )  # fmt: skip
    assert forbidden(single)
