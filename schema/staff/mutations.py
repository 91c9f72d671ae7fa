"""Signing in."""

from __future__ import annotations

import strawberry

from resolvers import staff
from resolvers.errors import Unauthenticated
from schema.context import Info
from schema.errors import UserError


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
