"""Lost updates are refused: REST ETag/If-Match (412) and GraphQL expectedUpdatedAt."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from resolvers import customers
from resolvers.core import preconditions
from resolvers.core.context import Ctx
from resolvers.core.errors import Stale

UPDATE = """
mutation ($id: ID!, $at: DateTime) {
  updateCustomer(id: $id, input: {company: "Renamed"}, expectedUpdatedAt: $at) {
    record { company updatedAt } userErrors { field code message }
  }
}
"""
DELETE = """
mutation ($id: ID!, $at: DateTime) {
  deleteCustomer(id: $id, expectedUpdatedAt: $at) { record { id } userErrors { field code } }
}
"""


def auth(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


async def test_an_update_with_a_stale_version_writes_nothing(ctx: Ctx) -> None:
    row = await customers.create_customer(ctx, {"company": "Acme"})
    old = row["updated_at"] - timedelta(seconds=1)

    with pytest.raises(Stale), preconditions.expecting("customers", row["id"], old):
        await customers.update_customer(ctx, row["id"], {"company": "Lost"})

    kept = await customers.get_customer(ctx, row["id"])
    assert kept is not None and kept["company"] == "Acme"


async def test_an_update_with_the_current_version_passes_and_moves_the_version(ctx: Ctx) -> None:
    row = await customers.create_customer(ctx, {"company": "Acme"})

    with preconditions.expecting("customers", row["id"], row["updated_at"]) as expectation:
        updated = await customers.update_customer(ctx, row["id"], {"company": "Acme Ltd"})

    assert expectation.checked
    assert updated["updated_at"] > row["updated_at"]
    assert preconditions.etag_of(updated) != preconditions.etag_of(row)


def test_a_tag_reads_back_into_its_id_and_version() -> None:
    from resolvers.models.types import utcnow

    moment = utcnow()

    assert preconditions.parse_etag(preconditions.etag(42, moment)) == (42, moment)
    assert preconditions.parse_etag('W/"abc"') is None
    assert preconditions.parse_etag('"zz"') is None


async def test_rest_replies_carry_an_etag_and_a_stale_if_match_is_412(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    created = await client.post("/api/v1/customers", json={"company": "Acme"}, headers=auth(token))
    customer_id = created.json()["id"]
    read = await client.get(f"/api/v1/customers/{customer_id}", headers=auth(token))
    tag = read.headers["etag"]
    assert created.headers["etag"] == tag

    first = await client.put(
        f"/api/v1/customers/{customer_id}",
        json={"company": "One"},
        headers=auth(token, **{"If-Match": tag}),
    )
    second = await client.put(
        f"/api/v1/customers/{customer_id}",
        json={"company": "Two"},
        headers=auth(token, **{"If-Match": tag}),
    )
    gone = await client.delete(
        f"/api/v1/customers/{customer_id}", headers=auth(token, **{"If-Match": tag})
    )

    assert first.status_code == 200 and first.headers["etag"] != tag
    assert second.status_code == 412 and second.json()["error"] == "stale"
    assert gone.status_code == 412
    kept = await customers.get_customer(ctx, customer_id)
    assert kept is not None and kept["company"] == "One"


async def test_if_match_star_always_passes_and_a_foreign_tag_never_does(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    one = await customers.create_customer(ctx, {"company": "One"})
    two = await customers.create_customer(ctx, {"company": "Two"})
    foreign = preconditions.etag(two["id"], two["updated_at"])

    star = await client.put(
        f"/api/v1/customers/{one['id']}",
        json={"company": "Star"},
        headers=auth(token, **{"If-Match": "*"}),
    )
    other = await client.put(
        f"/api/v1/customers/{one['id']}",
        json={"company": "X"},
        headers=auth(token, **{"If-Match": foreign}),
    )

    assert star.status_code == 200
    assert other.status_code == 412


async def test_each_dialect_answers_a_stale_write_412_in_its_own_shape(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    row = await customers.create_customer(ctx, {"company": "Acme"})
    stale = preconditions.etag(row["id"], row["updated_at"] - timedelta(seconds=5))

    perfex = await client.put(
        f"/api/customers/{row['id']}",
        data={"company": "P"},
        headers={"authtoken": token, "If-Match": stale},
    )
    v2 = await client.delete(
        f"/api/v2/customers/{row['id']}", headers=auth(token, **{"If-Match": stale})
    )

    assert perfex.status_code == 412 and perfex.json()["status"] is False
    assert v2.status_code == 412 and v2.json()["success"] is False


async def test_graphql_updates_take_expected_updated_at_and_answer_stale(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    row = await customers.create_customer(ctx, {"company": "Acme"})
    from schema.node import encode_global_id

    gid = encode_global_id("Customer", row["id"])
    current = row["updated_at"].isoformat()

    ok = await client.post(
        "/graphql",
        json={"query": UPDATE, "variables": {"id": gid, "at": current}},
        headers=auth(token),
    )
    stale = await client.post(
        "/graphql",
        json={"query": UPDATE, "variables": {"id": gid, "at": current}},
        headers=auth(token),
    )
    refused = await client.post(
        "/graphql",
        json={"query": DELETE, "variables": {"id": gid, "at": current}},
        headers=auth(token),
    )
    plain = await client.post(
        "/graphql", json={"query": DELETE, "variables": {"id": gid}}, headers=auth(token)
    )

    assert ok.json()["data"]["updateCustomer"]["userErrors"] == []
    errors = stale.json()["data"]["updateCustomer"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("expectedUpdatedAt", "STALE")]
    assert refused.json()["data"]["deleteCustomer"]["userErrors"][0]["code"] == "STALE"
    assert plain.json()["data"]["deleteCustomer"]["userErrors"] == []
