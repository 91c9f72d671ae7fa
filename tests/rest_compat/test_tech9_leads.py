"""tech9's leads: the document's list, create, update and delete, replayed."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import leads
from resolvers.core.context import Ctx
from tests.factories import make_staff

AISHA = {
    "first_name": "Aisha",
    "last_name": "Nadeem",
    "email": "aisha.nadeem@example.net",
    "phone": "+971 50 777 2020",
    "company": "Helios Marine",
    "status": "new",
    "source": "referral",
}


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_create_update_and_delete_a_lead_as_the_document_shows(
    client: httpx.AsyncClient, token: str, db: Database, ctx: Ctx
) -> None:
    owner = await make_staff(db)

    created = await client.post("/api/leads", json=AISHA, headers=auth(token))
    lead_id = created.json()["id"]
    updated = await client.put(
        f"/api/leads/{lead_id}",
        json={"status": "qualified", "owner_id": owner["id"]},
        headers=auth(token),
    )
    stored = await leads.get_lead(ctx, lead_id)
    removed = await client.delete(f"/api/leads/{lead_id}", headers=auth(token))

    assert created.status_code == 201
    assert set(created.json()) == {"id", "created_at"}
    assert created.json()["created_at"].endswith("Z")
    assert updated.status_code == 200
    body = updated.json()
    assert (body["id"], body["status"], body["owner_id"]) == (lead_id, "qualified", owner["id"])
    assert (body["first_name"], body["last_name"], body["source"]) == (
        "Aisha",
        "Nadeem",
        "referral",
    )
    assert stored is not None and stored["name"] == "Aisha Nadeem"
    assert stored["assigned_id"] == owner["id"]
    assert removed.status_code == 204 and removed.content == b""
    assert await leads.get_lead(ctx, lead_id) is None


async def test_the_list_pages_and_filters_by_status_and_words(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await leads.create_lead(ctx, {**AISHA, "company": "Orbit Labs", "email": "reem@orbit.io"})
    await leads.create_lead(ctx, {**AISHA, "status": "contacted", "company": "Weissware"})
    await leads.create_lead(ctx, {**AISHA, "company": "Orbit Website Co", "email": "x@y.io"})

    page = await client.get("/api/leads?page=1&per_page=2&status=new", headers=auth(token))
    found = await client.get("/api/leads?page=1&per_page=2&q=website", headers=auth(token))

    body = page.json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 2, 2)
    assert {row["company"] for row in body["data"]} == {"Orbit Labs", "Orbit Website Co"}
    assert {row["status"] for row in body["data"]} == {"new"}
    first = body["data"][0]
    assert set(first) >= {"id", "first_name", "last_name", "email", "phone", "company",
                          "status", "source", "created_at"}  # fmt: skip
    assert [row["company"] for row in found.json()["data"]] == ["Orbit Website Co"]


async def test_a_lead_without_a_name_is_refused_naming_first_name(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/leads", json={"email": "a@b.io"}, headers=auth(token))

    assert response.status_code == 400
    assert "first_name" in response.json()["errors"]


async def test_an_unknown_status_is_refused_by_name_and_an_unknown_lead_is_404(
    client: httpx.AsyncClient, token: str
) -> None:
    bad = await client.post("/api/leads", json={**AISHA, "status": "dreaming"}, headers=auth(token))
    missing = await client.put("/api/leads/999", json={"status": "new"}, headers=auth(token))
    gone = await client.delete("/api/leads/999", headers=auth(token))

    assert bad.status_code == 400 and "status" in bad.json()["errors"]
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert gone.status_code == 404
