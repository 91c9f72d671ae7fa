"""Reading staff members and their grants."""

from __future__ import annotations

import strawberry

from resolvers import staff
from resolvers.staff import STAFF, list_staff
from schema.context import Info
from schema.ids import decode_id
from schema.roots import roots
from schema.staff.types import StaffType


@strawberry.type
class StaffQuery:
    staff_member, staff = roots(STAFF, list_staff)

    @strawberry.field(
        description='A member\'s grants from their role and their own: ["*"] for administrators.'
    )
    async def staff_permissions(self, info: Info, id: strawberry.ID) -> list[str] | None:
        return await staff.staff_permissions(info.context.ctx, decode_id(id, StaffType))
