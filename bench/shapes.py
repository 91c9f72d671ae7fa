"""Every request shape `make bench` times, for the gateway and for PostGraphile 5.

N is the plain `nodes` read; most other GraphQL shapes are N changed as frontends change
it (edges, a cursor, a filter, an order, a nested filter, counts and page info), the rest
are the other requests clients send (an aggregate, a groupBy, a `node(id:)`, a small
mutation). Each shape's document lives in bench/queries/<file>.graphql for the gateway and
in bench/queries/postgraphile/<file>.graphql for PostGraphile 5: the same records, fields
and kind of work in each server's own names. S, R and L are the single-record GraphQL
read, the single-record REST read and the perfex list of every customer.

Variables that only a server can give (a cursor, a node id) are taken from that server's
own answer to an earlier shape, so each side is asked for the same records.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.floor import global_id

QUERIES = Path(__file__).resolve().parent / "queries"
PEER_QUERIES = QUERIES / "postgraphile"
SINGLE_ID = 5
PHONE = "+1 555 0100"
# The cursor the A shape starts after: the last of E's first page of 100.
AFTER_INDEX = 99

Ask = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Shape:
    key: str
    title: str
    file: str | None  # a GraphQL document in bench/queries (None: a REST path)
    compare_to_n: bool = False  # the target: p50 within 1.5x the plain N
    peer: bool = True  # PostGraphile 5 has an equivalent document


SHAPES: tuple[Shape, ...] = (
    Shape("N", "plain `nodes` (the bench's N)", "nested"),
    Shape("E", "`edges { cursor node }`", "edges", compare_to_n=True),
    Shape("A", "`after:` a cursor, edges", "after", compare_to_n=True),
    Shape("F", '`filter: {company: {contains: "a"}}` on the root', "filter", compare_to_n=True),
    Shape("O", "`orderBy: [{field: COMPANY}]`", "order", compare_to_n=True),
    Shape("NF", "a filter on a nested connection", "nested_filter", compare_to_n=True),
    Shape("T", "`totalCount pageInfo { hasNextPage endCursor }` added", "total", compare_to_n=True),
    Shape("AG", "an aggregate over every invoice", "aggregate"),
    Shape("G", "invoices `groupBy` status", "group"),
    Shape("ID", "`node(id:)`", "node"),
    Shape("M", "a mutation with a small payload", "mutation"),
    Shape("S", "one customer by id (GraphQL)", "single"),
    Shape("R", "one customer by id (REST v1)", None, peer=False),
    Shape("L", "every customer (perfex list, REST)", None, peer=False),
)
BY_KEY = {s.key: s for s in SHAPES}


def document(shape: Shape, *, peer: bool = False) -> str:
    assert shape.file is not None
    return ((PEER_QUERIES if peer else QUERIES) / f"{shape.file}.graphql").read_text()


def edges_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The root connection's edges in either server's answer to E."""
    connection = data.get("customers") or data.get("allCustomers") or {}
    edges: list[dict[str, Any]] = connection.get("edges") or []
    return edges


def after_cursor(edges: list[dict[str, Any]], index: int = AFTER_INDEX) -> str:
    if not edges:
        raise RuntimeError("E answered no edges: no cursor to page after")
    cursor: str = edges[min(index, len(edges) - 1)]["cursor"]
    return cursor


async def gateway_variables(ask: Ask) -> dict[str, dict[str, Any]]:
    """Each gateway shape's variables; A's cursor comes from the gateway's own E."""
    edges = edges_of(await ask(document(BY_KEY["E"]), {}))
    customer = global_id("Customer", SINGLE_ID)
    return {
        "A": {"after": after_cursor(edges)},
        "ID": {"id": customer},
        "M": {"id": customer, "phone": PHONE},
        "S": {"id": customer},
    }


async def peer_variables(ask: Ask) -> dict[str, dict[str, Any]]:
    """PostGraphile 5's variables: its own cursor and its own node id for customer 5."""
    edges = edges_of(await ask(document(BY_KEY["E"], peer=True), {}))
    single = await ask(document(BY_KEY["S"], peer=True), {"id": SINGLE_ID})
    node_id = (single.get("customerByRowId") or {}).get("id")
    if not node_id:
        raise RuntimeError(f"PostGraphile 5 has no customer {SINGLE_ID}: {single}")
    return {
        "A": {"after": after_cursor(edges)},
        "ID": {"id": node_id},
        "M": {"id": SINGLE_ID, "phone": PHONE},
        "S": {"id": SINGLE_ID},
    }


def requests(token: str, variables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The gateway's requests by shape key, as `bench.load.run` sends them."""
    bearer = {"Authorization": f"Bearer {token}"}
    out: dict[str, dict[str, Any]] = {}
    for shape in SHAPES:
        if shape.file is None:
            continue
        body: dict[str, Any] = {"query": document(shape)}
        if shape.key in variables:
            body["variables"] = variables[shape.key]
        out[shape.key] = {"method": "POST", "path": "/graphql", "headers": bearer, "json": body}
    out["R"] = {"method": "GET", "path": f"/api/v1/customers/{SINGLE_ID}", "headers": bearer}
    out["L"] = {"method": "GET", "path": "/api/customers", "headers": {"authtoken": token}}
    return out


def peer_requests(variables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for shape in SHAPES:
        if not shape.peer:
            continue
        body: dict[str, Any] = {"query": document(shape, peer=True)}
        if shape.key in variables:
            body["variables"] = variables[shape.key]
        out[shape.key] = {"method": "POST", "path": "/graphql", "headers": {}, "json": body}
    return out
