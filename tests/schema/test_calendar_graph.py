"""Calendar events over GraphQL: whose calendar, in order of their start, and writes."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import calendar
from resolvers.core.context import Ctx, Row
from tests.factories import make_staff, make_token
from tests.schema.graph import data, error_code, global_id, gql, statements


async def make_event(ctx: Ctx, staff_id: int, day: int, **fields: object) -> Row:
    return await calendar.create_calendar_event(
        ctx, {"title": f"Review {day:02}", "start": f"2026-03-{day:02}T09:00:00Z",
              "staff_id": staff_id, **fields},
    )  # fmt: skip


CREATE = """
mutation($input: CalendarEventInput!) {
  createCalendarEvent(input: $input) {
    record { id title start end public color reminderBefore reminderBeforeType
             staff { email } }
    userErrors { field code message }
  }
}
"""


async def test_events_read_soonest_first_with_their_owners_in_one_batch(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    sara = await make_staff(db)
    omar = await make_staff(db, "omar@example.com", firstname="Omar")
    for day in range(20, 0, -1):
        await make_event(ctx, [sara, omar][day % 2]["id"], day)
    query = """
    query($first: Int!) {
      calendarEvents(first: $first) { totalCount nodes { title start staff { firstname } } }
    }
    """

    one = await gql(client, token, query, first=1)
    twenty = await gql(client, token, query, first=20)

    # page + count; owners
    assert statements(one) == statements(twenty) == 3
    nodes = data(twenty)["calendarEvents"]["nodes"]
    assert [n["title"] for n in nodes[:3]] == ["Review 01", "Review 02", "Review 03"]
    assert nodes[0]["start"] == "2026-03-01T09:00:00+00:00"
    assert [n["staff"]["firstname"] for n in nodes[:2]] == ["Omar", "Sara"]


async def test_filter_on_start_and_figures(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    sara = await make_staff(db)
    for day in (3, 10, 17, 24):
        await make_event(ctx, sara["id"], day, public=day > 10)
    query = """
    { calendarEvents(filter: {start: {gte: "2026-03-10T00:00:00Z"}, public: {eq: true}}) {
        nodes { title } aggregate { count min { start } max { start } } } }
    """

    got = data(await gql(client, token, query))["calendarEvents"]

    assert [n["title"] for n in got["nodes"]] == ["Review 17", "Review 24"]
    assert got["aggregate"] == {
        "count": 2, "min": {"start": "2026-03-17T09:00:00+00:00"},
        "max": {"start": "2026-03-24T09:00:00+00:00"},
    }  # fmt: skip


async def test_create_an_event_on_a_members_calendar(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    sara = await make_staff(db)

    body = await gql(
        client, token, CREATE,
        input={"title": "Quarterly review", "start": "2026-04-01T08:00:00+04:00",
               "end": "2026-04-01T09:00:00+04:00", "public": True, "reminderBefore": 2,
               "reminderBeforeType": "hours", "staffId": global_id("Staff", sara["id"])},
    )  # fmt: skip

    assert data(body)["createCalendarEvent"] == {
        "record": {
            "id": data(body)["createCalendarEvent"]["record"]["id"],
            "title": "Quarterly review", "start": "2026-04-01T04:00:00+00:00",
            "end": "2026-04-01T05:00:00+00:00", "public": True, "color": "#03a9f4",
            "reminderBefore": 2, "reminderBeforeType": "hours",
            "staff": {"email": "sara@example.com"},
        },
        "userErrors": [],
    }  # fmt: skip


async def test_bad_event_input_is_a_user_error_naming_the_field(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    sara = global_id("Staff", (await make_staff(db))["id"])
    base = {"title": "Standup", "start": "2026-04-01T08:00:00Z", "staffId": sara}
    cases = [
        ({"title": "Standup", "start": "2026-04-01T08:00:00Z"}, "staffId"),
        ({**base, "end": "2026-04-01T07:00:00Z"}, "end"),
        ({**base, "color": "red"}, "color"),
        ({**base, "reminderBeforeType": "fortnights"}, "reminderBeforeType"),
        ({**base, "staffId": global_id("Staff", 999)}, "staffId"),
        ({"start": "2026-04-01T08:00:00Z", "staffId": sara}, "title"),
    ]

    for given, field in cases:
        payload = data(await gql(client, token, CREATE, input=given))["createCalendarEvent"]
        assert payload["record"] is None, given
        assert payload["userErrors"][0]["field"] == field, (given, payload["userErrors"])


async def test_update_delete_and_restore_an_event(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    event = await make_event(ctx, (await make_staff(db))["id"], 5)
    query = """
    mutation($id: ID!) {
      updateCalendarEvent(id: $id, input: {title: "Moved", start: "2026-03-06T10:00:00Z"}) {
        record { title start } userErrors { field } }
      deleteCalendarEvent(id: $id) { record { title } userErrors { code } }
      restoreCalendarEvent(id: $id) { record { title } userErrors { code } }
    }
    """

    got = data(await gql(client, token, query, id=global_id("CalendarEvent", event["id"])))

    assert got == {
        "updateCalendarEvent": {
            "record": {"title": "Moved", "start": "2026-03-06T10:00:00+00:00"}, "userErrors": [],
        },
        "deleteCalendarEvent": {"record": {"title": "Moved"}, "userErrors": []},
        "restoreCalendarEvent": {"record": {"title": "Moved"}, "userErrors": []},
    }  # fmt: skip


async def test_a_members_events_through_staff(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    sara = await make_staff(db)
    for day in (9, 2, 5):
        await make_event(ctx, sara["id"], day)
    query = "query($id: ID!) { staffMember(id: $id) { calendarEvents { nodes { title } } } }"

    got = data(await gql(client, token, query, id=global_id("Staff", sara["id"])))

    assert [n["title"] for n in got["staffMember"]["calendarEvents"]["nodes"]] == [
        "Review 02", "Review 05", "Review 09",
    ]  # fmt: skip


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    sara = await make_staff(db)
    reader = (await make_token(db, "calendar:get", name="reader")).token
    stranger = (await make_token(db, "staff:get", name="stranger")).token

    denied = await gql(client, stranger, "{ calendarEvents { nodes { title } } }")
    write = await gql(
        client, reader, CREATE,
        input={"title": "X", "start": "2026-04-01T08:00:00Z",
               "staffId": global_id("Staff", sara["id"])},
    )  # fmt: skip

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"


async def test_an_event_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    event = await make_event(ctx, (await make_staff(db))["id"], 7)

    got = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { __typename ... on CalendarEvent { title } } }",
        id=global_id("CalendarEvent", event["id"]),
    )  # fmt: skip

    assert data(got)["node"] == {"__typename": "CalendarEvent", "title": "Review 07"}
