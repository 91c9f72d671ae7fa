"""The join rule on the paths tech9 shares with perfex beyond customers: JSON writes and
paged lists get tech9's replies, forms and unpaged lists perfex's."""

from __future__ import annotations

import httpx

from resolvers import leads, tasks
from resolvers.core.context import Ctx
from tests.factories import make_customer


def auth(token: str) -> dict[str, str]:
    return {"Authtoken": token}


async def test_a_lead_written_as_json_or_as_a_form(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    as_json = await client.post("/api/leads", json={"first_name": "Hana", "last_name": "Al Marri"},
                                headers=auth(token))  # fmt: skip
    form = {"name": "Form Lead", "source": "1", "status": "1", "assigned": "0"}
    as_form = await client.post("/api/leads", data=form, headers=auth(token))

    assert as_json.status_code == 201 and set(as_json.json()) == {"id", "created_at"}
    assert as_form.json()["status"] is True and "created_at" not in as_form.json()
    for reply in (as_json, as_form):
        assert await leads.get_lead(ctx, int(reply.json()["id"])) is not None


async def test_the_lead_list_is_tech9s_with_page_and_perfexs_without(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await leads.create_lead(ctx, {"first_name": "Lina", "email": "lina@demo.com"})

    paged = await client.get("/api/leads?page=1&per_page=25", headers=auth(token))
    bare = await client.get("/api/leads", headers=auth(token))

    assert paged.json()["total"] == 1 and paged.json()["data"][0]["first_name"] == "Lina"
    assert isinstance(bare.json(), list) and bare.json()[0]["name"] == "Lina"


async def test_a_task_update_as_json_answers_tech9s_task(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    task = await tasks.create_task(ctx, {"name": "Prepare onboarding deck"})

    as_json = await client.put(f"/api/tasks/{task['id']}", json={"status": "completed"},
                               headers=auth(token))  # fmt: skip
    as_form = await client.put(f"/api/tasks/{task['id']}", data={"name": "Renamed"},
                               headers=auth(token))  # fmt: skip

    assert as_json.json()["status"] == "completed" and as_json.json()["id"] == task["id"]
    assert as_form.json()["status"] is True


async def test_an_invoice_as_json_is_a_tech9_draft(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    response = await client.post("/api/invoices", json={
        "customer_id": customer["id"], "currency": "AED",
        "items": [{"description": "Service", "qty": 2, "unit_price": 500}],
    }, headers=auth(token))  # fmt: skip

    assert response.status_code == 201
    assert response.json() == {"id": response.json()["id"], "status": "draft"}
