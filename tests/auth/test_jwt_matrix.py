"""Staff JWTs: every forged, stale or misaddressed token is refused on GraphQL and on every
REST dialect; rotation by kid; a password change revokes older tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy import select, update

from gateway.app import jwt_keys
from gateway.database import Database
from gateway.settings import Settings
from resolvers.core.context import Ctx
from resolvers.core.identity import JwtKeys
from resolvers.core.permissions import Principal
from resolvers.models import Staff, table_of
from resolvers.staff import change_password
from tests.auth.conftest import PROBE, REST, SECRET, SETTINGS, client_for, graphql
from tests.factories import make_staff

KEYS = jwt_keys(SETTINGS)
LOGIN = """
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { code } }
}
"""


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(header: dict[str, Any], claims: dict[str, Any], key: str = SECRET) -> str:
    """A token with any header, HMAC-SHA256-signed with `key` whatever the header says."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def claims(staff_id: int, **changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "sub": str(staff_id),
        "iss": KEYS.issuer,
        "aud": KEYS.audience,
        "iat": int((now - timedelta(minutes=1)).timestamp()),
        # Within the gateway's TTL (exp - iat <= CRM_JWT_TTL_SECONDS, an hour here).
        "exp": int((now + timedelta(minutes=59)).timestamp()),
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def signed(payload: dict[str, Any], *, alg: str = "HS256", kid: str | None = "k1") -> str:
    headers = {"kid": kid} if kid is not None else {}
    return jwt.encode(payload, SECRET, algorithm=alg, headers=headers)


def in_seconds(seconds: int) -> int:
    return int((datetime.now(UTC) + timedelta(seconds=seconds)).timestamp())


def tamper_payload(token: str, other_id: int) -> str:
    head, _, sig = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    body["sub"] = str(other_id)
    return f"{head}.{b64(json.dumps(body).encode())}.{sig}"


def tamper_signature(token: str) -> str:
    head, body, sig = token.split(".")
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    return f"{head}.{body}.{flipped}"


Case = Callable[[int, int], str]
# name -> build(staff id, another staff id): each must be refused.
MATRIX: dict[str, Case] = {
    "alg none, unsigned": lambda s, o: jwt.encode(
        claims(s), None, algorithm="none", headers={"kid": "k1"}
    ),
    "alg none, with an HMAC signature": lambda s, o: forge({"alg": "none", "kid": "k1"}, claims(s)),
    "HS512 when only HS256": lambda s, o: signed(claims(s), alg="HS512"),
    "HS384 when only HS256": lambda s, o: signed(claims(s), alg="HS384"),
    "RS256 header, HMAC secret as key": lambda s, o: forge(
        {"alg": "RS256", "typ": "JWT", "kid": "k1"}, claims(s)
    ),
    "wrong secret": lambda s, o: jwt.encode(
        claims(s), "another-secret-entirely-but-long-enough!!", headers={"kid": "k1"}
    ),
    "missing exp": lambda s, o: signed(claims(s, exp=None)),
    "expired": lambda s, o: signed(claims(s, exp=in_seconds(-300))),
    "missing iss": lambda s, o: signed(claims(s, iss=None)),
    "wrong iss": lambda s, o: signed(claims(s, iss="someone-else")),
    "missing aud": lambda s, o: signed(claims(s, aud=None)),
    "wrong aud": lambda s, o: signed(claims(s, aud="another-service")),
    "missing sub": lambda s, o: signed(claims(s, sub=None)),
    "non-numeric sub": lambda s, o: signed(claims(s, sub="admin")),
    "missing iat": lambda s, o: signed(claims(s, iat=None)),
    "unknown kid": lambda s, o: signed(claims(s), kid="k9"),
    "missing kid": lambda s, o: signed(claims(s), kid=None),
    "tampered payload": lambda s, o: tamper_payload(signed(claims(o)), s),
    "tampered signature": lambda s, o: tamper_signature(signed(claims(s))),
    "nbf in the future": lambda s, o: signed(claims(s, nbf=in_seconds(600))),
    "iat in the future beyond leeway": lambda s, o: signed(claims(s, iat=in_seconds(600))),
    "staff member deleted": lambda s, o: signed(claims(o)),
    "lives longer than the TTL": lambda s, o: signed(claims(s, exp=in_seconds(24 * 3600))),
    "lives a second longer than the TTL": lambda s, o: signed(
        claims(s, iat=in_seconds(-10), exp=in_seconds(-10) + KEYS.ttl_seconds + 1)
    ),
    "sub past 64 bits": lambda s, o: signed(claims(s, sub=str(2**64))),
    "sub past 32 bits": lambda s, o: signed(claims(s, sub=str(2**31))),
    "sub of 300 digits": lambda s, o: signed(claims(s, sub="9" * 300)),
    "sub as a JSON number past 64 bits": lambda s, o: forge(
        {"alg": "HS256", "typ": "JWT", "kid": "k1"}, claims(s, sub=2**70)
    ),
    "sub of unicode digits": lambda s, o: signed(claims(s, sub="\u00b2")),
    "sub of arabic-indic digits": lambda s, o: signed(claims(s, sub="\u0661")),
    "sub zero": lambda s, o: signed(claims(s, sub="0")),
    "sub negative": lambda s, o: signed(claims(s, sub="-1")),
    "sub with spaces": lambda s, o: signed(claims(s, sub=f" {s}")),
    "sub in exponent form": lambda s, o: signed(claims(s, sub="1e3")),
    "sub a list": lambda s, o: forge({"alg": "HS256", "kid": "k1"}, claims(s, sub=[s])),
    "iat infinite": lambda s, o: forge({"alg": "HS256", "kid": "k1"}, claims(s, iat=float("inf"))),
    "exp a string": lambda s, o: forge({"alg": "HS256", "kid": "k1"}, claims(s, exp="tomorrow")),
}


async def refused_everywhere(client: httpx.AsyncClient, token: str) -> None:
    body = (await graphql(client, PROBE, token)).json()
    assert body.get("data") in (None, {"customers": None}), body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
    for dialect, (path, header) in REST.items():
        response = await client.get(path, headers={header: token})
        assert response.status_code == 401, (dialect, response.text)
        bearer = await client.get(path, headers={"Authorization": f"Bearer {token}"})
        assert bearer.status_code == 401, (dialect, "bearer", bearer.text)


async def accepted_everywhere(client: httpx.AsyncClient, token: str) -> None:
    body = (await graphql(client, PROBE, token)).json()
    assert "errors" not in body and body["data"] == {"customers": {"totalCount": 0}}, body
    for dialect, (path, header) in REST.items():
        response = await client.get(path, headers={header: token})
        assert response.status_code == 200, (dialect, response.text)


async def two_admins(db: Database) -> tuple[int, int]:
    """An active administrator, and another one who is then deleted."""
    admin = await make_staff(db, is_admin=True)
    gone = await make_staff(db, email="gone@example.com", is_admin=True)
    async with db.write() as conn:
        staff = table_of(Staff)
        await conn.execute(
            update(staff).where(staff.c.id == gone["id"]).values(deleted_at=datetime.now(UTC))
        )
    return admin["id"], gone["id"]


async def test_a_well_formed_token_is_accepted_by_every_surface(
    client: httpx.AsyncClient, db: Database
) -> None:
    admin, _ = await two_admins(db)

    await accepted_everywhere(client, signed(claims(admin)))


@pytest.mark.parametrize("case", MATRIX)
async def test_the_negative_matrix_is_refused_by_every_surface(
    client: httpx.AsyncClient, db: Database, case: str
) -> None:
    admin, gone = await two_admins(db)

    token = MATRIX[case](admin, gone)

    await refused_everywhere(client, token)


async def test_an_inactive_member_token_is_refused(client: httpx.AsyncClient, db: Database) -> None:
    member = await make_staff(db, is_admin=True, active=False)

    await refused_everywhere(client, signed(claims(member["id"])))


async def test_a_password_change_revokes_older_tokens_but_not_newer_ones(
    client: httpx.AsyncClient, db: Database
) -> None:
    member = await make_staff(db, is_admin=True)
    older = KEYS.issue(member["id"], now=datetime.now(UTC) - timedelta(minutes=5))
    await accepted_everywhere(client, older)
    me = Ctx(db=db, principal=Principal("staff", member["id"], "sara", frozenset(), member["id"]))

    await change_password(me, member["id"], "a-brand-new-pass")

    await refused_everywhere(client, older)
    login = await graphql(client, LOGIN, email="sara@example.com", password="a-brand-new-pass")
    newer = login.json()["data"]["login"]["token"]
    await accepted_everywhere(client, newer)


async def test_a_password_change_is_compared_to_the_microsecond(
    client: httpx.AsyncClient, db: Database
) -> None:
    member = await make_staff(db, is_admin=True)
    me = Ctx(db=db, principal=Principal("staff", member["id"], "sara", frozenset(), member["id"]))
    await change_password(me, member["id"], "a-brand-new-pass")
    async with db.read() as conn:
        staff = table_of(Staff)
        changed = await conn.scalar(
            select(staff.c.password_changed_at).where(staff.c.id == member["id"])
        )
    assert isinstance(changed, datetime)

    # issued 300 ms either side of the change: in the same second, or nearly so
    before = KEYS.issue(member["id"], now=changed - timedelta(milliseconds=300))
    after = KEYS.issue(member["id"], now=changed + timedelta(milliseconds=300))
    whole_second = signed(claims(member["id"], iat=int(changed.timestamp())))

    await refused_everywhere(client, before)
    await refused_everywhere(client, whole_second)
    await accepted_everywhere(client, after)


async def test_rotation_signs_with_the_current_kid_and_accepts_every_listed_one(
    db: Database,
) -> None:
    member = await make_staff(db, is_admin=True)
    old_secret, new_secret = "o" * 40, "n" * 40
    before = Settings(secret_key=SECRET, jwt_keys=f"old:{old_secret}", jwt_current_kid="old")
    during = Settings(
        secret_key=SECRET, jwt_keys=f"old:{old_secret},new:{new_secret}", jwt_current_kid="new"
    )
    after = Settings(secret_key=SECRET, jwt_keys=f"new:{new_secret}")
    old_token = jwt_keys(before).issue(member["id"])

    new_token = jwt_keys(during).issue(member["id"])

    assert jwt.get_unverified_header(new_token)["kid"] == "new"
    async for client in client_for(during, db):
        await accepted_everywhere(client, old_token)
        await accepted_everywhere(client, new_token)
    async for client in client_for(after, db):
        await refused_everywhere(client, old_token)
        await accepted_everywhere(client, new_token)


def test_by_default_one_key_comes_from_the_secret() -> None:
    keys = jwt_keys(Settings(secret_key=SECRET))

    assert keys.keys == {"k1": SECRET} and keys.current == "k1"
    assert keys.algorithm == "HS256"


@pytest.mark.parametrize(
    ("listed", "current", "complaint"),
    [
        ("k1", "", "KID:SECRET"),
        ("k1:" + "s" * 40 + ",k1:" + "t" * 40, "", "listed twice"),
        ("k1:tiny", "", "shorter than 32"),
        ("k1:" + "s" * 40, "k2", "CRM_JWT_CURRENT_KID"),
    ],
)
def test_bad_key_settings_are_refused_without_showing_the_secret(
    listed: str, current: str, complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint) as raised:
        jwt_keys(Settings(secret_key=SECRET, jwt_keys=listed, jwt_current_kid=current))

    for secret in ("s" * 40, "t" * 40, "tiny", SECRET):
        assert secret not in str(raised.value)


def test_settings_read_the_key_list_from_the_environment() -> None:
    env = {"CRM_SECRET_KEY": SECRET, "CRM_JWT_KEYS": "a:" + "x" * 32, "CRM_JWT_CURRENT_KID": "a"}

    settings = Settings.from_env(env)

    assert jwt_keys(settings).keys == {"a": "x" * 32}


def test_the_current_kid_must_be_a_listed_key() -> None:
    with pytest.raises(ValueError, match="not among the keys"):
        JwtKeys(keys={"a": "x" * 32}, current="b", issuer="i", audience="a")
