"""Every documented path in rest_compat/endpoints.tsv: routed ones must answer.

A routed row must match its method and path and answer, with a valid token, something
other than a routing 404, a 405 or a 5xx. With REQUIRE_ALL (set once all 327 answered)
a row that is not routed fails the walk too.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import httpx
from starlette.routing import Match

from resolvers.core.context import Ctx
from rest_compat import build_routes
from rest_compat.ids import HashedIds
from tests.factories import make_contact, make_customer
from tests.rest_compat.conftest import SETTINGS

ENDPOINTS = Path(__file__).resolve().parents[2] / "rest_compat" / "endpoints.tsv"
REQUIRE_ALL = True
HEADERS = {
    "perfex": "authtoken",
    "tech9": "Authtoken",
    "v1": "X-API-KEY",
    "v2": "X-API-KEY",
    "ninja": "X-API-TOKEN",
}


def endpoint_rows() -> list[dict[str, str]]:
    with ENDPOINTS.open(newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_project_keeps_its_own_copy_of_the_327_rows() -> None:
    rows = endpoint_rows()

    assert len(rows) == 327
    assert {r["dialect"] for r in rows} == set(HEADERS)


def concrete(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)


async def test_every_routed_row_answers(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx)
    other = await make_customer(ctx, company="Other")
    contact = await make_contact(ctx, customer["id"])
    hashed = HashedIds(SETTINGS.secret_key)
    plain = {"id": str(customer["id"]), "customer_id": str(customer["id"]),
             "contact_id": str(contact["id"]), "keysearch": "zahara%20foods"}  # fmt: skip
    ninja = {"id": hashed.encode(customer["id"]), "mergeable_id": hashed.encode(other["id"])}
    routes = build_routes(SETTINGS, ctx=ctx)
    routed, missing, broken = [], [], []

    for row in endpoint_rows():
        method, dialect = row["method"], row["dialect"]
        path = concrete(row["path"], ninja if dialect == "ninja" else plain)
        scope = {"type": "http", "method": method, "path": path.replace("%20", " ")}
        if not any(route.matches(scope)[0] is Match.FULL for route in routes):
            missing.append(f"{dialect} {method} {row['path']}")
            continue
        routed.append(row)
        headers = {HEADERS[dialect]: token}
        body = {} if method in ("POST", "PUT") else None
        response = await client.request(method, path, json=body, headers=headers)
        routing_404 = response.status_code == 404 and not response.headers.get(
            "content-type", ""
        ).startswith("application/json")
        if routing_404 or response.status_code == 405 or response.status_code >= 500:
            broken.append(f"{dialect} {method} {path} -> {response.status_code} {response.text}")

    print(f"\n{len(routed)} of {len(routed) + len(missing)} documented rows routed; "
          f"{len(missing)} still missing:")  # fmt: skip
    for line in missing:
        print("  missing:", line)
    assert broken == []
    assert routed, "no row routed at all"
    if REQUIRE_ALL:
        assert missing == []
