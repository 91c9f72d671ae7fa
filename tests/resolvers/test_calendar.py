"""Calendar events: a title and a start, an end not before it, a known reminder unit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from gateway.database import Database
from resolvers import calendar
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from tests.factories import make_staff


async def make_event(ctx: Ctx, staff_id: int | None, **fields: Any) -> Row:
    data = {"title": "Hello", "description": "test", "start": "2023-12-12 07:00:00",
            "reminder_before": 30, "reminder_before_type": "minutes", **fields}  # fmt: skip
    if staff_id is not None:
        data["staff_id"] = staff_id
    return await calendar.create_calendar_event(ctx, data)


async def test_perfex_times_without_a_zone_are_utc(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)

    event = await make_event(ctx, sara["id"], end="2023-12-12 08:00:00", public=True)

    assert event["start"] == datetime(2023, 12, 12, 7, tzinfo=UTC)
    assert event["end"] == datetime(2023, 12, 12, 8, tzinfo=UTC)
    assert (event["public"], event["color"], event["reminder_before_type"]) == (
        True, "#03a9f4", "minutes",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end": "2023-12-12 06:59:59"}, "end"),
        ({"reminder_before_type": "fortnights"}, "reminder_before_type"),
        ({"title": ""}, "title"),
        ({"start": None}, "start"),
        ({"color": "blue"}, "color"),
    ],
)
async def test_invalid_events(db: Database, ctx: Ctx, fields: dict[str, Any], field: str) -> None:
    sara = await make_staff(db)

    with pytest.raises(Invalid) as caught:
        await make_event(ctx, sara["id"], **fields)

    assert field in caught.value.errors


async def test_the_owner_is_checked_and_defaults_to_the_caller(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)
    as_sara = Ctx(db=db, principal=Principal(kind="staff", id=sara["id"], name="sara",
                                             grants=frozenset({"calendar:create"}),
                                             staff_id=sara["id"]))  # fmt: skip

    with pytest.raises(Invalid) as unknown:
        await make_event(ctx, 999)
    with pytest.raises(Invalid) as nobody:
        await make_event(ctx, None)  # a token of no staff member must say whose calendar

    assert "staff_id" in unknown.value.errors and "staff_id" in nobody.value.errors
    assert (await make_event(as_sara, None))["staff_id"] == sara["id"]


async def test_moving_the_start_past_the_end_is_refused(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)
    event = await make_event(ctx, sara["id"], end="2023-12-12 09:00:00")

    # The start alone is valid: the stored end refuses it.
    with pytest.raises(Conflict) as caught:
        await calendar.update_calendar_event(ctx, event["id"], {"start": "2023-12-12 10:00:00"})
    assert caught.value.field == "end"

    gulf = timezone(timedelta(hours=4))
    moved = await calendar.update_calendar_event(
        ctx, event["id"], {"start": datetime(2023, 12, 12, 12, tzinfo=gulf)}
    )
    assert moved["start"] == datetime(2023, 12, 12, 8, tzinfo=UTC)


async def test_listing_by_owner_and_window(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)
    omar = await make_staff(db, email="omar@example.com")
    early = await make_event(ctx, sara["id"])
    await make_event(ctx, omar["id"], start="2024-01-05 10:00:00")

    mine = await calendar.list_calendar_events(ctx, PageArgs(first=10), staff_id=sara["id"])
    in_2023 = await calendar.list_calendar_events(
        ctx, PageArgs(first=10), starts_from=datetime(2023, 1, 1),
        starts_before=datetime(2024, 1, 1),
    )  # fmt: skip

    assert [e["id"] for e in mine.rows] == [early["id"]]
    assert [e["id"] for e in in_2023.rows] == [early["id"]]


async def test_the_calendar_grant_is_needed(db: Database, ctx: Ctx) -> None:
    sara = await make_staff(db)
    event = await make_event(ctx, sara["id"])
    reader = Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                            grants=frozenset({"calendar:get"})))  # fmt: skip

    assert await calendar.get_calendar_event(reader, event["id"]) is not None
    with pytest.raises(Forbidden):
        await calendar.delete_calendar_event(reader, event["id"])
    await calendar.delete_calendar_event(ctx, event["id"])
    assert await calendar.get_calendar_event(reader, event["id"]) is None
