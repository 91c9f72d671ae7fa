"""Who may see what, replayed against a live gateway: a token that may read customers
and nothing else sees no contact (name, email, phone, login link) and no invoice money
beside a customer, on GraphQL and every REST dialect; it cannot filter, search or sort
through them either. Every GET row of the route table is tried, not only the named ones.
The all-permissions token, on the same paths, does see them: the checks can fail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from rest_compat import route_tables
from rest_compat.routing import Dialect
from tests.security.conftest import SECRET, Live

MONEY_KEYS = ("balance", "paid_to_date")

CONTACTS = "{ contacts(first: 100) { nodes { firstname lastname email phone } } }"
NESTED = "{ customers(first: 5) { nodes { company contacts { nodes { email phone } } } } }"
ONE_NESTED = "query($id: Int!) { customer(databaseId: $id) { company contacts { totalCount } } }"
THROUGH = """query($email: String!) {
  customers(first: 5, filter: {contacts: {email: {eq: $email}}}) { nodes { company } }
}"""
ACCOUNT = "query($id: Int!) { account(databaseId: $id) { name number openingBalance } }"
ACCOUNTS = "{ accounts { nodes { name number } } }"
ROLE = "query($id: Int!) { role(databaseId: $id) { name permissions } }"
ROLES = "{ roles { nodes { name permissions } } }"
CURRENCY = "query($id: Int!) { currency(databaseId: $id) { name } }"
CURRENCIES = "{ currencies { nodes { databaseId name } } }"
NEW_ACCOUNT = """mutation {
  createAccount(input: {name: "Payroll Bank", number: "GB00-1234"}) {
    record { databaseId } userErrors { message }
  }
}"""


@dataclass(frozen=True)
class Secrets:
    """What the customers-only token must never see: every contact's email and phone."""

    emails: frozenset[str]
    phones: frozenset[str]
    first_email: str

    def found_in(self, text: str) -> list[str]:
        lowered = text.lower()
        return [s for s in (*self.emails, *self.phones) if s and s.lower() in lowered]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def gql(live: Live, token: str, query: str, **variables: Any) -> dict[str, Any]:
    reply = httpx.post(
        f"{live.base}/graphql",
        json={"query": query, "variables": variables},
        headers=bearer(token),
        timeout=30,
    )
    body: dict[str, Any] = reply.json()
    return body


def codes(body: dict[str, Any]) -> set[str]:
    return {e["extensions"]["code"] for e in body.get("errors", [])}


@pytest.fixture(scope="module")
def customers_only(live: Live) -> str:
    out = live.cli("token", "create", "--name", "customers only",
                   "--permission", "customers:get", "--permission", "customers:search")  # fmt: skip
    return out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def secrets(live: Live) -> Secrets:
    nodes = gql(live, live.token, CONTACTS)["data"]["contacts"]["nodes"]
    emails = frozenset(n["email"] for n in nodes if n["email"])
    phones = frozenset(n["phone"] for n in nodes if n["phone"])
    assert emails and phones
    return Secrets(emails, phones, nodes[0]["email"])


@pytest.fixture(scope="module")
def client_id(live: Live) -> str:
    """A ninja client's hashed id, for the ninja paths' {id}."""
    reply = httpx.get(f"{live.base}/api/v1/clients?per_page=1", headers=bearer(live.token))
    found: str = reply.json()["data"][0]["id"]
    return found


@dataclass(frozen=True)
class _Settings:
    secret_key: str = SECRET


def get_rows() -> Iterator[tuple[Dialect, str]]:
    """Every GET row of every dialect's route table, as the live server routes them."""
    for dialect, rows in route_tables(_Settings()):
        for row in rows:
            if row.method == "GET":
                yield dialect, row.path


def concrete(dialect: Dialect, path: str, word: str) -> str:
    """The documented path with its parameters filled: record ids 1 (in the dialect's
    id codec), search terms a contact's email, so a search through contacts would show,
    zapier's resource the customers."""
    path = re.sub(r"\{(keysearch|search|term)\}", word, path)
    path = path.replace("{resource}", "customers")  # zapier's polls of customers
    return re.sub(r"\{[a-z_]+\}", str(dialect.ids.encode(1)), path)


def money_keys(value: Any) -> list[str]:
    """Every balance / paid_to_date key anywhere in a reply."""
    if isinstance(value, dict):
        own = [k for k in value if k in MONEY_KEYS]
        return own + [k for v in value.values() for k in money_keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in money_keys(v)]
    return []


def test_no_rest_reply_shows_contacts_or_invoice_money_to_a_customers_only_token(
    live: Live, customers_only: str, secrets: Secrets, client_id: str
) -> None:
    answered: list[str] = []
    leaks: list[tuple[str, str, list[str]]] = []
    with httpx.Client(base_url=live.base, timeout=30) as http:
        for dialect, documented in get_rows():
            path = concrete(dialect, documented, secrets.first_email)
            reply = http.get(path, headers=bearer(customers_only))
            assert reply.status_code < 500, (dialect.name, path, reply.text)
            if reply.status_code != 200:
                continue
            answered.append(path)
            shown = secrets.found_in(reply.text)
            if "json" in reply.headers.get("content-type", ""):
                shown += money_keys(reply.json())
            if shown:
                leaks.append((dialect.name, path, shown[:3]))

    assert leaks == []
    # The customer reads did answer: the check above looked at real replies.
    for path in ("/api/customers/1", "/api/v1/customers/1", "/api/v2/customers/1",
                 f"/api/v1/clients/{client_id}", "/api/v1/clients", "/api/customers"):  # fmt: skip
        assert path in answered, path
    assert len(answered) > 20


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/customers/1", "contacts"),  # perfex and tech9, joined
        ("/api/customers/1?page=1", None),
        ("/api/v1/customers/1", "email"),
        ("/api/v2/customers/1", "email"),
    ],
)
def test_the_same_replies_show_contacts_to_a_token_that_may_read_them(
    live: Live, customers_only: str, secrets: Secrets, path: str, field: str | None
) -> None:
    full = httpx.get(f"{live.base}{path}", headers=bearer(live.token))
    limited = httpx.get(f"{live.base}{path}", headers=bearer(customers_only))

    assert full.status_code == limited.status_code == 200
    assert secrets.found_in(full.text) or field is None
    assert secrets.found_in(limited.text) == []
    if field is not None:
        shown = limited.json().get("data", limited.json())
        assert shown[field] in ([], None), shown


def test_ninja_clients_show_money_and_contacts_only_with_their_grants(
    live: Live, customers_only: str, secrets: Secrets, client_id: str
) -> None:
    path = f"{live.base}/api/v1/clients/{client_id}"
    full = httpx.get(path, headers=bearer(live.token)).json()["data"]
    limited = httpx.get(path, headers=bearer(customers_only)).json()["data"]

    assert "balance" in full and "paid_to_date" in full and full["contacts"]
    assert full["contacts"][0]["contact_key"] and full["contacts"][0]["link"]
    assert "balance" not in limited and "paid_to_date" not in limited
    assert limited["contacts"] == []
    assert limited["name"] == full["name"]


@pytest.mark.parametrize(
    ("query", "needs"),
    [
        ("sort=balance|desc", "invoices"),
        ("balance=gt:0", "invoices"),
        ("between_balance=0:1000000", "invoices"),
        ("email={email}", "contacts"),
    ],
)
def test_ninja_cannot_sort_or_filter_by_what_it_may_not_read(
    live: Live, customers_only: str, secrets: Secrets, query: str, needs: str
) -> None:
    path = f"{live.base}/api/v1/clients?{query.format(email=secrets.first_email)}"

    refused = httpx.get(path, headers=bearer(customers_only))
    allowed = httpx.get(path, headers=bearer(live.token))

    assert refused.status_code == 403, refused.text
    assert needs in refused.json()["message"]
    assert allowed.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/api/customers/search/{word}", "/api/v1/customers?search={word}",
     "/api/v2/customers?search={word}", "/api/v1/clients?filter={word}"],
)  # fmt: skip
def test_a_customer_search_does_not_reach_contacts_without_their_grant(
    live: Live, customers_only: str, secrets: Secrets, path: str
) -> None:
    url = f"{live.base}{path.format(word=secrets.first_email)}"

    reply = httpx.get(url, headers=bearer(customers_only))

    assert reply.status_code in (200, 404), reply.text
    body = reply.json()
    rows = body if isinstance(body, list) else body.get("data") or []
    assert rows == [], body


def test_graphql_edges_and_filters_need_the_neighbours_grant(
    live: Live, customers_only: str, secrets: Secrets
) -> None:
    nested = gql(live, customers_only, NESTED)
    one = gql(live, customers_only, ONE_NESTED, id=1)
    through = gql(live, customers_only, THROUGH, email=secrets.first_email)
    allowed = gql(live, live.token, THROUGH, email=secrets.first_email)

    for body in (nested, one, through):
        assert codes(body) == {"FORBIDDEN"}, body
        assert secrets.found_in(str(body)) == []
    assert nested["data"]["customers"]["nodes"][0]["company"]
    assert nested["data"]["customers"]["nodes"][0]["contacts"] is None
    assert allowed["data"]["customers"]["nodes"], allowed


def test_a_reference_row_and_its_list_answer_by_one_rule(live: Live, customers_only: str) -> None:
    made = gql(live, live.token, NEW_ACCOUNT)["data"]["createAccount"]["record"]
    currencies = gql(live, customers_only, CURRENCIES)
    currency = currencies["data"]["currencies"]["nodes"][0]["databaseId"]

    # bank accounts: lookups:get, by id and as a list
    for body in (gql(live, customers_only, ACCOUNT, id=made["databaseId"]),
                 gql(live, customers_only, ACCOUNTS)):  # fmt: skip
        assert codes(body) == {"FORBIDDEN"}, body
        assert "GB00-1234" not in str(body)
    # roles (their permission lists): staff:get, on GraphQL and REST
    for body in (gql(live, customers_only, ROLE, id=1), gql(live, customers_only, ROLES)):
        assert codes(body) == {"FORBIDDEN"}, body
    roles = httpx.get(f"{live.base}/api/v1/staff/roles", headers=bearer(customers_only))
    assert roles.status_code == 403
    # the lists every form needs: any grant, by id, as a list, and over REST
    assert gql(live, customers_only, CURRENCY, id=currency)["data"]["currency"]["name"]
    assert currencies["data"]["currencies"]["nodes"]
    rest = httpx.get(f"{live.base}/api/v1/currencies", headers=bearer(customers_only))
    assert rest.status_code == 200
    # and the all-permissions token reads all of them
    assert gql(live, live.token, ACCOUNT, id=made["databaseId"])["data"]["account"]["number"]
    assert gql(live, live.token, ROLES)["data"]["roles"]["nodes"]
