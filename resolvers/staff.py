"""Staff members: sign-in and the accounts behind it."""

from __future__ import annotations

from resolvers.context import Ctx
from resolvers.errors import Unauthenticated
from resolvers.identity import check_staff_password, record_login, staff_grants


async def login(ctx: Ctx, email: str, password: str) -> str:
    """A signed JWT for a staff member whose email and password match."""
    if ctx.keys is None:
        raise Unauthenticated("Sign-in is not configured")
    async with ctx.db.write() as conn:
        staff_id = await check_staff_password(conn, email, password)
        if await staff_grants(conn, staff_id) is None:
            raise Unauthenticated("Wrong email or password")
        await record_login(conn, staff_id)
    return ctx.keys.issue(staff_id)
