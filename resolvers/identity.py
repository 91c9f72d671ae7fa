"""Credentials: argon2 passwords, hashed API tokens, and signed JWTs for staff."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.errors import Unauthenticated
from resolvers.models import ApiToken, Role, Staff, StaffPermission, table_of
from resolvers.permissions import ALL, Principal, parse_grants

TOKEN_PREFIX = "crm_"
_hasher = PasswordHasher()
# A real hash to verify against when the email is unknown, so timing does not tell.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


# Clock skew tolerated on exp, nbf and iat between this gateway and whoever issued.
LEEWAY_SECONDS = 30
# RFC 7518 3.2: an HS256 key must be at least as long as the hash output.
MIN_KEY_LENGTH = 32


@dataclass(frozen=True)
class JwtKeys:
    """Signing keys by `kid`; tokens are signed with `current`, verified with any listed
    one, so a new key can sign while tokens signed with the old one run out."""

    keys: dict[str, str]
    current: str
    issuer: str
    audience: str
    ttl_seconds: int = 3600
    algorithm: str = "HS256"

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise ValueError(f"the current signing key id {self.current!r} is not among the keys")

    def issue(self, staff_id: int, *, now: datetime | None = None) -> str:
        now = now or datetime.now(UTC)
        claims = {
            "sub": str(staff_id),
            "iss": self.issuer,
            "aud": self.audience,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=self.ttl_seconds)).timestamp()),
        }
        return jwt.encode(
            claims, self.keys[self.current], algorithm=self.algorithm, headers={"kid": self.current}
        )

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this gateway signed and that is valid now; Unauthenticated
        otherwise. Only `algorithm` is accepted (never none, never a public-key algorithm
        whose key could be confused with the HMAC secret), and the kid must be listed:
        a token without one is refused rather than tried against a default key."""
        try:
            header = jwt.get_unverified_header(token)
            kid = header.get("kid")
            key = self.keys.get(kid) if isinstance(kid, str) else None
            if key is None:
                raise Unauthenticated("Invalid token: unknown or missing signing key id")
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"Invalid token: {exc}") from exc
        if not str(claims["sub"]).isdigit():
            raise Unauthenticated("Invalid token: the subject is not a staff member")
        return claims


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and not token.startswith(TOKEN_PREFIX)


async def principal_for_token(conn: AsyncConnection, token: str) -> Principal | None:
    tokens = table_of(ApiToken)
    row = (
        await conn.execute(
            select(tokens).where(
                tokens.c.token_hash == hash_token(token), tokens.c.deleted_at.is_(None)
            )
        )
    ).first()
    if row is None:
        return None
    if row.expires_at is not None and row.expires_at <= datetime.now(UTC):
        return None
    return Principal(
        kind="token",
        id=row.id,
        name=row.name,
        grants=parse_grants(row.permissions),
        staff_id=row.staff_id,
        rate_limit_per_hour=row.rate_limit_per_hour,
        expires_at=row.expires_at,
    )


async def staff_grants(conn: AsyncConnection, staff_id: int) -> frozenset[str] | None:
    """The staff member's grants from role and own permissions; None if they may not sign in."""
    staff, roles, extra = table_of(Staff), table_of(Role), table_of(StaffPermission)
    row = (
        await conn.execute(
            select(staff.c.is_admin, staff.c.active, roles.c.permissions)
            .select_from(staff.outerjoin(roles, roles.c.id == staff.c.role_id))
            .where(staff.c.id == staff_id, staff.c.deleted_at.is_(None))
        )
    ).first()
    if row is None or not row.active:
        return None
    if row.is_admin:
        return frozenset({ALL})
    grants = set(parse_grants(row.permissions or ""))
    own = await conn.execute(
        select(extra.c.resource, extra.c.action).where(extra.c.staff_id == staff_id)
    )
    grants.update(f"{r.resource}:{r.action}" for r in own)
    return frozenset(grants)


async def principal_for_jwt(conn: AsyncConnection, claims: Mapping[str, Any]) -> Principal | None:
    """The staff member behind verified claims; None when they may no longer sign in or
    changed their password after the token was issued (which revokes every older token).
    `iat` has whole seconds: a token issued in the very second of the change survives."""
    staff_id = int(claims["sub"])
    staff = table_of(Staff)
    changed = await conn.scalar(select(staff.c.password_changed_at).where(staff.c.id == staff_id))
    if changed is not None and int(claims["iat"]) < int(changed.timestamp()):
        return None
    principal = await principal_for_staff(conn, staff_id)
    if principal is None:
        return None
    return replace(principal, expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC))


async def principal_for_staff(conn: AsyncConnection, staff_id: int) -> Principal | None:
    grants = await staff_grants(conn, staff_id)
    if grants is None:
        return None
    name = (
        await conn.execute(select(table_of(Staff).c.email).where(table_of(Staff).c.id == staff_id))
    ).scalar_one()
    return Principal(kind="staff", id=staff_id, name=name, grants=grants, staff_id=staff_id)


async def check_staff_password(conn: AsyncConnection, email: str, password: str) -> int:
    """The staff id for a correct email and password; Unauthenticated otherwise."""
    staff = table_of(Staff)
    row = (
        await conn.execute(
            select(staff.c.id, staff.c.password_hash, staff.c.active).where(
                staff.c.email == email.strip().lower(), staff.c.deleted_at.is_(None)
            )
        )
    ).first()
    ok = verify_password(row.password_hash if row else "", password)
    if row is None or not ok or not row.active:
        raise Unauthenticated("Wrong email or password")
    return int(row.id)


async def record_login(conn: AsyncConnection, staff_id: int) -> None:
    staff = table_of(Staff)
    await conn.execute(
        update(staff).where(staff.c.id == staff_id).values(last_login_at=datetime.now(UTC))
    )
