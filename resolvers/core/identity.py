"""Credentials: argon2 passwords, hashed API tokens, and signed JWTs for staff."""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.errors import Unauthenticated
from resolvers.core.permissions import ALL, Principal, parse_grants
from resolvers.models import ApiToken, Role, Staff, StaffPermission, table_of

TOKEN_PREFIX = "crm_"
# argon2 cost profiles by the name CRM_ARGON2_PROFILE gives. The default is RFC 9106's
# second recommendation (argon2-cffi's own default); CHEAPEST exists for test suites,
# which hash thousands of passwords, and must never protect real ones.
PASSWORD_PROFILES = {
    "RFC_9106_LOW_MEMORY": profiles.RFC_9106_LOW_MEMORY,
    "RFC_9106_HIGH_MEMORY": profiles.RFC_9106_HIGH_MEMORY,
    "CHEAPEST": profiles.CHEAPEST,
}
DEFAULT_PASSWORD_PROFILE = "RFC_9106_LOW_MEMORY"
_hasher = PasswordHasher.from_parameters(PASSWORD_PROFILES[DEFAULT_PASSWORD_PROFILE])
# A real hash to verify against when the email is unknown, so timing does not tell. Made
# when the profile is chosen at start-up, not at import: a process choosing another
# profile (every test process and server) paid ~0.25 s of CPU for a decoy it discarded.
_DUMMY_HASH: str | None = None
_profile = DEFAULT_PASSWORD_PROFILE


def use_password_profile(name: str) -> None:
    """Hash new passwords (and the unknown-email decoy) at this profile's cost. Stored
    hashes keep verifying at the cost they were made with, whatever the profile."""
    global _hasher, _DUMMY_HASH, _profile
    if name == _profile and _DUMMY_HASH is not None:
        return
    _hasher = PasswordHasher.from_parameters(PASSWORD_PROFILES[name])
    _DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
    _profile = name


def _decoy() -> str:
    """The decoy, made now at the current cost if no profile was chosen yet."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Blocks for ~0.1 s of CPU on purpose: on the event loop, call `verify_off_loop`."""
    try:
        return _hasher.verify(password_hash or _decoy(), password)
    except (VerificationError, InvalidHashError):
        return False


# argon2 costs ~0.1 s of CPU per check, on purpose. Run on the event loop, 30 failed
# sign-ins at once stalled every other request of the worker; on these threads (argon2
# releases the GIL) the loop keeps answering. At most VERIFY_THREADS checks run at once
# (more would only share the same cores); up to VERIFY_QUEUE more wait their turn, and a
# sign-in beyond those is refused at once rather than queued without end: a burst that
# size is an attack or a stampede, and a client retries later.
VERIFY_THREADS = 2
VERIFY_QUEUE = 32
_verifiers = ThreadPoolExecutor(max_workers=VERIFY_THREADS, thread_name_prefix="argon2")
# Checks started and not finished; only event loop code changes it, one step at a time.
_pending = 0


async def verify_off_loop(password_hash: str, password: str) -> bool:
    """`verify_password` on a bounded pool of threads; Unauthenticated when the pool
    and its queue are full."""
    global _pending
    if _pending >= VERIFY_THREADS + VERIFY_QUEUE:
        raise Unauthenticated("Too many sign-in attempts at once: retry in a few seconds")
    _pending += 1
    try:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_verifiers, verify_password, password_hash, password)
    finally:
        _pending -= 1


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
            # To the microsecond (RFC 7519 allows a fractional NumericDate): a password
            # changed in the same second revokes a token issued before it, not after.
            "iat": now.timestamp(),
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
        except (OverflowError, ValueError, TypeError) as exc:  # iat/exp of 1e999 and the like
            raise Unauthenticated("Invalid token: a time claim is not a number") from exc
        staff_subject(claims["sub"])
        issued, expires = _moment(claims["iat"]), _moment(claims["exp"])
        # However it was signed, a token lives no longer than this gateway issues them for.
        if expires - issued > self.ttl_seconds:
            raise Unauthenticated(
                f"Invalid token: it lives longer than {self.ttl_seconds} seconds (exp - iat)"
            )
        return claims


# Staff ids are 32-bit integers in every table; a subject past that names nobody.
_MAX_STAFF_ID = 2**31 - 1


def staff_subject(sub: Any) -> int:
    """The staff id a JWT's `sub` names: a plain decimal string (or integer) of a
    possible id; Unauthenticated for anything else ("²", "1e3", 2**64, " 7", True)."""
    text = str(sub) if isinstance(sub, int) and not isinstance(sub, bool) else sub
    if not (isinstance(text, str) and 0 < len(text) <= 10 and text.isascii() and text.isdigit()):
        raise Unauthenticated("Invalid token: the subject is not a staff member")
    staff_id = int(text)
    if not 0 < staff_id <= _MAX_STAFF_ID:
        raise Unauthenticated("Invalid token: the subject is not a staff member")
    return staff_id


def _moment(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unauthenticated("Invalid token: a time claim is not a number")
    moment = float(value)
    if not math.isfinite(moment):
        raise Unauthenticated("Invalid token: a time claim is not a number")
    return moment


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
    Compared to the microsecond: a token with a whole-second `iat` (another issuer's,
    or an older one of ours) issued in the second of the change is refused with it."""
    staff_id = staff_subject(claims["sub"])
    staff = table_of(Staff)
    changed = await conn.scalar(select(staff.c.password_changed_at).where(staff.c.id == staff_id))
    if changed is not None and _moment(claims["iat"]) < changed.timestamp():
        return None
    principal = await principal_for_staff(conn, staff_id)
    if principal is None:
        return None
    expires = datetime.fromtimestamp(_moment(claims["exp"]), UTC)
    return replace(principal, expires_at=expires)


async def principal_for_staff(conn: AsyncConnection, staff_id: int) -> Principal | None:
    grants = await staff_grants(conn, staff_id)
    if grants is None:
        return None
    name = (
        await conn.execute(select(table_of(Staff).c.email).where(table_of(Staff).c.id == staff_id))
    ).scalar_one()
    return Principal(kind="staff", id=staff_id, name=name, grants=grants, staff_id=staff_id)


@dataclass(frozen=True)
class SignIn:
    """What checking a sign-in needs of the staff row; read, then the connection goes
    back to the pool before the slow check (a queue of checks must not hold the pool)."""

    staff_id: int | None
    password_hash: str
    active: bool


async def sign_in_of(conn: AsyncConnection, email: str) -> SignIn:
    staff = table_of(Staff)
    row = (
        await conn.execute(
            select(staff.c.id, staff.c.password_hash, staff.c.active).where(
                staff.c.email == email.strip().lower(), staff.c.deleted_at.is_(None)
            )
        )
    ).first()
    if row is None:
        return SignIn(None, "", False)
    return SignIn(int(row.id), row.password_hash or "", bool(row.active))


async def check_sign_in(found: SignIn, password: str) -> int:
    """The staff id for a correct password; Unauthenticated otherwise. An unknown email
    is checked against a dummy hash, so the time taken does not tell."""
    ok = await verify_off_loop(found.password_hash, password)
    if found.staff_id is None or not ok or not found.active:
        raise Unauthenticated("Wrong email or password")
    return found.staff_id


async def check_staff_password(conn: AsyncConnection, email: str, password: str) -> int:
    """The staff id for a correct email and password; Unauthenticated otherwise."""
    return await check_sign_in(await sign_in_of(conn, email), password)


async def record_login(conn: AsyncConnection, staff_id: int) -> None:
    staff = table_of(Staff)
    await conn.execute(
        update(staff).where(staff.c.id == staff_id).values(last_login_at=datetime.now(UTC))
    )
