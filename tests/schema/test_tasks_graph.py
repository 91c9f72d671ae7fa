"""Tasks over the real app: their neighbours, what they hang off, every task action and
its userErrors, checklist items and comments, permissions and node(id:) round trips."""

from __future__ import annotations

from datetime import date

import httpx

from gateway.database import Database
from resolvers import milestones, tasks, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
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


async def project_with_milestone(ctx: Ctx, db: Database) -> tuple[Row, Row]:
    customer = await make_customer(db)
    project = await make_project(ctx, customer["id"])
    milestone = await milestones.create_milestone(
        ctx, {"project_id": project["id"], "name": "Design", "due_date": "2026-04-01"}
    )
    return project, milestone


TASK = """
query One($id: ID!) {
  task(id: $id) {
    name status priority startDate dueDate completedAt relType hourlyRate billable tags
    project { name } customer { company } milestone { name }
    related { __typename ... on Project { name } }
    assignees { nodes { firstname } } followers { nodes { firstname } }
    addedBy { firstname }
    checklist { nodes { description finished listOrder assigned { firstname } } }
    comments { nodes { content staff { firstname } } }
    timesheets { aggregate { sum { hourlyRate } } nodes { note staff { firstname } } }
  }
}
"""


async def test_a_task_reads_with_every_neighbour(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    project, milestone = await project_with_milestone(ctx, db)
    sara, omar = await make_staff(db, 1), await make_staff(db, 2)
    task = await tasks.create_task(
        ctx,
        {"name": "Data migration", "project_id": project["id"], "milestone_id": milestone["id"],
         "priority": "high", "status": "in_progress", "start_date": "2026-03-01",
         "due_date": "2026-03-20",
         "hourly_rate": "55.5", "billable": True, "tags": ["etl", "sql"],
         "assignees": [sara["id"]], "followers": [omar["id"]]},
    )  # fmt: skip
    await tasks.add_checklist_item(
        ctx, task["id"], {"description": "Export", "assigned_id": sara["id"]}
    )
    await tasks.add_task_comment(ctx, task["id"], {"content": "Started", "staff_id": omar["id"]})
    for hours, note in ((9, "Morning"), (14, "Afternoon")):
        await timesheets.create_timesheet(
            ctx,
            {"task_id": task["id"], "staff_id": sara["id"], "hourly_rate": "40",
             "start_time": f"2026-03-02T{hours:02}:00:00Z", "note": note,
             "end_time": f"2026-03-02T{hours + 1:02}:00:00Z"},
        )  # fmt: skip

    got = data(await gql(client, token, TASK, id=gid("Task", task["id"])))["task"]

    assert (got["name"], got["status"], got["priority"]) == (
        "Data migration",
        "IN_PROGRESS",
        "HIGH",
    )
    assert (got["dueDate"], got["completedAt"], got["relType"]) == ("2026-03-20", None, "project")
    assert (got["hourlyRate"], got["billable"], got["tags"]) == ("55.50", True, "etl,sql")
    assert got["project"] == {"name": "ERP rollout"} and got["customer"] is None
    assert got["milestone"] == {"name": "Design"}
    assert got["related"] == {"__typename": "Project", "name": "ERP rollout"}
    assert got["assignees"]["nodes"] == [{"firstname": "Staff1"}]
    assert got["followers"]["nodes"] == [{"firstname": "Staff2"}]
    assert got["addedBy"] is None
    assert got["checklist"]["nodes"] == [
        {"description": "Export", "finished": False, "listOrder": 1,
         "assigned": {"firstname": "Staff1"}},
    ]  # fmt: skip
    assert got["comments"]["nodes"] == [{"content": "Started", "staff": {"firstname": "Staff2"}}]
    assert got["timesheets"]["aggregate"] == {"sum": {"hourlyRate": "80.00"}}
    assert [t["note"] for t in got["timesheets"]["nodes"]] == ["Morning", "Afternoon"]


RELATED = """
{ tasks(orderBy: [{field: NAME}]) { nodes { name relType related { __typename id } } } }
"""


async def test_what_tasks_hang_off_loads_in_one_statement_per_kind(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(db)
    other = await make_customer(db, "Other Co")
    first = await make_project(ctx, customer["id"], name="First")
    second = await make_project(ctx, customer["id"], name="Second")
    for n, fields in enumerate(
        ({"project_id": first["id"]}, {"project_id": second["id"]}, {"customer_id": other["id"]},
         {"customer_id": customer["id"]}, {})
    ):  # fmt: skip
        await tasks.create_task(ctx, {"name": f"Task {n}", **fields})

    body = await gql(client, token, RELATED)

    # the page, then projects by id and customers by id
    assert statements(body) == 3
    assert [(n["relType"], n["related"]) for n in data(body)["tasks"]["nodes"]] == [
        ("project", {"__typename": "Project", "id": gid("Project", first["id"])}),
        ("project", {"__typename": "Project", "id": gid("Project", second["id"])}),
        ("customer", {"__typename": "Customer", "id": gid("Customer", other["id"])}),
        ("customer", {"__typename": "Customer", "id": gid("Customer", customer["id"])}),
        ("", None),
    ]


CREATE_TASK = """
mutation Create($input: TaskInput!) {
  createTask(input: $input) {
    record { id name status priority relType repeatEvery project { name } customer { company }
             milestone { name } assignees { nodes { firstname } } }
    userErrors { field code message }
  }
}
"""
UPDATE_TASK = """
mutation Update($id: ID!, $input: TaskInput!) {
  updateTask(id: $id, input: $input) {
    record { name relType project { name } customer { company } milestone { name }
             followers { nodes { firstname } } }
    userErrors { field code message }
  }
}
"""
TASK_LIFE = """
mutation Life($id: ID!) {
  deleteTask(id: $id) { record { name } userErrors { field code } }
  restoreTask(id: $id) { record { name } userErrors { field code } }
}
"""


async def test_tasks_are_created_updated_deleted_and_restored(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    project, milestone = await project_with_milestone(ctx, db)
    customer = await make_customer(db, "Direct Co")
    sara = await make_staff(db)

    created = payload(
        await gql(
            client, token, CREATE_TASK,
            input={"name": "Data migration", "relatedId": gid("Project", project["id"]),
                   "milestoneId": gid("Milestone", milestone["id"]), "priority": "URGENT",
                   "status": "TESTING", "repeatEvery": "custom", "repeatEveryCustom": 2,
                   "repeatTypeCustom": "WEEK", "assignees": [gid("Staff", sara["id"])]},
        ),
        "createTask",
    )["record"]  # fmt: skip
    assert (created["status"], created["priority"], created["relType"]) == (
        "TESTING", "URGENT", "project",
    )  # fmt: skip
    assert created["repeatEvery"] == "2-week"
    assert created["project"] == {"name": "ERP rollout"}
    assert created["milestone"] == {"name": "Design"}
    assert created["assignees"]["nodes"] == [{"firstname": "Staff1"}]

    moved = payload(
        await gql(
            client, token, UPDATE_TASK, id=created["id"],
            input={"customerId": gid("Customer", customer["id"]), "milestoneId": None,
                   "followers": [gid("Staff", sara["id"])]},
        ),
        "updateTask",
    )["record"]  # fmt: skip
    assert moved["relType"] == "customer" and moved["project"] is None
    assert moved["customer"] == {"company": "Direct Co"} and moved["milestone"] is None
    assert moved["followers"]["nodes"] == [{"firstname": "Staff1"}]
    loose = payload(
        await gql(client, token, UPDATE_TASK, id=created["id"], input={"relatedId": None}),
        "updateTask",
    )["record"]
    assert loose["relType"] == "" and loose["customer"] is None

    life = data(await gql(client, token, TASK_LIFE, id=created["id"]))
    assert (
        life["deleteTask"]["record"] == life["restoreTask"]["record"] == {"name": "Data migration"}
    )
    assert await tasks.get_task(ctx, made_id(created)) is not None


async def test_task_writes_answer_user_errors_in_input_terms(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    project, milestone = await project_with_milestone(ctx, db)
    other = await make_project(ctx, project["customer_id"], name="Other")
    staff = await make_staff(db)

    def create(**fields: object) -> dict[str, object]:
        return {"name": "T", **fields}

    cases = [
        (create(relatedId=gid("Staff", staff["id"])), {"relatedId": "INVALID"}),
        (create(relatedId=gid("Project", 999)), {"relatedId": "INVALID"}),
        (create(relatedId="not-an-id"), {"relatedId": "INVALID"}),
        (create(projectId=gid("Customer", 1)), {"projectId": "INVALID"}),
        (
            create(projectId=gid("Project", other["id"]),
                   milestoneId=gid("Milestone", milestone["id"])),
            {"milestoneId": "CONFLICT"},  # the milestone's stored project refuses the pair
        ),
        (create(assignees=[gid("Staff", 999)]), {"assignees": "INVALID"}),
        (create(repeatEvery="fortnightly"), {"repeatEvery": "INVALID"}),
        (create(startDate="2026-05-01", dueDate="2026-04-01"), {"dueDate": "INVALID"}),
        ({}, {"name": "INVALID"}),
    ]  # fmt: skip
    for given, expected in cases:
        body = await gql(client, token, CREATE_TASK, input=given)
        assert errors_of(body, "createTask") == expected, given
    assert (await tasks.list_tasks(ctx, PageArgs())).total == 0
    nothing = await gql(client, token, TASK_LIFE, id=gid("Task", 404))
    assert errors_of(nothing, "deleteTask") == {None: "NOT_FOUND"}


ACTIONS = """
mutation Act($id: ID!, $staff: ID!) {
  assignTask(id: $id, staffId: $staff) {
    record { assignees { nodes { firstname } } } userErrors { field code }
  }
  addTaskFollower(id: $id, staffId: $staff) {
    record { followers { nodes { firstname } } } userErrors { field code }
  }
  setTaskStatus(id: $id, status: AWAITING_FEEDBACK) {
    record { status completedAt } userErrors { field code }
  }
  setTaskPriority(id: $id, priority: LOW) { record { priority } userErrors { field code } }
  markTaskComplete(id: $id) {
    record { status completedAt project { progress } } userErrors { field code }
  }
}
"""
UNDO = """
mutation Undo($id: ID!, $staff: ID!) {
  unassignTask(id: $id, staffId: $staff) {
    record { assignees { nodes { firstname } } } userErrors { field code }
  }
  removeTaskFollower(id: $id, staffId: $staff) {
    record { followers { nodes { firstname } } } userErrors { field code }
  }
}
"""


async def test_task_actions_change_people_status_and_priority(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    project, _ = await project_with_milestone(ctx, db)
    task = await tasks.create_task(ctx, {"name": "Build", "project_id": project["id"]})
    await tasks.create_task(ctx, {"name": "Test", "project_id": project["id"]})
    sara = await make_staff(db)
    ids = {"id": gid("Task", task["id"]), "staff": gid("Staff", sara["id"])}

    done = data(await gql(client, token, ACTIONS, **ids))

    assert done["assignTask"]["record"]["assignees"]["nodes"] == [{"firstname": "Staff1"}]
    assert done["addTaskFollower"]["record"]["followers"]["nodes"] == [{"firstname": "Staff1"}]
    assert done["setTaskStatus"]["record"] == {"status": "AWAITING_FEEDBACK", "completedAt": None}
    assert done["setTaskPriority"]["record"] == {"priority": "LOW"}
    complete = done["markTaskComplete"]["record"]
    assert complete["status"] == "COMPLETE" and complete["completedAt"] is not None
    assert complete["project"] == {"progress": 50}

    # Retried: the task as it stands, no error.
    again = data(await gql(client, token, ACTIONS, **ids))
    assert again["assignTask"]["userErrors"] == []
    assert again["assignTask"]["record"]["assignees"]["nodes"] == [{"firstname": "Staff1"}]
    assert again["addTaskFollower"]["userErrors"] == []
    assert again["addTaskFollower"]["record"]["followers"]["nodes"] == [{"firstname": "Staff1"}]
    undone = data(await gql(client, token, UNDO, **ids))
    assert undone["unassignTask"]["record"]["assignees"]["nodes"] == []
    assert undone["removeTaskFollower"]["record"]["followers"]["nodes"] == []
    twice = data(await gql(client, token, UNDO, **ids))
    assert twice["unassignTask"]["userErrors"] == [{"field": None, "code": "NOT_FOUND"}]
    wrong = await gql(client, token, UNDO, id=ids["id"], staff=gid("Task", task["id"]))
    assert data(wrong)["unassignTask"]["userErrors"] == [{"field": "staffId", "code": "INVALID"}]


CHECKLIST = """
mutation Add($task: ID!, $input: ChecklistItemInput!) {
  addChecklistItem(taskId: $task, input: $input) {
    record { id description finished listOrder task { name } assigned { firstname } }
    userErrors { field code message }
  }
}
"""
TICK = """
mutation Tick($id: ID!, $input: ChecklistItemInput!) {
  updateChecklistItem(id: $id, input: $input) {
    record { description finished finishedAt } userErrors { field code }
  }
}
"""
UNTICK = """
mutation Drop($id: ID!) {
  deleteChecklistItem(id: $id) { record { description } userErrors { field code } }
}
"""


async def test_checklist_items_are_added_ticked_and_deleted(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build"})
    sara = await make_staff(db)
    tid = gid("Task", task["id"])

    first = payload(
        await gql(client, token, CHECKLIST, task=tid,
                  input={"description": "Export", "assignedId": gid("Staff", sara["id"])}),
        "addChecklistItem",
    )["record"]  # fmt: skip
    second = payload(
        await gql(client, token, CHECKLIST, task=tid, input={"description": "Import"}),
        "addChecklistItem",
    )["record"]
    assert (first["listOrder"], second["listOrder"]) == (1, 2)
    assert first["task"] == {"name": "Build"} and first["assigned"] == {"firstname": "Staff1"}

    ticked = payload(
        await gql(client, token, TICK, id=first["id"], input={"finished": True}),
        "updateChecklistItem",
    )["record"]
    assert ticked["finished"] is True and ticked["finishedAt"] is not None
    dropped = payload(await gql(client, token, UNTICK, id=second["id"]), "deleteChecklistItem")
    assert dropped["record"] == {"description": "Import"}
    remaining = await tasks.list_checklist_items(ctx, task["id"])
    assert [r["description"] for r in remaining] == ["Export"]

    empty = await gql(client, token, CHECKLIST, task=tid, input={"description": ""})
    assert errors_of(empty, "addChecklistItem") == {"description": "INVALID"}
    nobody = await gql(
        client,
        token,
        CHECKLIST,
        task=tid,
        input={"description": "X", "assignedId": gid("Staff", 9)},
    )
    assert errors_of(nobody, "addChecklistItem") == {"assignedId": "INVALID"}
    gone = await gql(client, token, TICK, id=second["id"], input={"finished": True})
    assert errors_of(gone, "updateChecklistItem") == {None: "NOT_FOUND"}
    no_task = await gql(client, token, CHECKLIST, task=gid("Task", 404), input={"description": "X"})
    assert errors_of(no_task, "addChecklistItem") == {None: "NOT_FOUND"}


COMMENT = """
mutation Say($task: ID!, $input: TaskCommentInput!) {
  addTaskComment(taskId: $task, input: $input) {
    record { id content task { name } staff { firstname } contact { firstname } }
    userErrors { field code }
  }
}
"""
EDIT_COMMENT = """
mutation Edit($id: ID!, $content: String!) {
  updateTaskComment(id: $id, content: $content) { record { content } userErrors { field code } }
  deleteTaskComment(id: $id) { record { content } userErrors { field code } }
}
"""


async def test_task_comments_are_added_edited_and_deleted(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build"})
    sara = await make_staff(db)
    tid = gid("Task", task["id"])

    said = payload(
        await gql(client, token, COMMENT, task=tid,
                  input={"content": "Started", "staffId": gid("Staff", sara["id"])}),
        "addTaskComment",
    )["record"]  # fmt: skip
    assert said["content"] == "Started" and said["task"] == {"name": "Build"}
    assert said["staff"] == {"firstname": "Staff1"} and said["contact"] is None

    edited = data(await gql(client, token, EDIT_COMMENT, id=said["id"], content="Half done"))
    assert edited["updateTaskComment"]["record"] == {"content": "Half done"}
    assert edited["deleteTaskComment"]["record"] == {"content": "Half done"}
    assert (await tasks.list_task_comments(ctx, task["id"], PageArgs())).total == 0

    blank = await gql(client, token, COMMENT, task=tid, input={"content": "  "})
    assert errors_of(blank, "addTaskComment") == {"content": "INVALID"}
    again = data(await gql(client, token, EDIT_COMMENT, id=said["id"], content="X"))
    assert again["updateTaskComment"]["userErrors"] == [{"field": None, "code": "NOT_FOUND"}]


NODES = """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Task { name }
    ... on ChecklistItem { description }
    ... on TaskComment { content }
  }
}
"""


async def test_every_task_type_is_a_node_and_needs_its_grant(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build", "start_date": date(2026, 3, 1)})
    item = await tasks.add_checklist_item(ctx, task["id"], {"description": "Export"})
    comment = await tasks.add_task_comment(ctx, task["id"], {"content": "Hi"})
    ids = [gid("Task", task["id"]), gid("ChecklistItem", item["id"]),
           gid("TaskComment", comment["id"])]  # fmt: skip

    got = data(await gql(client, token, NODES, ids=ids))["nodes"]

    assert got == [
        {"__typename": "Task", "name": "Build"},
        {"__typename": "ChecklistItem", "description": "Export"},
        {"__typename": "TaskComment", "content": "Hi"},
    ]
    reader = (await make_token(db, "tasks:get", name="reader")).token
    assert data(await gql(client, reader, NODES, ids=ids))["nodes"] == got
    status = await gql(
        client, reader, "mutation($id: ID!) { markTaskComplete(id: $id) { record { name } } }",
        id=ids[0],
    )  # fmt: skip
    assert forbidden(status) and "tasks" in status["errors"][0]["message"]
    outsider = (await make_token(db, "projects:get", name="outsider")).token
    assert forbidden(await gql(client, outsider, NODES, ids=ids[:1]))
    assert (await tasks.get_task(ctx, task["id"]) or {})["status"] == 1
