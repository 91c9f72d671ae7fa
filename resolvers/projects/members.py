"""Who works on a project: its members, replaced, added or removed under projects:update."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from resolvers import lookups
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import joined_by
from resolvers.core.errors import NotFound
from resolvers.core.links import Link
from resolvers.core.permissions import require
from resolvers.core.records import must_fetch
from resolvers.core.validation import Fields, parse
from resolvers.models import Project, ProjectMember, Staff, table_of
from resolvers.projects.common import IdList

RESOURCE = "projects"
joined_by(RESOURCE, "members", "staff", "projects", ProjectMember, ("project_id", "staff_id"))

projects = table_of(Project)
members = table_of(ProjectMember)
staff = table_of(Staff)


MEMBERS = Link(members, "project_id", "staff_id")


async def members_by_project_id(ctx: Ctx, project_ids: Sequence[int]) -> list[list[Row]]:
    """The live staff members of each project, in key order."""
    return await MEMBERS.targets(ctx, RESOURCE, staff, project_ids)


async def set_project_members(ctx: Ctx, project_id: int, staff_ids: Any) -> list[int]:
    """Replace the member list; returns the member staff ids."""
    return await _change_members(ctx, project_id, staff_ids, "set")


async def add_project_member(ctx: Ctx, project_id: int, staff_id: int) -> list[int]:
    return await _change_members(ctx, project_id, [staff_id], "add")


async def remove_project_member(ctx: Ctx, project_id: int, staff_id: int) -> list[int]:
    return await _change_members(ctx, project_id, [staff_id], "remove")


class _Members(Fields):
    members: IdList


async def _change_members(
    ctx: Ctx, project_id: int, staff_ids: Any, how: Literal["set", "add", "remove"]
) -> list[int]:
    require(ctx.principal, RESOURCE, "update")
    wanted = parse(_Members, {"members": staff_ids}).members
    field = "members" if how == "set" else "staff_id"
    if how != "remove":
        await lookups.require_ids(ctx, Staff, wanted, field)
    async with ctx.db.write() as conn:
        await must_fetch(conn, projects, project_id, "Project")
        old = await MEMBERS.ids(conn, project_id)
        if how == "add" and set(wanted) <= set(old):
            # Already a member: a retried add answers the project as it stands.
            return sorted(old)
        if how == "remove" and not set(wanted) <= set(old):
            raise NotFound("Project member", wanted[0])
        new = {"set": set(wanted), "add": set(old) | set(wanted), "remove": set(old) - set(wanted)}
        after = sorted(new[how])
        await MEMBERS.replace(conn, project_id, after)
        await events.record(
            conn, ctx, "project.members_changed", project_id, {"members": [old, after]}
        )
    return after
