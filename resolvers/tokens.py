"""API tokens: issued by an operator, shown once, stored only as a hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.identity import hash_token, new_token
from resolvers.core.permissions import ALL, parse_grants
from resolvers.core.records import insert_row
from resolvers.models import ApiToken, table_of

tokens = table_of(ApiToken)


@dataclass(frozen=True)
class IssuedToken:
    id: int
    name: str
    token: str


async def issue_token(
    conn: AsyncConnection,
    *,
    name: str,
    grants: list[str],
    staff_id: int | None = None,
    expires_at: datetime | None = None,
    rate_limit_per_hour: int | None = None,
) -> IssuedToken:
    """Create a token; the plaintext exists only in the return value."""
    if not name.strip():
        raise ValueError("a token needs a name")
    permissions = " ".join(sorted(parse_grants(" ".join(grants))))
    if not permissions:
        raise ValueError(
            f"a token needs --all or at least one permission (e.g. customers:get); {ALL} is all"
        )
    token = new_token()
    row = await insert_row(
        conn,
        tokens,
        {
            "name": name.strip(),
            "token_hash": hash_token(token),
            "prefix": token[:10],
            "permissions": permissions,
            "staff_id": staff_id,
            "expires_at": expires_at,
            "rate_limit_per_hour": rate_limit_per_hour,
        },
    )
    return IssuedToken(id=row["id"], name=row["name"], token=token)
