"""Expenses over GraphQL: their neighbours in batches, money figures, and writes that
name references by global id."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from gateway.database import Database
from resolvers import custom_fields, expenses, notes
from resolvers.core.context import Ctx, Row
from resolvers.core.records import insert_row
from resolvers.models import Project, table_of
from tests.factories import make_customer, make_token
from tests.schema.graph import data, error_code, global_id, gql, statements
from tests.schema.test_leads_graph import named


async def make_project(db: Database, customer_id: int, name: str = "ERP Rollout") -> int:
    async with db.write() as conn:
        row = await insert_row(
            conn, table_of(Project),
            {"name": name, "customer_id": customer_id, "start_date": date(2025, 8, 25)},
        )  # fmt: skip
    return int(row["id"])


async def make_expense(ctx: Ctx, n: int = 0, **fields: Any) -> Row:
    category = await named(ctx, "expense_categories", "Hosting Management")
    return await expenses.create_expense(
        ctx, {"category": category, "amount": Decimal("100.25") * (n + 1),
              "date": date(2026, 1 + n % 3, 10), "name": f"Storage {n:02}", **fields},
    )  # fmt: skip


NESTED = """
query($first: Int!) {
  expenses(first: $first, orderBy: [{field: NAME}]) {
    nodes {
      name amount date
      category { name }
      currency { name }
      paymentMode { name }
      customer { company }
      project { name }
      notes { totalCount }
      files { totalCount }
      customFields { label value }
    }
  }
}
"""

CREATE = """
mutation($input: ExpenseInput!) {
  createExpense(input: $input) {
    record { id name amount date billable category { name } currency { name }
             tax { name } paymentMode { name } customer { company } project { name } }
    userErrors { field code message }
  }
}
"""


async def test_nested_reads_cost_the_same_for_one_expense_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(ctx)
    project = await make_project(db, customer["id"])
    await custom_fields.create_custom_field(
        ctx, {"field_to": "expenses", "name": "Cost centre", "type": "input"}
    )
    for n in range(20):
        made = await make_expense(ctx, n, project_id=project, payment_mode="Cash")
        await notes.create_note(
            ctx, {"rel_type": "expense", "rel_id": made["id"], "description": "Receipt lost"}
        )

    one = await gql(client, token, NESTED, first=1)
    twenty = await gql(client, token, NESTED, first=20)

    # page; category, currency, mode, customer, project; notes and files counts; fields: 2
    assert statements(one) == statements(twenty) == 10
    first = data(twenty)["expenses"]["nodes"][0]
    assert first == {
        "name": "Storage 00", "amount": "100.25", "date": "2026-01-10",
        "category": {"name": "Hosting Management"}, "currency": {"name": "USD"},
        "paymentMode": {"name": "Cash"}, "customer": {"company": "Zahara Foods LLC"},
        "project": {"name": "ERP Rollout"}, "notes": {"totalCount": 1},
        "files": {"totalCount": 0}, "customFields": [{"label": "Cost centre", "value": ""}],
    }  # fmt: skip
    assert len(data(twenty)["expenses"]["nodes"]) == 20


async def test_money_figures_filters_and_monthly_groups(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(6):
        await make_expense(ctx, n, billable=n % 2 == 0)
    query = """
    { expenses(filter: {billable: {eq: true}}, orderBy: [{field: AMOUNT, direction: DESC}]) {
        nodes { amount }
        aggregate { count sum { amount } avg { amount } }
        groupBy(field: DATE, truncate: MONTH) { key count sum { amount } } } }
    """

    got = data(await gql(client, token, query))["expenses"]

    assert [n["amount"] for n in got["nodes"]] == ["501.25", "300.75", "100.25"]
    assert got["aggregate"] == {
        "count": 3, "sum": {"amount": "902.25"}, "avg": {"amount": "300.75"},
    }  # fmt: skip
    assert got["groupBy"] == [
        {"key": "2026-01-01", "count": 1, "sum": {"amount": "100.25"}},
        {"key": "2026-02-01", "count": 1, "sum": {"amount": "501.25"}},
        {"key": "2026-03-01", "count": 1, "sum": {"amount": "300.75"}},
    ]


async def test_create_an_expense_with_references_by_global_id(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    customer = await make_customer(ctx)
    project = await make_project(db, customer["id"])
    refs = {
        "categoryId": global_id(
            "ExpenseCategory", await named(ctx, "expense_categories", "Travel")
        ),
        "currencyId": global_id("Currency", await named(ctx, "currencies", "EUR")),
        "taxId": global_id("Tax", await named(ctx, "taxes", "VAT")),
        "paymentModeId": global_id("PaymentMode", await named(ctx, "payment_modes", "Cash")),
        "projectId": global_id("Project", project),
    }

    body = await gql(
        client, token, CREATE,
        input={"name": "Flight DXB", "amount": "845.5", "date": "2026-02-14", "billable": True,
               **refs},
    )  # fmt: skip

    payload = data(body)["createExpense"]
    assert payload["userErrors"] == []
    record = payload["record"]
    assert (record["name"], record["amount"], record["date"], record["billable"]) == (
        "Flight DXB", "845.50", "2026-02-14", True,
    )  # fmt: skip
    assert record["category"] == {"name": "Travel"}
    assert record["currency"] == {"name": "EUR"}
    assert record["tax"] == {"name": "VAT"}
    assert record["paymentMode"] == {"name": "Cash"}
    # a project names its customer
    assert record["customer"] == {"company": "Zahara Foods LLC"}
    assert record["project"] == {"name": "ERP Rollout"}


async def test_bad_expense_input_is_a_user_error_naming_the_field(
    client: httpx.AsyncClient, ctx: Ctx, db: Database, token: str
) -> None:
    travel = global_id("ExpenseCategory", await named(ctx, "expense_categories", "Travel"))
    ours = await make_customer(ctx)
    theirs = await make_customer(ctx, company="Other Co")
    project = await make_project(db, theirs["id"])
    base = {"categoryId": travel, "amount": "10", "date": "2026-01-01"}
    cases = [
        ({**base, "amount": "0"}, "amount"),
        ({"amount": "10", "date": "2026-01-01"}, "categoryId"),
        ({**base, "categoryId": global_id("ExpenseCategory", 999)}, "categoryId"),
        ({**base, "customerId": global_id("Lead", ours["id"])}, "customerId"),
        ({**base, "customerId": global_id("Customer", ours["id"]),
          "projectId": global_id("Project", project)}, "projectId"),
        ({**base, "recurring": True}, "recurringType"),
        ({**base, "paymentModeId": global_id("PaymentMode", 999)}, "paymentModeId"),
    ]  # fmt: skip

    for given, field in cases:
        payload = data(await gql(client, token, CREATE, input=given))["createExpense"]
        assert payload["record"] is None, given
        assert payload["userErrors"][0]["field"] == field, (given, payload["userErrors"])


async def test_update_delete_and_restore_an_expense(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    expense = await make_expense(ctx)
    query = """
    mutation($id: ID!) {
      updateExpense(id: $id, input: {amount: "99.99", note: "Annual plan"}) {
        record { amount note } userErrors { field } }
      deleteExpense(id: $id) { record { name } userErrors { code } }
      restoreExpense(id: $id) { record { name } userErrors { code } }
    }
    """

    got = data(await gql(client, token, query, id=global_id("Expense", expense["id"])))

    assert got == {
        "updateExpense": {"record": {"amount": "99.99", "note": "Annual plan"}, "userErrors": []},
        "deleteExpense": {"record": {"name": "Storage 00"}, "userErrors": []},
        "restoreExpense": {"record": {"name": "Storage 00"}, "userErrors": []},
    }


async def test_a_category_lists_its_expenses_newest_first(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(3):
        await make_expense(ctx, n)
    hosting = global_id(
        "ExpenseCategory", await named(ctx, "expense_categories", "Hosting Management")
    )
    query = """
    query($id: ID!) { node(id: $id) { ... on ExpenseCategory {
      name expenses { nodes { date } aggregate { sum { amount } } } } } }
    """

    got = data(await gql(client, token, query, id=hosting))["node"]

    assert [n["date"] for n in got["expenses"]["nodes"]] == [
        "2026-03-10", "2026-02-10", "2026-01-10",
    ]  # fmt: skip
    assert got["expenses"]["aggregate"] == {"sum": {"amount": "601.50"}}


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    expense = await make_expense(ctx)
    reader = (await make_token(db, "expenses:get", name="reader")).token
    stranger = (await make_token(db, "leads:get", name="stranger")).token
    delete = "mutation($id: ID!) { deleteExpense(id: $id) { record { name } } }"

    denied = await gql(client, stranger, "{ expenses { nodes { name } } }")
    write = await gql(client, reader, delete, id=global_id("Expense", expense["id"]))
    read = await gql(client, reader, "{ expenses { nodes { name } } }")

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"
    assert data(read)["expenses"]["nodes"] == [{"name": "Storage 00"}]


async def test_an_expense_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    expense = await make_expense(ctx)
    expense_id = global_id("Expense", expense["id"])

    got = await gql(
        client, token, "query($id: ID!) { node(id: $id) { __typename ... on Expense { name } } }",
        id=expense_id,
    )  # fmt: skip
    single = await gql(
        client, token, "query($id: ID!) { expense(id: $id) { databaseId } }", id=expense_id
    )

    assert data(got)["node"] == {"__typename": "Expense", "name": "Storage 00"}
    assert data(single)["expense"] == {"databaseId": expense["id"]}
