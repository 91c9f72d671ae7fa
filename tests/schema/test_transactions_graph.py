"""Transactions over GraphQL: booked on accounts, summed and grouped exactly."""

from __future__ import annotations

from decimal import Decimal

import httpx

from gateway.database import Database
from resolvers import reference, transactions
from resolvers.core.context import Ctx, Row
from tests.factories import make_token
from tests.schema.graph import data, error_code, global_id, gql, statements
from tests.schema.test_leads_graph import named


async def book(ctx: Ctx, kind: str, amount: str, day: int, account: str = "Cash") -> Row:
    return await transactions.record_transaction(
        ctx, {"type": kind, "account_id": await named(ctx, "accounts", account),
              "amount": Decimal(amount), "date": f"2026-03-{day:02}",
              "description": f"{kind} {amount}"},
    )  # fmt: skip


RECORD = """
mutation($input: TransactionInput!) {
  recordTransaction(input: $input) {
    record { id type amount date description account { name } category { name } }
    userErrors { field code message }
  }
}
"""


async def test_figures_and_groups_over_amounts(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for kind, amount, day in (("income", "1000.10", 2), ("expense", "250.05", 3),
                              ("income", "99.90", 4), ("expense", "0.05", 5)):  # fmt: skip
        await book(ctx, kind, amount, day)
    query = """
    { transactions(orderBy: [{field: AMOUNT, direction: DESC}]) {
        nodes { amount }
        aggregate { count sum { amount } }
        groupBy(field: TYPE) { key count sum { amount } } }
      incomes: transactions(filter: {type: {eq: "income"}}) { aggregate { sum { amount } } } }
    """

    got = data(await gql(client, token, query))

    assert [n["amount"] for n in got["transactions"]["nodes"]] == [
        "1000.10", "250.05", "99.90", "0.05",
    ]  # fmt: skip
    assert got["transactions"]["aggregate"] == {"count": 4, "sum": {"amount": "1350.10"}}
    assert got["transactions"]["groupBy"] == [
        {"key": "expense", "count": 2, "sum": {"amount": "250.10"}},
        {"key": "income", "count": 2, "sum": {"amount": "1100.00"}},
    ]
    assert got["incomes"]["aggregate"] == {"sum": {"amount": "1100.00"}}


async def test_accounts_and_their_transactions_cost_the_same_for_one_or_many(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    cash = await named(ctx, "accounts", "Cash")
    await reference.update_lookup(ctx, "accounts", cash, {"currency": "AED"})
    for day in range(1, 11):
        await book(ctx, "income", "10.00", day, ["Cash", "Main Bank Account"][day % 2])
    query = """
    query($first: Int!) {
      transactions(first: $first) { nodes { date account { name currency { name } } } }
      accounts { nodes { name transactions(first: 2) { totalCount nodes { date } } } }
    }
    """

    one = await gql(client, token, query, first=1)
    ten = await gql(client, token, query, first=10)

    # transactions page, their accounts, the accounts' currencies; accounts page, their
    # transactions page + count
    assert statements(one) == statements(ten) == 6
    got = data(ten)
    assert got["transactions"]["nodes"][0] == {
        "date": "2026-03-10", "account": {"name": "Cash", "currency": {"name": "AED"}},
    }  # fmt: skip
    accounts = {a["name"]: a["transactions"] for a in got["accounts"]["nodes"]}
    assert accounts["Cash"]["totalCount"] == 5
    assert [n["date"] for n in accounts["Cash"]["nodes"]] == ["2026-03-10", "2026-03-08"]


async def test_record_and_delete_a_transaction(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    account = global_id("Account", await named(ctx, "accounts", "Main Bank Account"))
    travel = global_id("ExpenseCategory", await named(ctx, "expense_categories", "Travel"))

    recorded = await gql(
        client, token, RECORD,
        input={"type": "EXPENSE", "accountId": account, "amount": "320.4",
               "categoryId": travel, "date": "2026-02-01", "description": "Flight"},
    )  # fmt: skip
    record = data(recorded)["recordTransaction"]["record"]
    deleted = await gql(
        client, token,
        "mutation($id: ID!) { deleteTransaction(id: $id) { record { amount } "
        "userErrors { code } } }",
        id=record["id"],
    )  # fmt: skip
    again = await gql(
        client, token,
        "mutation($id: ID!) { deleteTransaction(id: $id) { userErrors { code } } }",
        id=record["id"],
    )  # fmt: skip

    assert {k: v for k, v in record.items() if k != "id"} == {
        "type": "expense", "amount": "320.40", "date": "2026-02-01", "description": "Flight",
        "account": {"name": "Main Bank Account"}, "category": {"name": "Travel"},
    }  # fmt: skip
    assert data(deleted)["deleteTransaction"] == {"record": {"amount": "320.40"}, "userErrors": []}
    assert data(again)["deleteTransaction"]["userErrors"] == [{"code": "NOT_FOUND"}]


async def test_bad_transactions_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    account = global_id("Account", await named(ctx, "accounts", "Cash"))
    cases = [
        ({"type": "INCOME", "accountId": account, "amount": "0"}, "amount"),
        ({"type": "INCOME", "accountId": global_id("Account", 999), "amount": "1"}, "accountId"),
        ({"type": "INCOME", "accountId": global_id("Tax", 1), "amount": "1"}, "accountId"),
        ({"type": "INCOME", "accountId": account, "amount": "1",
          "categoryId": global_id("ExpenseCategory", 999)}, "categoryId"),
    ]  # fmt: skip

    for given, field in cases:
        payload = data(await gql(client, token, RECORD, input=given))["recordTransaction"]
        assert payload["record"] is None, given
        assert payload["userErrors"][0]["field"] == field, (given, payload["userErrors"])


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    account = global_id("Account", await named(ctx, "accounts", "Cash"))
    reader = (await make_token(db, "transactions:get", name="reader")).token
    stranger = (await make_token(db, "expenses:get", name="stranger")).token

    denied = await gql(client, stranger, "{ transactions { nodes { amount } } }")
    write = await gql(
        client, reader, RECORD, input={"type": "INCOME", "accountId": account, "amount": "1"}
    )

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"


async def test_a_transaction_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    booked = await book(ctx, "income", "5.00", 1)

    got = await gql(
        client, token,
        "query($id: ID!) { node(id: $id) { __typename ... on Transaction { amount type } } }",
        id=global_id("Transaction", booked["id"]),
    )  # fmt: skip

    assert data(got)["node"] == {"__typename": "Transaction", "amount": "5.00", "type": "income"}
