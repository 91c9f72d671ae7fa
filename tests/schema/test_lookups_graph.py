"""The reference lists over GraphQL: each list a node type and a connection in its own
order, and the writes administrators make to them."""

from __future__ import annotations

import httpx
import pytest

from gateway.database import Database
from resolvers import expenses, leads, reference
from resolvers.core.context import Ctx
from tests.factories import make_token
from tests.schema.graph import data, error_code, global_id, gql, statements
from tests.schema.test_leads_graph import named

# GraphQL type -> (root connection, the list's service name)
LISTS = {
    "Currency": ("currencies", "currencies"),
    "Tax": ("taxes", "taxes"),
    "Country": ("countries", "countries"),
    "PaymentMode": ("paymentModes", "payment_modes"),
    "CustomerGroup": ("customerGroups", "customer_groups"),
    "LeadStatus": ("leadStatuses", "lead_statuses"),
    "LeadSource": ("leadSources", "lead_sources"),
    "TicketStatus": ("ticketStatuses", "ticket_statuses"),
    "TicketPriority": ("ticketPriorities", "ticket_priorities"),
    "TicketService": ("ticketServices", "ticket_services"),
    "Department": ("departments", "departments"),
    "Role": ("roles", "roles"),
    "ContractType": ("contractTypes", "contract_types"),
    "ExpenseCategory": ("expenseCategories", "expense_categories"),
    "Account": ("accounts", "accounts"),
}


async def test_every_list_is_a_connection_of_its_own_node_type(
    client: httpx.AsyncClient, token: str
) -> None:
    roots = " ".join(
        f"{root}(first: 2) {{ totalCount nodes {{ __typename id databaseId }} }}"
        for root, _ in LISTS.values()
    )
    query = "{ " + roots + " }"

    got = data(await gql(client, token, query))

    for type_name, (root, _) in LISTS.items():
        page = got[root]
        assert page["totalCount"] > 0, root
        for node in page["nodes"]:
            assert node["__typename"] == type_name
            assert node["id"] == global_id(type_name, node["databaseId"])


async def test_every_list_row_round_trips_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    query = "query($id: ID!) { node(id: $id) { __typename id } }"
    for type_name, (root, _) in LISTS.items():
        first = data(await gql(client, token, f"{{ {root}(first: 1) {{ nodes {{ id }} }} }}"))
        node_id = first[root]["nodes"][0]["id"]

        node = data(await gql(client, token, query, id=node_id))["node"]

        assert node == {"__typename": type_name, "id": node_id}


async def test_lists_read_in_their_natural_order(client: httpx.AsyncClient, token: str) -> None:
    query = """
    { currencies(first: 3) { nodes { name isDefault } }
      leadStatuses { nodes { name } }
      ticketPriorities { nodes { name } }
      byRate: taxes(orderBy: [{field: RATE, direction: DESC}], first: 2) { nodes { name } } }
    """

    got = data(await gql(client, token, query))

    # the default currency first, then by code
    assert got["currencies"]["nodes"] == [
        {"name": "USD", "isDefault": True}, {"name": "AED", "isDefault": False},
        {"name": "AUD", "isDefault": False},
    ]  # fmt: skip
    assert [n["name"] for n in got["leadStatuses"]["nodes"]] == [
        "New", "Contacted", "Qualified", "Proposal Sent", "Customer", "Lost",
    ]  # fmt: skip
    assert [n["name"] for n in got["ticketPriorities"]["nodes"]] == [
        "Low", "Medium", "High", "Urgent",
    ]  # fmt: skip
    assert [n["name"] for n in got["byRate"]["nodes"]] == ["GST", "Sales Tax"]


async def test_filters_and_figures_over_tax_rates(client: httpx.AsyncClient, token: str) -> None:
    query = """
    { taxes(filter: {rate: {lte: "9.00"}}) {
        totalCount aggregate { sum { rate } min { rate } max { rate } }
        groupBy(field: RATE) { key count } } }
    """

    got = data(await gql(client, token, query))["taxes"]

    assert got["totalCount"] == 3
    assert got["aggregate"] == {
        "sum": {"rate": "23.00"}, "min": {"rate": "5.00"}, "max": {"rate": "9.00"},
    }  # fmt: skip
    assert got["groupBy"] == [{"key": "5.00", "count": 1}, {"key": "9.00", "count": 2}]


async def test_a_lists_records_cost_the_same_for_one_row_or_all(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(6):
        await leads.create_lead(ctx, {"name": f"Lead {n}", "status": ["New", "Lost"][n % 2]})
    query = """
    query($first: Int!) {
      leadStatuses(first: $first) { nodes { name leads(first: 1) { totalCount nodes { name } } } }
      roles(first: $first) { nodes { name permissions staff { totalCount } } }
    }
    """

    one = await gql(client, token, query, first=1)
    every = await gql(client, token, query, first=100)

    # statuses: page, leads page + count; roles: page, staff count
    assert statements(one) == statements(every) == 5
    statuses = {n["name"]: n["leads"]["totalCount"] for n in data(every)["leadStatuses"]["nodes"]}
    assert (statuses["New"], statuses["Lost"], statuses["Qualified"]) == (3, 3, 0)
    administrator = next(r for r in data(every)["roles"]["nodes"] if r["name"] == "Administrator")
    assert administrator["permissions"] == ["*"]


CREATE_TAX = """
mutation($input: TaxInput!) {
  createTax(input: $input) { record { id name rate } userErrors { field code message } }
}
"""


async def test_create_update_delete_and_restore_a_tax(
    client: httpx.AsyncClient, token: str
) -> None:
    created = data(await gql(client, token, CREATE_TAX, input={"name": "Levy", "rate": "2.5"}))
    tax_id = created["createTax"]["record"]["id"]
    cycle = """
    mutation($id: ID!) {
      updateTax(id: $id, input: {rate: "3"}) { record { rate } userErrors { code } }
      deleteTax(id: $id) { record { name } userErrors { code } }
      restoreTax(id: $id) { record { name } userErrors { code } }
    }
    """

    cycled = data(await gql(client, token, cycle, id=tax_id))

    assert created["createTax"]["record"]["rate"] == "2.50"
    assert cycled == {
        "updateTax": {"record": {"rate": "3.00"}, "userErrors": []},
        "deleteTax": {"record": {"name": "Levy"}, "userErrors": []},
        "restoreTax": {"record": {"name": "Levy"}, "userErrors": []},
    }


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"name": "vat", "rate": "1"}, "name", "CONFLICT"),
        ({"name": "Huge", "rate": "101"}, "rate", "INVALID"),
        ({"rate": "1"}, "name", "INVALID"),
    ],
)
async def test_bad_tax_input_is_a_user_error(
    client: httpx.AsyncClient, token: str, given: dict[str, str], field: str, code: str
) -> None:
    payload = data(await gql(client, token, CREATE_TAX, input=given))["createTax"]

    assert payload["record"] is None
    assert (payload["userErrors"][0]["field"], payload["userErrors"][0]["code"]) == (field, code)


async def test_the_rules_of_each_list_reach_the_client(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    bank = global_id("PaymentMode", await named(ctx, "payment_modes", "Bank"))
    new = global_id("LeadStatus", await named(ctx, "lead_statuses", "New"))
    travel = await named(ctx, "expense_categories", "Travel")
    await expenses.create_expense(
        ctx, {"category": travel, "amount": "12.00", "date": "2026-01-05"}
    )
    query = """
    mutation($bank: ID!, $new: ID!, $travel: ID!) {
      mode: updatePaymentMode(id: $bank, input: {invoicesOnly: true, expensesOnly: true}) {
        userErrors { field code } }
      only: updatePaymentMode(id: $bank, input: {invoicesOnly: true}) { userErrors { field } }
      both: updatePaymentMode(id: $bank, input: {expensesOnly: true}) {
        userErrors { field code } }
      default: deleteLeadStatus(id: $new) { userErrors { field code } }
      undefault: updateLeadStatus(id: $new, input: {isDefault: false}) {
        userErrors { field code } }
      used: deleteExpenseCategory(id: $travel) { userErrors { field code } }
      role: createRole(input: {name: "Auditor", permissions: ["invoices:get", "nope"]}) {
        userErrors { field code } }
      account: createAccount(input: {name: "Petty", currencyId: $new}) {
        userErrors { field code } }
      currency: createCurrency(input: {name: "CHF", symbol: "Fr", placement: "after"}) {
        record { name symbol placement isDefault } }
      group: createCustomerGroup(input: {name: "Resellers"}) { record { __typename name } }
    }
    """

    got = data(
        await gql(client, token, query, bank=bank, new=new,
                  travel=global_id("ExpenseCategory", travel))
    )  # fmt: skip

    assert got["mode"]["userErrors"] == [{"field": "expensesOnly", "code": "INVALID"}]
    # expensesOnly alone is valid: Bank, stored as for invoices only, refuses it.
    assert (got["only"]["userErrors"], got["both"]["userErrors"]) == (
        [],
        [{"field": "expensesOnly", "code": "CONFLICT"}],
    )
    assert got["default"]["userErrors"] == [{"field": "isDefault", "code": "CONFLICT"}]
    # false is a valid flag: New being the default refuses it.
    assert got["undefault"]["userErrors"] == [{"field": "isDefault", "code": "CONFLICT"}]
    assert got["used"]["userErrors"] == [{"field": "id", "code": "CONFLICT"}]
    assert got["role"]["userErrors"] == [{"field": "permissions", "code": "INVALID"}]
    assert got["account"]["userErrors"] == [{"field": "currencyId", "code": "INVALID"}]
    assert got["currency"]["record"] == {
        "name": "CHF", "symbol": "Fr", "placement": "after", "isDefault": False,
    }  # fmt: skip
    assert got["group"]["record"] == {"__typename": "CustomerGroup", "name": "Resellers"}


async def test_an_account_takes_its_currency_by_global_id(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    eur = global_id("Currency", await named(ctx, "currencies", "EUR"))
    query = """
    mutation($eur: ID!) {
      createAccount(input: {name: "Euro Bank", number: "003", currencyId: $eur,
                            openingBalance: "1000.5"}) {
        record { name number openingBalance currency { name } transactions { totalCount } }
        userErrors { field }
      }
    }
    """

    got = data(await gql(client, token, query, eur=eur))["createAccount"]

    assert got == {
        "record": {"name": "Euro Bank", "number": "003", "openingBalance": "1000.50",
                   "currency": {"name": "EUR"}, "transactions": {"totalCount": 0}},
        "userErrors": [],
    }  # fmt: skip


async def test_reading_and_writing_lists_takes_grants(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    lists = (await make_token(db, "lookups:get", name="lists")).token
    leads_only = (await make_token(db, "leads:get", name="leads")).token
    vat = global_id("Tax", await named(ctx, "taxes", "VAT"))
    one = "query($id: ID!) { tax(id: $id) { name } }"

    listed = await gql(client, lists, "{ taxes(first: 1) { nodes { name } } }")
    write = await gql(client, lists, CREATE_TAX, input={"name": "Levy", "rate": "1"})
    connection = await gql(client, leads_only, "{ taxes { nodes { name } } }")
    single = await gql(client, leads_only, one, id=vat)

    assert data(listed)["taxes"]["nodes"] == [{"name": "CGST"}]
    assert error_code(write) == "FORBIDDEN"
    # a list every form needs reads with any grant, as a connection and by id alike
    assert data(connection)["taxes"]["nodes"]
    assert data(single)["tax"] == {"name": "VAT"}


ACCOUNT_AND_ACCOUNTS = """query($id: Int!) {
  account(databaseId: $id) { number } accounts { nodes { number } }
}"""
ROLE_AND_ROLES = """query($id: Int!) {
  role(databaseId: $id) { permissions } roles { nodes { permissions } }
}"""


async def test_bank_accounts_and_roles_read_by_one_rule_for_a_row_and_its_list(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    account = await reference.create_lookup(
        ctx, "accounts", {"name": "Ops Bank", "number": "0042", "opening_balance": "5"}
    )
    made = await reference.create_lookup(
        ctx, "roles", {"name": "Auditor", "permissions": ["customers:get"]}
    )
    role = made["id"]
    leads_only = (await make_token(db, "leads:get", name="leads")).token
    lists = (await make_token(db, "lookups:get", name="lists")).token
    staff = (await make_token(db, "staff:get", name="staff")).token

    for token, sees_accounts, sees_roles in (
        (leads_only, False, False),
        (lists, True, False),
        (staff, False, True),
    ):
        accounts = await gql(client, token, ACCOUNT_AND_ACCOUNTS, id=account["id"])
        roles = await gql(client, token, ROLE_AND_ROLES, id=role)
        for reply, sees, single, listing in (
            (accounts, sees_accounts, "account", "accounts"),
            (roles, sees_roles, "role", "roles"),
        ):
            got = reply.get("data") or {}
            if sees:
                assert got[single] is not None and got[listing]["nodes"], reply
            else:
                assert got.get(single) is None and got.get(listing) is None, reply
                codes = {e["extensions"]["code"] for e in reply["errors"]}
                assert codes == {"FORBIDDEN"}, reply
