"""The review's searches, replayed against a live gateway: one search rule on every
transport (bounded terms refused naming `search` before any SQL, LIKE's wildcards
matched literally, a customer's contacts matched only for who may read contacts), a
cost that grows with the words, and groupBy counted and charged as what it can answer."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from resolvers.core.aggregates import MAX_GROUPS
from resolvers.core.searching import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS
from tests.security.conftest import Live

HUGE = "ab " * 10_000
THOUSAND_WORDS = " ".join(["ab"] * 1000)
ELEVEN_WORDS = " ".join(f"w{i}" for i in range(MAX_SEARCH_WORDS + 1))
SEARCH_CUSTOMERS = "query($s: String) { customers(search: $s) { nodes { company } } }"


def graphql(live: Live, query: str, variables: dict[str, Any] | None = None,
            token: str | None = None) -> dict[str, Any]:  # fmt: skip
    reply = httpx.post(
        f"{live.base}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token or live.token}"},
        timeout=30,
    )
    assert reply.status_code < 500, reply.text
    body: dict[str, Any] = reply.json()
    return body


def get(live: Live, path: str, token: str | None = None) -> httpx.Response:
    reply = httpx.get(
        f"{live.base}{path}", headers={"Authorization": f"Bearer {token or live.token}"}, timeout=30
    )
    assert reply.status_code < 500, reply.text
    return reply


def refused_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The fields the errors name (a nested search fails once per parent)."""
    fields: dict[str, Any] = {}
    for error in body["errors"]:
        assert error["extensions"]["code"] in ("INVALID", "BAD_USER_INPUT"), error
        fields.update(error["extensions"]["fields"])
    return fields


@pytest.mark.parametrize("term", [HUGE, THOUSAND_WORDS, ELEVEN_WORDS])
def test_graphql_refuses_a_search_past_the_rule_naming_search(live: Live, term: str) -> None:
    for query in (
        SEARCH_CUSTOMERS,
        "query($s: String) { invoices(search: $s) { nodes { number } } }",
        "query($s: String) { contacts(search: $s) { nodes { email } } }",
        "query($s: String) { customers(first: 2) { nodes { invoices(search: $s) { nodes {"
        " number } } } } }",
        "query($s: String) { invoiceItems(search: $s) { groupBy(field: DESCRIPTION) { key } } }",
    ):
        assert "search" in refused_fields(graphql(live, query, {"s": term})), query


def test_a_huge_search_does_not_stall_the_worker(live: Live) -> None:
    def huge() -> tuple[float, dict[str, Any]]:
        started = time.monotonic()
        body = graphql(live, SEARCH_CUSTOMERS, {"s": HUGE})
        return time.monotonic() - started, body

    def cheap() -> float:
        started = time.monotonic()
        assert httpx.get(f"{live.base}/healthz", timeout=30).status_code == 200
        return time.monotonic() - started

    with ThreadPoolExecutor(max_workers=6) as pool:
        searches = [pool.submit(huge) for _ in range(5)]
        time.sleep(0.05)
        quick = pool.submit(cheap)
        answered = [s.result(timeout=60) for s in searches]
    assert quick.result(timeout=60) < 2
    for elapsed, body in answered:
        assert elapsed < 5
        assert refused_fields(body) == {"search": f"must be at most {MAX_SEARCH_LENGTH} characters"}


# Every REST search entry point: a query parameter in each dialect, a /search/ path in
# perfex's, over customers (the search rule with contacts) and documents (numbers).
REST_SEARCHES = [
    "/api/v2/customers?search={}",
    "/api/v1/customers?search={}",
    "/api/v1/contacts?search={}",
    "/api/v2/products?search={}",
    "/api/customers?page=1&q={}",
    "/api/leads?page=1&q={}",
    "/api/v1/clients?filter={}",
    "/api/customers/search/{}",
    "/api/contacts/search/{}",
    "/api/invoices/search/{}",
    "/api/estimates/search/{}",
    "/api/items/search/{}",
    "/api/tickets/search/{}",
    "/api/staffs/search/{}",
]


@pytest.mark.parametrize("path", REST_SEARCHES)
@pytest.mark.parametrize("term", [THOUSAND_WORDS, ELEVEN_WORDS])
def test_every_rest_search_refuses_past_the_rule_naming_search(
    live: Live, path: str, term: str
) -> None:
    reply = get(live, path.format(quote(term)))
    assert 400 <= reply.status_code < 500
    assert "search" in str(reply.json().get("errors")), reply.text


@pytest.mark.parametrize("wildcard", ["%", "_", "%25", "\\"])
def test_like_wildcards_match_themselves_on_every_transport(live: Live, wildcard: str) -> None:
    # No demo company, contact or custom value holds these: nothing matches.
    assert graphql(live, SEARCH_CUSTOMERS, {"s": wildcard})["data"]["customers"]["nodes"] == []
    encoded = quote(wildcard, safe="")
    assert get(live, f"/api/customers/search/{encoded}").status_code == 404
    assert get(live, f"/api/v2/customers?search={encoded}").json()["data"] == []
    assert get(live, f"/api/v1/contacts?search={encoded}").json()["data"] == []
    # Some invoice notes hold a literal "%"; a wildcard would match every invoice.
    every = "{ invoices { totalCount } }"
    searched = "query($s: String) { invoices(search: $s) { totalCount } }"
    total = graphql(live, every)["data"]["invoices"]["totalCount"]
    assert graphql(live, searched, {"s": wildcard})["data"]["invoices"]["totalCount"] < total
    perfex = get(live, f"/api/invoices/search/{encoded}")
    assert perfex.status_code == 404 or len(perfex.json()) < total


def _token(live: Live, *grants: str) -> str:
    args = [arg for grant in grants for arg in ("--permission", grant)]
    return live.cli("token", "create", "--name", "search-replay", *args).strip().splitlines()[-1]


def test_contacts_match_a_customer_search_only_for_who_may_read_contacts(live: Live) -> None:
    found = graphql(live, "{ contacts(first: 1) { nodes { email customer { company } } } }")
    contact = found["data"]["contacts"]["nodes"][0]
    term, company = contact["email"].split("@")[0], contact["customer"]["company"]
    both = _token(live, "customers:get", "customers:search", "contacts:get")
    customers_only = _token(live, "customers:get", "customers:search")

    def companies(token: str) -> dict[str, list[str]]:
        graph = graphql(live, SEARCH_CUSTOMERS, {"s": term}, token)["data"]["customers"]["nodes"]
        v2 = get(live, f"/api/v2/customers?search={quote(term)}", token).json()["data"]
        perfex = get(live, f"/api/customers/search/{quote(term)}", token)
        return {
            "graphql": [c["company"] for c in graph],
            "v2": [c["account"] for c in v2],
            "perfex": [c["company"] for c in perfex.json()] if perfex.status_code == 200 else [],
        }

    assert companies(both) == {"graphql": [company], "v2": [company], "perfex": [company]}
    assert companies(customers_only) == {"graphql": [], "v2": [], "perfex": []}


def test_search_words_are_charged(live: Live) -> None:
    def requested(term: str) -> int:
        cost: int = graphql(live, SEARCH_CUSTOMERS, {"s": term})["extensions"]["cost"]["requested"]
        return cost

    assert requested("atlas") < requested(" ".join(f"w{i}" for i in range(MAX_SEARCH_WORDS)))


def aliased_groups(n: int) -> str:
    groups = (f"g{i}: invoiceItems {{ groupBy(field: DATABASE_ID) {{ key }} }}" for i in range(n))
    return "{ " + " ".join(groups) + " }"


def test_group_by_counts_as_the_groups_it_can_answer(live: Live) -> None:
    one = graphql(live, "{ invoiceItems { groupBy(field: DESCRIPTION) { key count } } }")
    assert one["extensions"]["cost"]["nodes"] >= MAX_GROUPS

    forty = graphql(live, aliased_groups(40))
    assert len(forty["data"]) == 40
    # 40 connections, each with a groupBy charged as the 10 pages of 100 it can fill.
    assert forty["extensions"]["cost"]["requested"] == 5
    assert forty["extensions"]["cost"]["nodes"] == 40 * (20 + MAX_GROUPS)

    # The review's 50 aliases could answer more groups than any query may return.
    refused = graphql(live, aliased_groups(50))
    assert refused["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    assert refused.get("data") is None
