"""Signing in, and administering staff accounts."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from resolvers import staff
from resolvers.core.errors import Conflict, Invalid, NotFound, Unauthenticated
from schema.calls import mutation
from schema.context import Info
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.errors import UserError, user_errors
from schema.ids import decode_id
from schema.staff.types import StaffType
from schema.verbs import verb
from schema.writes import mutations


@strawberry.type
class LoginPayload:
    token: str | None
    user_errors: list[UserError]


@strawberry.type
class StaffMutation:
    @strawberry.mutation(description="Exchange a staff email and password for a JWT.")
    async def login(self, info: Info, email: str, password: str) -> LoginPayload:
        try:
            token = await staff.login(info.context.ctx, email, password)
        except Unauthenticated as exc:
            return LoginPayload(
                token=None,
                user_errors=[UserError(field="password", code=exc.code, message=exc.message)],
            )
        return LoginPayload(token=token, user_errors=[])


REFERENCES = {"role_id": ("Role", "role"), "department_ids": ("Department", "departments")}


@strawberry.input
class StaffInput:
    firstname: str | None = strawberry.UNSET
    lastname: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    password: str | None = strawberry.field(
        default=strawberry.UNSET,
        description=f"Required on create, at least {staff.MIN_PASSWORD} characters; "
        "change it later with changePassword.",
    )
    phone: str | None = strawberry.UNSET
    facebook: str | None = strawberry.UNSET
    linkedin: str | None = strawberry.UNSET
    skype: str | None = strawberry.UNSET
    role_id: strawberry.ID | None = strawberry.UNSET
    is_admin: bool | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET
    hourly_rate: Decimal | None = strawberry.UNSET
    default_language: str | None = strawberry.UNSET
    direction: str | None = strawberry.field(default=strawberry.UNSET, description="ltr or rtl.")
    email_signature: str | None = strawberry.UNSET
    department_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The member's whole set of departments."
    )
    custom_fields: list[CustomFieldValueInput] | None = strawberry.UNSET


@strawberry.type
class StaffPermissionsPayload:
    permissions: list[str] | None = strawberry.field(
        description="All the member's grants after the change, their role's included."
    )
    user_errors: list[UserError]


StaffWrites = mutations(staff.STAFF, StaffType, input=StaffInput, references=REFERENCES)


@strawberry.type
class StaffAdminMutation:
    activate_staff = verb(staff.activate_staff, StaffType)
    deactivate_staff = verb(
        staff.deactivate_staff, StaffType,
        description="The member can no longer sign in; their JWTs stop working.",
    )  # fmt: skip
    change_password = mutation(
        StaffType, {"id": strawberry.ID, "password": str},
        lambda ctx, id, password: staff.change_password(ctx, decode_id(id, StaffType), password),
        "Members change their own password; another's takes staff:update.",
    )  # fmt: skip

    @strawberry.mutation(
        description="Replace the member's own grants (\"resource:action\"), beyond their role's."
    )
    async def set_staff_permissions(
        self, info: Info, id: strawberry.ID, permissions: list[str]
    ) -> StaffPermissionsPayload:
        ctx = info.context.ctx
        try:
            granted = await staff.set_staff_permissions(ctx, decode_id(id, StaffType), permissions)
        except (Invalid, Conflict, NotFound) as exc:
            return StaffPermissionsPayload(permissions=None, user_errors=user_errors(exc))
        return StaffPermissionsPayload(permissions=granted, user_errors=[])
