"""perfex: payments, items, expenses, subscriptions, the common lists and custom field
values, replayed from the document's examples."""

from __future__ import annotations

from decimal import Decimal

import httpx

from resolvers import custom_fields, expenses, invoices, items, payments, subscriptions
from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import PageArgs
from tests.factories import make_customer


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


async def make_invoice(ctx: Ctx, customer_id: int, rate: str = "1000.00") -> Row:
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": [{"description": "Work", "rate": rate}]}
    )


async def test_payments_answer_with_the_paymentmode_key(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"])
    form = {"invoiceid": str(invoice["id"]), "amount": "1000.00", "paymentmode": "3",
            "transactionid": "000355795931", "note": "first"}  # fmt: skip

    added = await client.post("/api/payments", data=form, headers=auth(token))
    too_much = await client.post(
        "/api/payments", data={**form, "amount": "5.00"}, headers=auth(token)
    )
    no_invoice = await client.post("/api/payments", data={"amount": "1"}, headers=auth(token))
    [payment] = (await payments.list_payments(ctx, PageArgs())).rows
    one = await client.get(f"/api/payments/{payment['id']}", headers=auth(token))
    every = await client.get("/api/payments", headers=auth(token))
    found = await client.get("/api/payments/search/000355795931", headers=auth(token))
    none = await client.get("/api/payments/search/nothing", headers=auth(token))
    missing = await client.get("/api/payments/999", headers=auth(token))

    assert added.status_code == 200
    assert added.json() == {"paymentmode": True, "message": "Payment add successful.",
                            "id": payment["id"]}  # fmt: skip
    # The amount is valid; the invoice's balance refuses it, answered as the document's
    # one failed add, the field named as perfex names a conflict's.
    assert too_much.status_code == 404
    assert too_much.json()["paymentmode"] is False and "status" not in too_much.json()
    assert (
        too_much.json()["message"] == "Payment add fail." and "amount" in too_much.json()["error"]
    )
    assert no_invoice.status_code == 404
    assert no_invoice.json()["message"] == "Payment add fail."
    assert "invoiceid" in no_invoice.json()["errors"]
    [shown] = one.json()
    assert shown["paymentid"] == str(payment["id"]) and shown["invoiceid"] == str(invoice["id"])
    assert (shown["amount"], shown["paymentmode"], shown["name"]) == ("1000.00", "3",
                                                                      "Credit card")  # fmt: skip
    assert shown["transactionid"] == "000355795931" and shown["daterecorded"]
    assert [p["id"] for p in every.json()] == [str(payment["id"])]
    assert [p["note"] for p in found.json()] == ["first"]
    assert none.status_code == 404
    assert none.json() == {"paymentmode": False, "message": "No data were found"}
    assert missing.json() == {"paymentmode": False, "message": "No data were found"}
    paid = await invoices.get_invoice(ctx, invoice["id"])
    assert paid is not None and paid["amount_due"] == Decimal("0.00")


async def test_items_flow_replies_with_item_id_and_paged_search(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    form = {"description": "JBL Soundbar", "rate": "100", "long_description": "Cinema SB110",
            "tax": "1", "tax2": "0", "unit": "pcs", "group_id": "0"}  # fmt: skip

    added = await client.post("/api/items", data=form, headers=auth(token))
    item_id = added.json()["item_id"]
    for n in range(3):
        await items.create_item(ctx, {"description": f"JBL Speaker {n}", "rate": "10"})
    read = await client.get(f"/api/items/{item_id}", headers=auth(token))
    page = await client.get("/api/items/search/JBL?per_page=2&page=2", headers=auth(token))
    none = await client.get("/api/items/search/nothing", headers=auth(token))
    updated = await client.put(f"/api/items/{item_id}", data={"rate": "120"}, headers=auth(token))
    no_rate = await client.post("/api/items", data={"description": "x"}, headers=auth(token))
    deleted = await client.delete(f"/api/delete/items/{item_id}", headers=auth(token))

    assert added.json()["message"] == "Item created successfully"
    assert added.json()["id"] == item_id
    assert read.json() == {"id": str(item_id), "description": "JBL Soundbar",
                           "long_description": "Cinema SB110", "rate": "100.00", "tax": 1,
                           "tax2": 0, "unit": "pcs", "group_id": 0}  # fmt: skip
    assert page.json()["meta"] == {"current_page": 2, "per_page": 2, "total": 4, "last_page": 2}
    assert len(page.json()["data"]) == 2
    assert none.status_code == 404
    assert updated.json() == {"status": True, "message": "Item updated successfully"}
    assert no_rate.status_code == 404 and no_rate.json()["message"] == "Item creation failed"
    assert "rate" in no_rate.json()["errors"]
    assert deleted.json() == {"status": True, "message": "Item deleted successfully"}
    assert await items.get_item(ctx, item_id) is None


async def test_expenses_flow_with_custom_recurring_and_the_id_in_the_body(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx, company="Company A")
    form = {"expense_name": "Cloud Hosting", "note": "AWS server hosting charges",
            "category": "1", "amount": "50.00", "date": "2021-09-01",
            "clientid": str(customer["id"]), "currency": "1", "tax": "0", "paymentmode": "2",
            "reference_no": "012457893", "recurring": "custom", "repeat_every_custom": "2",
            "repeat_type_custom": "week"}  # fmt: skip

    added = await client.post("/api/expenses", data=form, headers=auth(token))
    new_id = added.json()["id"]
    read = await client.get(f"/api/expenses/{new_id}", headers=auth(token))
    updated = await client.put(
        "/api/expenses", data={"id": str(new_id), "amount": "75", "recurring": "0"},
        headers=auth(token),
    )  # fmt: skip
    found = await client.get("/api/expenses/search/cloud%20hosting", headers=auth(token))
    bad_category = await client.post(
        "/api/expenses", data={**form, "category": "999"}, headers=auth(token)
    )
    stored = await expenses.get_expense(ctx, new_id)
    deleted = await client.delete(f"/api/expenses/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Expense Added Successfully"
    [shown] = read.json()
    assert shown["expense_name"] == "Cloud Hosting" and shown["amount"] == "50.00"
    repeat = (shown["recurring"], shown["repeat_every"], shown["recurring_type"])
    assert repeat == ("1", "2", "week")
    assert shown["category_name"] == "Hosting Management"
    assert shown["payment_mode_name"] == "Cash" and shown["company"] == "Company A"
    assert shown["expenseid"] == str(new_id)
    assert updated.json() == {"status": True, "message": "Expense Updated Successfully"}
    assert stored is not None and stored["amount"] == Decimal("75.00")
    assert stored["recurring"] is False
    assert [e["amount"] for e in found.json()] == ["75.00"]
    assert bad_category.status_code == 404
    assert bad_category.json()["errors"] == {"category": "The Expense Category is not found."}
    assert deleted.json() == {"status": True, "message": "Expense Deleted Successfully"}


async def test_subscriptions_flow_and_their_own_failure_texts(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    form = {"name": "New subscription", "description": "Detailed", "description_in_item": "1",
            "clientid": str(customer["id"]), "date": "2024-01-31", "currency": "1",
            "status": "active", "quantity": "5", "next_billing_cycle": "1643808000",
            "stripe_plan_id": "subscription_ABC"}  # fmt: skip

    added = await client.post("/api/subscriptions", data=form, headers=auth(token))
    new_id = added.json()["id"]
    one = await client.get(f"/api/subscriptions/{new_id}", headers=auth(token))
    listed = await client.get("/api/subscriptions", headers=auth(token))
    empty = await client.put(f"/api/subscriptions/{new_id}", data={}, headers=auth(token))
    updated = await client.put(
        f"/api/subscriptions/{new_id}", data={"quantity": "6"}, headers=auth(token)
    )
    refused = await client.post("/api/subscriptions", data={"name": "x"}, headers=auth(token))
    deleted = await client.delete(f"/api/subscriptions/{new_id}", headers=auth(token))

    assert added.json()["message"] == "Data Added Successfully"
    [shown] = one.json()
    assert shown["name"] == "New subscription" and shown["clientid"] == str(customer["id"])
    assert shown["next_billing_cycle"] == "1643808000" and shown["quantity"] == "5"
    assert shown["description_in_item"] == "1"
    assert [s["id"] for s in listed.json()] == [str(new_id)]
    assert empty.status_code == 404
    assert empty.json() == {"status": False, "message": "Data Not Acceptable OR Not Provided"}
    assert updated.json() == {"status": True, "message": "Data Update Successful."}
    assert refused.status_code == 400
    assert refused.json()["error"] == "Data not Added" and "clientid" in refused.json()["errors"]
    assert deleted.json() == {"status": True, "message": "Delete Successful."}
    assert await subscriptions.get_subscription(ctx, new_id) is None


async def test_the_common_lists(client: httpx.AsyncClient, token: str) -> None:
    categories = await client.get("/api/common/expense_category", headers=auth(token))
    modes = await client.get("/api/common/payment_mode", headers=auth(token))
    taxes = await client.get("/api/common/tax_data", headers=auth(token))
    by_type = await client.get("/api/common/tax_data", headers=auth(token))
    unknown = await client.get("/api/common/colours", headers=auth(token))

    assert categories.json()[0] == {"id": "1", "name": "Hosting Management",
                                    "description": "Servers and storage"}  # fmt: skip
    bank = next(m for m in modes.json() if m["name"] == "Bank")
    assert bank["selected_by_default"] == "1" and bank["active"] == "1"
    assert {"id": "3", "name": "CGST", "taxrate": "9.00"} in taxes.json()
    assert by_type.json() == taxes.json()
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "Not valid data"


async def test_custom_field_values_of_a_record(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    text = await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "Input 1", "type": "input"}
    )
    pick = await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "Select 1", "type": "select",
              "options": "Option 1,Option 2"},
    )  # fmt: skip
    invoice = await invoices.create_invoice(
        ctx,
        {"customer_id": customer["id"], "items": [{"description": "x", "rate": "1"}],
         "custom_fields": {text["id"]: "input1 data", pick["id"]: "Option 1"}},
    )  # fmt: skip

    values = await client.get(f"/api/custom_fields/Invoice/{invoice['id']}", headers=auth(token))
    none = await client.get(f"/api/custom_fields/Leads/{invoice['id']}", headers=auth(token))

    assert values.json() == [
        {"field_name": f"custom_fields[invoice][{text['id']}]",
         "custom_field_id": str(text["id"]), "label": "Input 1", "required": "0",
         "type": "input", "value": "input1 data"},
        {"field_name": f"custom_fields[invoice][{pick['id']}]",
         "custom_field_id": str(pick["id"]), "label": "Select 1", "required": "0",
         "type": "select", "value": '["Option 1"]', "options": '["Option 1", "Option 2"]'},
    ]  # fmt: skip
    assert none.status_code == 404
    assert none.json() == {"status": False, "message": "No data were found"}
