"""Timesheets and timers over the real app: reads with figures on the hourly rate, every
write and its userErrors, permissions and node(id:) round trips."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import tasks, timesheets
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from tests.factories import make_token
from tests.schema.graph import data, gql, statements
from tests.schema.test_projects_graph import (
    errors_of,
    forbidden,
    gid,
    made_id,
    make_staff,
    payload,
)

LOGGED = """
query Logged($filter: TimesheetFilter) {
  timesheets(filter: $filter, orderBy: [{field: HOURLY_RATE, direction: DESC}]) {
    totalCount
    nodes { note hourlyRate startTime endTime task { name } staff { firstname } }
    aggregate { sum { hourlyRate } min { startTime } }
    groupBy(field: START_TIME, truncate: DAY) { key count }
  }
}
"""


async def test_timesheets_read_with_their_task_staff_and_figures(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build"})
    sara, omar = await make_staff(db, 1), await make_staff(db, 2)
    for staff, day, rate in ((sara, 2, "40"), (omar, 2, "55.25"), (sara, 3, "10")):
        await timesheets.create_timesheet(
            ctx,
            {"task_id": task["id"], "staff_id": staff["id"], "hourly_rate": rate,
             "start_time": f"2026-03-0{day}T09:00:00Z", "end_time": f"2026-03-0{day}T10:30:00Z",
             "note": f"{staff['firstname']} {day}"},
        )  # fmt: skip

    body = await gql(client, token, LOGGED, filter={"hourlyRate": {"gt": "20"}})

    # the page, its count, the figures, the groups, then tasks and staff by id
    assert statements(body) == 6
    got = data(body)["timesheets"]
    assert got["totalCount"] == 2
    assert [(n["note"], n["hourlyRate"]) for n in got["nodes"]] == [
        ("Staff2 2", "55.25"),
        ("Staff1 2", "40.00"),
    ]
    first = got["nodes"][0]
    assert first["startTime"] == "2026-03-02T09:00:00+00:00"
    assert first["endTime"] == "2026-03-02T10:30:00+00:00"
    assert first["task"] == {"name": "Build"} and first["staff"] == {"firstname": "Staff2"}
    assert got["aggregate"] == {
        "sum": {"hourlyRate": "95.25"},
        "min": {"startTime": "2026-03-02T09:00:00+00:00"},
    }
    assert got["groupBy"] == [{"key": "2026-03-02", "count": 2}]
    running = data(await gql(client, token, LOGGED, filter={"endTime": {"isNull": True}}))
    assert running["timesheets"]["totalCount"] == 0


CREATE = """
mutation Log($input: TimesheetInput!) {
  createTimesheet(input: $input) {
    record { id note hourlyRate startTime endTime task { name } staff { firstname } }
    userErrors { field code message }
  }
}
"""
LIFE = """
mutation Life($id: ID!, $input: TimesheetInput!) {
  updateTimesheet(id: $id, input: $input) { record { note endTime } userErrors { field code } }
  deleteTimesheet(id: $id) { record { note } userErrors { field code } }
  restoreTimesheet(id: $id) { record { note } userErrors { field code } }
}
"""


async def test_timesheets_are_logged_updated_deleted_and_restored(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build", "hourly_rate": "35"})
    sara = await make_staff(db)
    ids = {"taskId": gid("Task", task["id"]), "staffId": gid("Staff", sara["id"])}

    logged = payload(
        await gql(
            client, token, CREATE,
            input={**ids, "startTime": "2026-03-02T09:00:00Z", "endTime": "2026-03-02T11:00:00Z",
                   "note": "Workshop"},
        ),
        "createTimesheet",
    )["record"]  # fmt: skip
    assert logged["hourlyRate"] == "35.00"
    assert logged["task"] == {"name": "Build"} and logged["staff"] == {"firstname": "Staff1"}

    life = data(
        await gql(
            client, token, LIFE, id=logged["id"],
            input={"note": "Long workshop", "endTime": "2026-03-02T12:00:00Z"},
        )
    )  # fmt: skip
    assert life["updateTimesheet"]["record"] == {
        "note": "Long workshop",
        "endTime": "2026-03-02T12:00:00+00:00",
    }
    assert life["deleteTimesheet"]["record"] == life["restoreTimesheet"]["record"]
    assert await timesheets.get_timesheet(ctx, made_id(logged)) is not None

    cases = [
        ({**ids, "startTime": "2026-03-02T09:00:00Z", "endTime": "2026-03-02T08:00:00Z"},
         {"endTime": "INVALID"}),
        ({**ids, "taskId": gid("Task", 404), "startTime": "2026-03-02T09:00:00Z"},
         {"taskId": "INVALID"}),
        ({**ids, "staffId": gid("Task", task["id"]), "startTime": "2026-03-02T09:00:00Z"},
         {"staffId": "INVALID"}),
        ({**ids, "startTime": "2026-03-02T09:00:00Z", "hourlyRate": "-1"},
         {"hourlyRate": "INVALID"}),
        (ids, {"startTime": "INVALID"}),
    ]  # fmt: skip
    for given, expected in cases:
        assert errors_of(await gql(client, token, CREATE, input=given), "createTimesheet") == (
            expected
        ), given
    page = await timesheets.list_timesheets(ctx, PageArgs())
    assert page.total == 1


TIMER = """
mutation Timer($task: ID!, $staff: ID) {
  startTimer(taskId: $task, staffId: $staff, note: "On it") {
    record { id note endTime staff { firstname } } userErrors { field code message }
  }
}
"""
STOP = """
mutation Stop($task: ID!, $staff: ID) {
  stopTimer(taskId: $task, staffId: $staff, note: "Done") {
    record { id note startTime endTime } userErrors { field code message }
  }
}
"""


async def test_timers_start_and_stop_once_at_a_time(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build"})
    sara = await make_staff(db)
    ids = {"task": gid("Task", task["id"]), "staff": gid("Staff", sara["id"])}

    started = payload(await gql(client, token, TIMER, **ids), "startTimer")["record"]
    assert started["endTime"] is None and started["note"] == "On it"
    assert started["staff"] == {"firstname": "Staff1"}
    second = await gql(client, token, TIMER, **ids)
    assert errors_of(second, "startTimer") == {"endTime": "CONFLICT"}

    stopped = payload(await gql(client, token, STOP, **ids), "stopTimer")["record"]
    assert stopped["id"] == started["id"] and stopped["note"] == "Done"
    assert stopped["endTime"] > stopped["startTime"]
    again = await gql(client, token, STOP, **ids)
    assert errors_of(again, "stopTimer") == {None: "NOT_FOUND"}
    # a token is nobody: it must say whose timer
    nobody = await gql(client, token, TIMER, task=ids["task"])
    assert errors_of(nobody, "startTimer") == {"staffId": "INVALID"}
    no_task = await gql(client, token, TIMER, task=gid("Task", 404), staff=ids["staff"])
    assert errors_of(no_task, "startTimer") == {None: "NOT_FOUND"}


async def test_a_timesheet_is_a_node_and_needs_its_grant(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    task = await tasks.create_task(ctx, {"name": "Build"})
    sara = await make_staff(db)
    sheet = await timesheets.start_timer(ctx, task["id"], sara["id"], "Live")
    node = "query($id: ID!) { node(id: $id) { __typename ... on Timesheet { note } } }"
    reader = (await make_token(db, "timesheets:get", name="reader")).token
    outsider = (await make_token(db, "tasks:get", name="outsider")).token

    got = data(await gql(client, reader, node, id=gid("Timesheet", sheet["id"])))

    assert got["node"] == {"__typename": "Timesheet", "note": "Live"}
    stop = await gql(
        client, reader, STOP, task=gid("Task", task["id"]), staff=gid("Staff", sara["id"])
    )
    assert forbidden(stop) and "timesheets" in stop["errors"][0]["message"]
    assert (await timesheets.get_timesheet(ctx, sheet["id"]) or {})["end_time"] is None
    assert forbidden(await gql(client, outsider, "{ timesheets { totalCount } }"))
