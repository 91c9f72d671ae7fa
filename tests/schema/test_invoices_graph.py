"""Invoices over GraphQL: nested reads whose statement count does not grow with rows,
figures and filters on money, every invoice mutation and its userErrors, permissions,
and node(id:) for invoices and their lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import custom_fields, invoices, notes, payments, projects
from resolvers.core.context import Ctx, Row
from resolvers.models import Currency, PaymentMode, Tax, table_of
from schema.node import encode_global_id
from tests.factories import make_contact, make_customer, make_token
from tests.schema.graph import data, gql, statements

INVOICE = """
query($id: ID!) {
  invoice(id: $id) {
    id databaseId number formattedNumber status total subtotal totalTax
    amountPaid amountDue date dueDate
    customer { company }
    currency { name }
    allowedPaymentModes { name }
    items { totalCount nodes { description qty rate amount taxRate tax { name } tax2 { name } } }
    payments { nodes { amount paymentMode { name } invoice { databaseId } } }
    notes { nodes { description } }
  }
}
"""

PAGE = """
query($first: Int!) {
  invoices(first: $first, orderBy: [{field: NUMBER}]) {
    totalCount
    nodes {
      formattedNumber status amountDue
      customer { company contacts { totalCount nodes { email } } }
      allowedPaymentModes { name }
      items { nodes { description amount tax { name } item { description } } }
      payments { totalCount nodes { amount paymentMode { name } recordedBy { email } } }
      credits { nodes { amount } }
    }
  }
}
"""

FIGURES = """
query($filter: InvoiceFilter) {
  invoices(filter: $filter, orderBy: [{field: TOTAL, direction: DESC}]) {
    totalCount
    aggregate { count sum { total amountDue } max { total } avg { total } }
    groupBy(field: STATUS) { key count sum { amountDue } }
    nodes { total status }
  }
}
"""

PAYLOAD = "record { id databaseId formattedNumber status total amountDue } " \
          "userErrors { field code message }"  # fmt: skip
CREATE = f"mutation($input: InvoiceInput!) {{ createInvoice(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"""
mutation($id: ID!, $input: InvoiceInput!) {{
  updateInvoice(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
ACTION = """
mutation($id: ID!) {{ {name}(id: $id) {{ {payload} }} }}
"""


def action(name: str) -> str:
    return ACTION.format(name=name, payload=PAYLOAD)


async def ids_by_name(db: Database, model: Any) -> dict[str, int]:
    table = table_of(model)
    async with db.read() as conn:
        return {r.name: int(r.id) for r in await conn.execute(select(table.c.name, table.c.id))}


async def gid(db: Database, model: Any, type_name: str, name: str) -> str:
    return encode_global_id(type_name, (await ids_by_name(db, model))[name])


async def make_invoice(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    lines = fields.pop("items", [{"description": "Onsite Implementation", "qty": 2, "rate": 380}])
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": lines, **fields}
    )


async def test_an_invoice_reads_with_its_lines_payments_and_neighbours(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    taxes = await ids_by_name(db, Tax)
    modes = await ids_by_name(db, PaymentMode)
    customer = await make_customer(ctx)
    invoice = await make_invoice(
        ctx, customer["id"],
        items=[{"description": "Design", "qty": 3, "rate": "33.33", "tax_id": taxes["VAT"]},
               {"description": "Hosting", "rate": 100}],
        allowed_payment_modes=[modes["Cash"], modes["Bank"]],
    )  # fmt: skip
    await payments.record_payment(ctx, invoice["id"], {"amount": 50, "payment_mode": "Cash"})
    await notes.create_note(
        ctx, {"rel_type": "invoice", "rel_id": invoice["id"], "description": "Call first"}
    )

    body = await gql(client, token, INVOICE, id=encode_global_id("Invoice", invoice["id"]))

    got = data(body)["invoice"]
    assert got["formattedNumber"] == f"INV-{invoice['number']:06d}"
    assert got["status"] == "PARTIALLY_PAID"
    # 99.99 + 5% of it (5.00) + 100
    assert (got["subtotal"], got["totalTax"], got["total"]) == ("199.99", "5.00", "204.99")
    assert (got["amountPaid"], got["amountDue"]) == ("50.00", "154.99")
    assert got["customer"] == {"company": "Zahara Foods LLC"}
    assert got["currency"] == {"name": "USD"}
    assert sorted(m["name"] for m in got["allowedPaymentModes"]) == ["Bank", "Cash"]
    assert got["items"]["totalCount"] == 2
    assert got["items"]["nodes"] == [
        {"description": "Design", "qty": "3.00", "rate": "33.33", "amount": "99.99",
         "taxRate": "5.00", "tax": {"name": "VAT"}, "tax2": None},
        {"description": "Hosting", "qty": "1.00", "rate": "100.00", "amount": "100.00",
         "taxRate": "0.00", "tax": None, "tax2": None},
    ]  # fmt: skip
    assert got["payments"]["nodes"] == [
        {"amount": "50.00", "paymentMode": {"name": "Cash"},
         "invoice": {"databaseId": invoice["id"]}},
    ]  # fmt: skip
    assert got["notes"] == {"nodes": [{"description": "Call first"}]}


async def populate(ctx: Ctx, db: Database, invoices_count: int) -> None:
    """Invoices spread over three customers (with contacts), each with two lines (one
    from the catalogue, taxed), a payment and payment modes."""
    taxes = await ids_by_name(db, Tax)
    modes = await ids_by_name(db, PaymentMode)
    customers = [await make_customer(ctx, company=f"Company {n}") for n in range(3)]
    for customer in customers:
        await make_contact(ctx, customer["id"], email=f"a@{customer['id']}.example")
    from resolvers import items

    catalogue = await items.create_item(ctx, {"description": "Support hour", "rate": 90})
    for n in range(invoices_count):
        invoice = await make_invoice(
            ctx, customers[n % 3]["id"],
            items=[{"item_id": catalogue["id"], "qty": 2, "tax_id": taxes["GST"]},
                   {"description": "Travel", "rate": 40}],
            allowed_payment_modes=[modes["Bank"]],
        )  # fmt: skip
        await payments.record_payment(ctx, invoice["id"], {"amount": 10, "payment_mode": "Bank"})


async def test_twenty_invoices_with_lines_and_payments_cost_the_statements_of_two(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    await populate(ctx, db, 20)

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # invoices: page + count; customers by id, their contacts page + count; payment modes
    # by id; lines page, their taxes and catalogue items by id; payments page + count
    # (no recorder to load: a token recorded them); credits page
    assert statements(two) == statements(twenty)
    assert statements(twenty) == 12
    got = data(twenty)["invoices"]
    assert got["totalCount"] == 20 and len(got["nodes"]) == 20
    first = got["nodes"][0]
    assert first["customer"]["company"] == "Company 0"
    assert first["customer"]["contacts"]["totalCount"] == 1
    assert first["allowedPaymentModes"] == [{"name": "Bank"}]
    assert first["items"]["nodes"] == [
        {"description": "Support hour", "amount": "180.00", "tax": {"name": "GST"},
         "item": {"description": "Support hour"}},
        {"description": "Travel", "amount": "40.00", "tax": None, "item": None},
    ]  # fmt: skip
    assert first["payments"] == {
        "totalCount": 1,
        "nodes": [{"amount": "10.00", "paymentMode": {"name": "Bank"}, "recordedBy": None}],
    }
    # 180 + 18% of it + 40, less the 10 paid
    assert first["amountDue"] == "242.40"
    assert [n["customer"]["company"] for n in got["nodes"][:4]] == [
        "Company 0", "Company 1", "Company 2", "Company 0",
    ]  # fmt: skip


UNDER_PROJECTS = """
query($first: Int!) {
  projects(first: $first, orderBy: [{field: NAME}]) {
    nodes {
      name
      invoices {
        nodes {
          formattedNumber amountDue customer { company }
          items { nodes { description tax { name } } }
          payments { nodes { amount paymentMode { name } } }
        }
      }
    }
  }
}
"""


async def test_invoices_nested_under_their_parents_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    taxes = await ids_by_name(db, Tax)
    customer = await make_customer(ctx)
    for n in range(20):
        project = await projects.create_project(
            ctx, {"name": f"Project {n:02}", "customer_id": customer["id"]}
        )
        invoice = await make_invoice(
            ctx, customer["id"], project_id=project["id"],
            items=[{"description": "Build", "rate": 100, "tax_id": taxes["VAT"]}],
        )  # fmt: skip
        await payments.record_payment(ctx, invoice["id"], {"amount": 5, "payment_mode": "Cash"})

    two = await gql(client, token, UNDER_PROJECTS, first=2)
    twenty = await gql(client, token, UNDER_PROJECTS, first=20)

    # projects page; invoices page; customers by id; lines page and taxes by id;
    # payments page and modes by id
    assert statements(two) == statements(twenty) == 7
    nodes = data(twenty)["projects"]["nodes"]
    assert len(nodes) == 20
    assert nodes[19]["invoices"]["nodes"] == [
        {"formattedNumber": "INV-000020", "amountDue": "100.00",
         "customer": {"company": "Zahara Foods LLC"},
         "items": {"nodes": [{"description": "Build", "tax": {"name": "VAT"}}]},
         "payments": {"nodes": [{"amount": "5.00", "paymentMode": {"name": "Cash"}}]}},
    ]  # fmt: skip


async def test_filters_order_and_figures_on_money(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    for rate in (100, 250, 40):
        await make_invoice(ctx, customer["id"], items=[{"description": "x", "rate": rate}])
    paid = await make_invoice(ctx, customer["id"], items=[{"description": "y", "rate": 300}])
    await payments.record_payment(ctx, paid["id"], {"amount": 300})

    body = await gql(client, token, FIGURES, filter={"total": {"gte": "100"}})

    got = data(body)["invoices"]
    assert got["totalCount"] == 3
    assert [n["total"] for n in got["nodes"]] == ["300.00", "250.00", "100.00"]
    assert got["aggregate"] == {
        "count": 3,
        "sum": {"total": "650.00", "amountDue": "350.00"},
        "max": {"total": "300.00"},
        "avg": {"total": "216.67"},
    }
    assert got["groupBy"] == [
        {"key": "UNPAID", "count": 2, "sum": {"amountDue": "350.00"}},
        {"key": "PAID", "count": 1, "sum": {"amountDue": "0.00"}},
    ]
    unpaid = await gql(
        client, token, FIGURES,
        filter={"status": {"eq": "UNPAID"}, "customer": {"company": {"contains": "zahara"}}},
    )  # fmt: skip
    assert data(unpaid)["invoices"]["aggregate"]["sum"] == {
        "total": "390.00",
        "amountDue": "390.00",
    }


async def test_create_an_invoice_with_lines_taxes_and_references_by_global_id(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    vat = await gid(db, Tax, "Tax", "VAT")
    gst = await gid(db, Tax, "Tax", "GST")
    cash = await gid(db, PaymentMode, "PaymentMode", "Cash")
    aed = await gid(db, Currency, "Currency", "AED")

    body = await gql(
        client, token, CREATE,
        input={"customerId": encode_global_id("Customer", customer["id"]), "currencyId": aed,
               "status": "DRAFT", "dueDate": "2031-01-31", "date": "2031-01-01",
               "allowedPaymentModes": [cash], "tags": ["web", "design"],
               "items": [{"description": "Design", "qty": "2", "rate": "100", "taxes": [vat, gst]},
                         {"description": "Hosting", "rate": "50"}]},
    )  # fmt: skip

    created = data(body)["createInvoice"]
    assert created["userErrors"] == []
    record = created["record"]
    # 200 + 23% of it + 50
    assert (record["total"], record["amountDue"]) == ("296.00", "296.00")
    assert record["status"] == "DRAFT"
    stored = await invoices.get_invoice(ctx, record["databaseId"])
    assert stored is not None
    assert stored["currency_id"] == (await ids_by_name(db, Currency))["AED"]
    assert stored["tags"] == "web,design"
    lines = (await invoices.items_by_invoice_id(ctx, [record["databaseId"]]))[0]
    assert [(ln["tax_rate"], ln["tax2_rate"]) for ln in lines] == [
        (Decimal("5.00"), Decimal("18.00")),
        (Decimal("0.00"), Decimal("0.00")),
    ]


async def test_update_keeps_changes_and_drops_lines_and_recomputes_figures(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(
        ctx, customer["id"],
        items=[{"description": "Keep", "rate": 100}, {"description": "Drop", "rate": 900}],
    )  # fmt: skip
    keep = (await invoices.items_by_invoice_id(ctx, [invoice["id"]]))[0][0]

    body = await gql(
        client, token, UPDATE, id=encode_global_id("Invoice", invoice["id"]),
        input={"adminNote": "checked",
               "items": [{"id": encode_global_id("InvoiceItem", keep["id"]), "qty": "3"},
                         {"description": "New", "rate": "10"}]},
    )  # fmt: skip

    record = data(body)["updateInvoice"]["record"]
    assert record["total"] == "310.00"
    lines = (await invoices.items_by_invoice_id(ctx, [invoice["id"]]))[0]
    assert [(ln["id"] == keep["id"], ln["description"], ln["qty"]) for ln in lines] == [
        (True, "Keep", Decimal("3.00")),
        (False, "New", Decimal("1.00")),
    ]


async def test_write_failures_are_user_errors_in_the_inputs_names(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    customer_id = encode_global_id("Customer", customer["id"])
    line = {"description": "Design", "rate": "10"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"items": [line]}, "customerId"),
        ({"customerId": encode_global_id("Contact", 1), "items": [line]}, "customerId"),
        ({"customerId": customer_id}, "items"),
        ({"customerId": customer_id,
          "items": [{**line, "taxes": [encode_global_id("Tax", 9999)]}]}, "items.0.taxes"),
        ({"customerId": customer_id,
          "items": [{**line, "taxes": [encode_global_id("Currency", 1)]}]}, "items.0.taxes.0"),
        ({"customerId": customer_id,
          "items": [{**line, "itemId": encode_global_id("Item", 9999)}]}, "items.0.itemId"),
        ({"customerId": customer_id, "items": [{**line, "qty": "0"}]}, "items.0.qty"),
        ({"customerId": customer_id, "currencyId": encode_global_id("Currency", 9999),
          "items": [line]}, "currencyId"),
        ({"customerId": customer_id, "projectId": encode_global_id("Project", 9999),
          "items": [line]}, "projectId"),
        ({"customerId": customer_id, "status": "PAID", "items": [line]}, "status"),
        ({"customerId": customer_id, "date": "2030-02-01", "dueDate": "2030-01-01",
          "items": [line]}, "dueDate"),
        ({"customerId": customer_id, "allowedPaymentModes": [encode_global_id("PaymentMode", 999)],
          "items": [line]}, "allowedPaymentModes"),
        ({"customerId": customer_id, "saleAgentId": "bm9wZQ==", "items": [line]}, "saleAgentId"),
    ]  # fmt: skip
    for given, field in cases:
        body = await gql(client, token, CREATE, input=given)
        result = data(body)["createInvoice"]
        assert result["record"] is None, given
        assert [e["field"] for e in result["userErrors"]] == [field], (given, result)
        assert result["userErrors"][0]["code"] == "INVALID"
    # totals are never the client's to write
    body = await gql(client, token, CREATE, input={"customerId": customer_id, "total": "1"})
    assert "total" in body["errors"][0]["message"]


async def test_custom_field_values_are_written_and_read_with_the_invoice(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    po = await custom_fields.create_custom_field(
        ctx, {"field_to": "invoices", "name": "PO number", "type": "input", "required": True}
    )
    po_id = encode_global_id("CustomField", po["id"])
    given = {"customerId": encode_global_id("Customer", customer["id"]),
             "items": [{"description": "Design", "rate": "10"}]}  # fmt: skip
    read = "query($id: ID!) { invoice(id: $id) { customFields { label value required } } }"

    missing = data(await gql(client, token, CREATE, input=given))["createInvoice"]
    created = data(await gql(
        client, token, CREATE,
        input={**given, "customFields": [{"customFieldId": po_id, "value": "PO-77"}]},
    ))["createInvoice"]  # fmt: skip

    assert [e["field"] for e in missing["userErrors"]] == [f"customFields[{po_id}]"]
    assert created["userErrors"] == []
    got = data(await gql(client, token, read, id=created["record"]["id"]))["invoice"]
    assert got["customFields"] == [{"label": "PO number", "value": "PO-77", "required": True}]


async def test_send_cancel_uncancel_delete_and_restore(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    draft = await make_invoice(ctx, customer["id"], status=6)
    draft_id = encode_global_id("Invoice", draft["id"])

    sent = data(await gql(client, token, action("sendInvoice"), id=draft_id))["sendInvoice"]
    assert sent["record"]["status"] == "UNPAID"
    cancelled = data(await gql(client, token, action("cancelInvoice"), id=draft_id))
    assert cancelled["cancelInvoice"]["record"]["status"] == "CANCELLED"
    refused = data(await gql(client, token, action("sendInvoice"), id=draft_id))["sendInvoice"]
    assert refused["record"] is None
    assert refused["userErrors"][0]["field"] == "status"
    assert refused["userErrors"][0]["code"] == "CONFLICT"
    back = data(await gql(client, token, action("uncancelInvoice"), id=draft_id))
    assert back["uncancelInvoice"]["record"]["status"] == "UNPAID"

    deleted = data(await gql(client, token, action("deleteInvoice"), id=draft_id))
    assert deleted["deleteInvoice"]["userErrors"] == []
    gone = await gql(client, token, INVOICE, id=draft_id)
    assert data(gone)["invoice"] is None
    restored = data(await gql(client, token, action("restoreInvoice"), id=draft_id))
    assert restored["restoreInvoice"]["record"]["databaseId"] == draft["id"]

    paid = await make_invoice(ctx, customer["id"])
    await payments.record_payment(ctx, paid["id"], {"amount": 10})
    paid_id = encode_global_id("Invoice", paid["id"])
    for name, field in (("deleteInvoice", "id"), ("cancelInvoice", "status")):
        result = data(await gql(client, token, action(name), id=paid_id))[name]
        assert result["record"] is None
        assert [(e["field"], e["code"]) for e in result["userErrors"]] == [(field, "CONFLICT")]
    missing = data(
        await gql(client, token, action("sendInvoice"), id=encode_global_id("Invoice", 999))
    )["sendInvoice"]
    assert missing["userErrors"][0]["code"] == "NOT_FOUND"
    wrong = data(await gql(client, token, action("sendInvoice"), id=paid_id.upper()))
    assert wrong["sendInvoice"]["userErrors"][0]["field"] == "id"


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"])
    reader = (await make_token(db, "customers:get", name="reader")).token
    invoice_id = encode_global_id("Invoice", invoice["id"])

    read = await gql(client, reader, INVOICE, id=invoice_id)
    assert read["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "invoices" in read["errors"][0]["message"]
    write = await gql(client, reader, action("sendInvoice"), id=invoice_id)
    assert write["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert write["data"] is None
    # reading invoices does not open their payments
    invoices_only = (await make_token(db, "invoices:get", name="invoices")).token
    nested = await gql(
        client, invoices_only,
        "query($id: ID!) { invoice(id: $id) { total payments { totalCount } } }", id=invoice_id,
    )  # fmt: skip
    assert nested["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "payments" in nested["errors"][0]["message"]


async def test_invoices_and_their_lines_are_nodes(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    invoice = await make_invoice(ctx, customer["id"])
    line = (await invoices.items_by_invoice_id(ctx, [invoice["id"]]))[0][0]
    query = """
    query($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on Invoice { formattedNumber }
        ... on InvoiceItem { description invoice { databaseId } }
      }
    }
    """
    ids = [encode_global_id("Invoice", invoice["id"]), encode_global_id("InvoiceItem", line["id"])]

    got = data(await gql(client, token, query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0], "formattedNumber": f"INV-{invoice['number']:06d}"},
        {"id": ids[1], "description": "Onsite Implementation",
         "invoice": {"databaseId": invoice["id"]}},
    ]  # fmt: skip
