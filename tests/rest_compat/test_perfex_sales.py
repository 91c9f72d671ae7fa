"""perfex: invoices, estimates, credit notes, proposals and contracts, replayed as the
document's forms (bracket keys, client-sent figures, custom fields)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from gateway.database import SqlTrace, sql_trace
from resolvers import credit_notes, custom_fields, estimates, invoices, payments, proposals
from resolvers.core.context import Ctx, Row
from tests.factories import make_contact, make_customer


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


def invoice_form(customer_id: int, **extra: str) -> dict[str, Any]:
    return {
        "clientid": str(customer_id),
        "number": "7",
        "date": "2024-05-01",
        "duedate": "2024-05-31",
        "currency": "1",
        "newitems[0][description]": "12MP Dual Camera with cover",
        "newitems[0][long_description]": "The JBL Cinema SB110",
        "newitems[0][qty]": "2",
        "newitems[0][rate]": "5.00",
        "newitems[0][order]": "1",
        "newitems[0][unit]": "pcs",
        "newitems[1][description]": "Installation",
        "newitems[1][qty]": "1",
        "newitems[1][rate]": "100",
        "newitems[1][taxname][]": "VAT|5.00",
        # Figures the client computed: accepted, and the service decides.
        "subtotal": "999.00",
        "total": "999.00",
        "billing_street": "123 Road Street",
        "allowed_payment_modes[]": ["1", "2"],
        "adminnote": "note for staff",
        "clientnote": "thanks",
        "sale_agent": "0",
        **extra,
    }


async def make_invoice(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    return await invoices.create_invoice(
        ctx,
        {"customer_id": customer_id,
         "items": [{"description": "Consulting", "qty": "1", "rate": "110.00"}], **fields},
    )  # fmt: skip


async def test_an_invoice_added_by_form_computes_its_own_figures(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="trueline")

    added = await client.post(
        "/api/invoices", data=invoice_form(customer["id"]), headers=auth(token)
    )

    assert added.status_code == 200, added.text
    assert added.json()["status"] is True
    assert added.json()["message"] == "Invoice Added Successfully"
    stored = await invoices.get_invoice(ctx, added.json()["id"])
    assert stored is not None
    assert stored["subtotal"] == Decimal("110.00")
    assert stored["total"] == Decimal("115.00")
    assert stored["due_date"].isoformat() == "2024-05-31"
    assert stored["allowed_payment_modes"] == "1,2"
    assert stored["sale_agent_id"] is None


async def test_an_invoice_reads_back_with_lines_client_payments_and_custom_fields(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="trueline")
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "PO Number", "type": "input"}
    )
    form = invoice_form(customer["id"], **{f"custom_fields[invoice][{field['id']}]": "PO-77"})
    new_id = (await client.post("/api/invoices", data=form, headers=auth(token))).json()["id"]
    await client.post(
        "/api/payments",
        data={"invoiceid": str(new_id), "amount": "15.00", "paymentmode": "1"},
        headers=auth(token),
    )

    read = await client.get(f"/api/invoices/{new_id}", headers=auth(token))

    assert read.status_code == 200
    body = read.json()
    assert body["id"] == str(new_id)
    assert body["clientid"] == str(customer["id"])
    assert (body["subtotal"], body["total_tax"], body["total"]) == ("110.00", "5.00", "115.00")
    assert body["total_left_to_pay"] == "100.00"
    assert body["status"] == "3"
    assert body["duedate"] == "2024-05-31"
    assert body["allowed_payment_modes"] == 'a:2:{i:0;s:1:"1";i:1;s:1:"2";}'
    assert body["currency_name"] == "USD" and body["symbol"] == "$"
    assert [i["description"] for i in body["items"]] == ["12MP Dual Camera with cover",
                                                         "Installation"]  # fmt: skip
    assert body["items"][0]["qty"] == "2.00" and body["items"][0]["rel_type"] == "invoice"
    assert body["client"]["userid"] == str(customer["id"])
    assert body["client"]["company"] == "trueline"
    assert [p["amount"] for p in body["payments"]] == ["15.00"]
    assert body["payments"][0]["name"] == "Bank"
    assert body["customfields"] == [{"label": "PO Number", "value": "PO-77"}]
    assert body["attachments"] == [] and body["visible_attachments_to_customer_found"] is False


async def test_invoice_update_edits_lines_in_place_and_answers_status_true(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"])
    [line] = await invoices.items_by_invoice_id(ctx, [invoice["id"]])
    form = {
        "clientid": str(customer["id"]),
        "items[0][itemid]": str(line[0]["id"]),
        "items[0][rate]": "200.00",
        "newitems[0][description]": "Support",
        "newitems[0][rate]": "50",
        "subtotal": "1",
        "total": "1",
    }

    updated = await client.put(f"/api/invoices/{invoice['id']}", data=form, headers=auth(token))
    removed = await client.put(
        f"/api/invoices/{invoice['id']}", data={"removed_items[]": [str(line[0]["id"])]},
        headers=auth(token),
    )  # fmt: skip

    assert updated.json() == {"status": True, "message": "Invoice Updated Successfully"}
    assert removed.status_code == 200
    stored = await invoices.get_invoice(ctx, invoice["id"])
    assert stored is not None and stored["total"] == Decimal("50.00")


async def test_invoice_failures_name_the_perfex_field(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    await make_invoice(ctx, customer["id"], number=7)

    no_client = await client.post(
        "/api/invoices", data={"newitems[0][description]": "x"}, headers=auth(token)
    )
    taken = await client.post(
        "/api/invoices", data=invoice_form(customer["id"]), headers=auth(token)
    )
    # Every field a create requires given, and a line with no description.
    whole = {
        k: v for k, v in invoice_form(customer["id"], number="8").items() if "newitems" not in k
    }
    bad_line = await client.post(
        "/api/invoices", data={**whole, "newitems[0][qty]": "1"}, headers=auth(token)
    )
    missing = await client.get("/api/invoices/999", headers=auth(token))
    bad_delete = await client.delete("/api/invoices/999", headers=auth(token))

    assert no_client.status_code == 404
    assert no_client.json()["message"] == "Invoice Add Fail"
    assert "clientid" in no_client.json()["errors"]
    assert taken.status_code == 409 and "number" in taken.json()["error"]
    assert bad_line.status_code == 404
    assert any(k.startswith("newitems.0") for k in bad_line.json()["errors"])
    assert missing.status_code == 404
    assert missing.json() == {"status": False, "message": "No data were found"}
    assert bad_delete.json() == {"status": False, "message": "Invoice Delete Fail"}


async def test_an_invoice_update_its_state_refuses_is_a_conflict_naming_the_field(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    invoice = await make_invoice(ctx, (await make_customer(ctx))["id"])
    [line] = (await invoices.items_by_invoice_id(ctx, [invoice["id"]]))[0]
    await payments.record_payment(ctx, invoice["id"], {"amount": "60.00"})
    path = f"/api/invoices/{invoice['id']}"

    # Each body is valid for an invoice: the stored one (issued, 60 paid) refuses it, a
    # conflict as the number already in use is.
    redrafted = await client.put(path, data={"status": "6"}, headers=auth(token))
    below = await client.put(
        path, data={"removed_items[]": [str(line["id"])], "newitems[0][description]": "Less",
                    "newitems[0][rate]": "50"}, headers=auth(token),
    )  # fmt: skip

    assert redrafted.status_code == 409, redrafted.text
    assert redrafted.json()["status"] is False and "status" in redrafted.json()["error"]
    assert below.status_code == 409, below.text
    assert list(below.json()["error"]) == ["items"]
    kept = await invoices.get_invoice(ctx, invoice["id"])
    assert kept is not None and (kept["total"], kept["status"]) == (Decimal("110.00"), 3)


async def test_invoice_search_joins_the_customer_and_deletes_answer_the_document(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    xyz = await make_customer(ctx, company="xyz traders")
    other = await make_customer(ctx, company="Other")
    first = await make_invoice(ctx, xyz["id"])
    await make_invoice(ctx, other["id"])

    found = await client.get("/api/invoices/search/xyz%20traders", headers=auth(token))
    none = await client.get("/api/invoices/search/nothing", headers=auth(token))
    deleted = await client.delete(f"/api/invoices/{first['id']}", headers=auth(token))

    assert found.status_code == 200
    [row] = found.json()
    assert row["invoiceid"] == str(first["id"])
    assert row["id"] == str(first["id"]) and row["company"] == "xyz traders"
    assert row["userid"] == str(xyz["id"])
    assert none.status_code == 404
    assert none.json() == {"status": False, "message": "No Data Were Found"}
    assert deleted.json() == {"status": True, "message": "Invoice Deleted Successfully"}
    assert await invoices.get_invoice(ctx, first["id"]) is None


async def test_estimates_flow(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx, company="test")
    form = {
        "clientid": str(customer["id"]),
        "number": "2",
        "date": "2021-08-01",
        "duedate": "2021-08-08",
        "currency": "1",
        "newitems[0][description]": "test",
        "newitems[0][qty]": "1",
        "newitems[0][rate]": "1200.00",
        "subtotal": "1200.00",
        "total": "1200.00",
        "reference": "REF-1",
        "show_shipping_on_estimate": "on",
    }

    added = await client.post("/api/estimates", data=form, headers=auth(token))
    new_id = added.json()["id"]
    read = (await client.get(f"/api/estimates/{new_id}", headers=auth(token))).json()
    updated = await client.put(
        f"/api/estimates/{new_id}", data={"expirydate": "2021-08-20", "status": "2"},
        headers=auth(token),
    )  # fmt: skip
    found = await client.get("/api/estimates/search/REF-1", headers=auth(token))
    deleted = await client.delete(f"/api/estimates/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Estimates Added Successfully"
    assert read["expirydate"] == "2021-08-08" and read["reference_no"] == "REF-1"
    assert read["total"] == "1200.00" and read["prefix"] == "EST-"
    assert read["items"][0]["rel_type"] == "estimate"
    assert read["client"]["company"] == "test"
    assert read["show_shipping_on_estimate"] == "1"
    assert updated.json() == {"status": True, "message": "Estimate Updated Successfully"}
    assert found.json()[0]["estimateid"] == str(new_id)
    assert found.json()[0]["expirydate"] == "2021-08-20"
    assert deleted.json() == {"status": True, "message": "Estimate Deleted Successfully"}
    assert await estimates.get_estimate(ctx, new_id) is None


async def test_credit_notes_update_takes_the_id_in_the_body(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="Test")
    form = {
        "clientid": str(customer["id"]),
        "date": "2021-08-02",
        "number": "2",
        "currency": "1",
        "newitems[0][description]": "Refund",
        "newitems[0][rate]": "1200.00",
        "subtotal": "1200.00",
        "total": "1200.00",
        "adminnote": "adminnote2",
    }

    added = await client.post("/api/credit_notes", data=form, headers=auth(token))
    new_id = added.json()["id"]
    updated = await client.put(
        "/api/credit_notes", data={"id": str(new_id), "adminnote": "changed"}, headers=auth(token)
    )
    no_id = await client.put("/api/credit_notes", data={"adminnote": "x"}, headers=auth(token))
    unknown = await client.put(
        "/api/credit_notes", data={"id": "999", "adminnote": "x"}, headers=auth(token)
    )
    read = (await client.get(f"/api/credit_notes/{new_id}", headers=auth(token))).json()
    found = await client.get("/api/credit_notes/search/changed", headers=auth(token))
    deleted = await client.delete(f"/api/credit_notes/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Credit Note Added Successfully"
    assert updated.json() == {"status": True, "message": "Credit Note Updated Successfully"}
    assert no_id.status_code == 404 and "id" in no_id.json()["errors"]
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Credit Note Update Fail"
    assert read.get("adminnote") == "changed", read
    assert read["credit_note_id"] == str(new_id)
    assert read["company"] == "Test" and read["subtotal"] == "1200.00"
    assert [r["id"] for r in found.json()] == [str(new_id)]
    assert deleted.json() == {"status": True, "message": "Credit Note Deleted Successfully"}
    assert await credit_notes.get_credit_note(ctx, new_id) is None


async def test_proposals_flow_with_related_and_rel_id(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="test")
    await make_contact(ctx, customer["id"])
    form = {
        "subject": "Test Proposal",
        "Related": "customer",
        "rel_id": str(customer["id"]),
        "proposal_to": "test",
        "date": "2021-08-01",
        "open_till": "2021-08-08",
        "currency": "1",
        "Email": "test@gmail.com",
        "newitems[0][description]": "item 1",
        "newitems[0][rate]": "10.00",
    }

    added = await client.post("/api/proposals", data=form, headers=auth(token))
    new_id = added.json()["id"]
    one = await client.get(f"/api/proposals?id={new_id}", headers=auth(token))
    listed = await client.get("/api/proposals", headers=auth(token))
    updated = await client.put(
        f"/api/proposal/{new_id}", data={"subject": "Test 2"}, headers=auth(token)
    )
    found = await client.get("/api/proposals/search/test%202", headers=auth(token))
    deleted = await client.delete(f"/api/proposals/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Proposal add successful."
    body = one.json()
    assert body["rel_type"] == "customer" and body["rel_id"] == str(customer["id"])
    assert body["email"] == "test@gmail.com" and body["total"] == "10.00"
    assert body["items"][0]["description"] == "item 1" and body["currency_name"] == "USD"
    assert [p["id"] for p in listed.json()] == [str(new_id)]
    assert updated.json() == {"status": True, "message": "Proposal Updated Successfully"}
    assert found.json()[0]["subject"] == "Test 2"
    assert deleted.json() == {"status": True, "message": "Proposals Deleted Successfully"}
    assert await proposals.get_proposal(ctx, new_id) is None


async def test_contracts_flow(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    customer = await make_customer(ctx, company="8web")
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": "contracts", "name": "Region", "type": "select",
              "options": "North,South"},
    )  # fmt: skip
    form = {
        "subject": "New Contract",
        "datestart": "2022-11-21",
        "dateend": "2027-11-21",
        "client": str(customer["id"]),
        "contract_type": "1",
        "contract_value": "13456",
        "description": "Lorem Ipsum",
        f"custom_fields[contracts][{field['id']}]": "North",
    }

    added = await client.post("/api/contracts", data=form, headers=auth(token))
    new_id = added.json()["id"]
    read = (await client.get(f"/api/contracts/{new_id}", headers=auth(token))).json()
    backwards = await client.post(
        "/api/contracts",
        data={"subject": "x", "datestart": "2022-11-21", "dateend": "2020-01-01",
              "client": str(customer["id"])},
        headers=auth(token),
    )  # fmt: skip
    deleted = await client.delete(f"/api/contracts/{new_id}", headers=auth(token))
    gone = await client.get(f"/api/contracts/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Contract Added Successfully"
    assert read["subject"] == "New Contract" and read["client"] == str(customer["id"])
    assert (read["datestart"], read["dateend"]) == ("2022-11-21", "2027-11-21")
    assert read["contract_value"] == "13456.00" and read["type_name"] == "Development"
    assert read["company"] == "8web" and read["userid"] == str(customer["id"])
    assert read["customfields"] == [{"label": "Region", "value": "North"}]
    assert backwards.status_code == 404
    assert backwards.json()["message"] == "Contract add fail"
    assert "dateend" in backwards.json()["errors"]
    assert deleted.json() == {"status": True, "message": "Contract Deleted Successfully"}
    assert gone.status_code == 404


async def statements_of(client: httpx.AsyncClient, path: str, token: str) -> tuple[int, Any]:
    trace = SqlTrace()
    mark = sql_trace.set(trace)
    try:
        answer = await client.get(path, headers=auth(token))
    finally:
        sql_trace.reset(mark)
    return trace.statements, answer.json()


async def test_search_results_read_their_neighbours_in_batches_not_per_row(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    field = await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "PO", "type": "input"}
    )
    lone = await make_customer(ctx, company="Lone Buyer")
    await make_invoice(ctx, lone["id"], custom_fields={field["id"]: "PO-1"})
    for n in range(6):
        customer = await make_customer(ctx, company=f"Batch Buyer {n}")
        await make_invoice(ctx, customer["id"], custom_fields={field["id"]: f"PO-{n}"})

    for_one, one = await statements_of(client, "/api/invoices/search/lone", token)
    for_six, six = await statements_of(client, "/api/invoices/search/batch", token)

    assert len(one) == 1 and len(six) == 6
    assert {r["company"] for r in six} == {f"Batch Buyer {n}" for n in range(6)}
    assert all(r["customfields"][0]["label"] == "PO" for r in six)
    assert for_six == for_one
