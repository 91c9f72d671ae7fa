"""Every edge of the graph checks the target's permission: a credential that may read
customers but not invoices gets FORBIDDEN at the invoices path, with null there, never
the rows; the same for node(id:), filters through a relation, and aggregates."""

from __future__ import annotations

from typing import Any

from gateway.database import Database
from resolvers import invoices
from resolvers.core.context import Ctx, Row
from resolvers.core.permissions import Principal
from schema import schema
from schema.context import GraphQLContext
from schema.node import encode_global_id
from tests.factories import make_contact, make_customer

CUSTOMERS_ONLY = frozenset({"customers:get", "customers:search"})
INVOICES_ONLY = frozenset({"invoices:get", "invoices:search"})

CUSTOMERS_WITH_INVOICES = """
{ customers { nodes { company invoices { nodes { id total } } } } }
"""
CUSTOMERS_WITH_INVOICE_FIGURES = """
{ customers { nodes { company invoices { aggregate { count sum { total } } } } } }
"""
CUSTOMERS_WITH_INVOICE_GROUPS = """
{ customers { nodes { company invoices { groupBy(field: STATUS) { key count } } } } }
"""
CUSTOMERS_BY_THEIR_INVOICES = """
{ customers(filter: {invoices: {total: {gt: 100}}}) { nodes { company } } }
"""
INVOICES_BY_THEIR_CUSTOMER = """
{ invoices(filter: {customer: {company: {contains: "Zahara"}}}) { nodes { total } } }
"""
INVOICE_WITH_CUSTOMER = """
{ invoices { nodes { total customer { company } } } }
"""
INVOICE_FIGURES = "{ invoices { aggregate { count sum { total } } } }"
NODE = "query Node($id: ID!) { node(id: $id) { id ... on Invoice { total } } }"
CUSTOMER_WITH_CONTACTS = "{ customers { nodes { contacts { nodes { email } } } } }"
CUSTOMERS_BY_THEIR_CONTACTS = """
{ customers(filter: {contacts: {email: {contains: "karim"}}}) { nodes { company } } }
"""


async def run(db: Database, grants: frozenset[str], query: str, **variables: Any) -> Any:
    caller = Principal(kind="token", id=1, name="limited", grants=grants)
    context = GraphQLContext(ctx=Ctx(db=db, principal=caller))
    return await schema.execute(query, variable_values=variables, context_value=context)


def forbidden_at(result: Any, path: list[str | int]) -> None:
    assert result.errors, result
    error = result.errors[0]
    assert error.extensions == {"code": "FORBIDDEN"}, error
    assert error.path[: len(path)] == path, error.path
    assert all(e.extensions and e.extensions.get("code") == "FORBIDDEN" for e in result.errors)


async def a_customer_with_an_invoice(ctx: Ctx) -> tuple[Row, Row]:
    customer = await make_customer(ctx)
    items = [{"description": "Onsite Implementation", "qty": 10, "rate": "380"}]
    invoice = await invoices.create_invoice(ctx, {"customer_id": customer["id"], "items": items})
    return customer, invoice


async def test_a_nested_edge_without_the_grant_is_forbidden_there_and_null(
    ctx: Ctx, db: Database
) -> None:
    await a_customer_with_an_invoice(ctx)

    result = await run(db, CUSTOMERS_ONLY, CUSTOMERS_WITH_INVOICES)

    forbidden_at(result, ["customers", "nodes", 0, "invoices"])
    assert result.data == {
        "customers": {"nodes": [{"company": "Zahara Foods LLC", "invoices": None}]}
    }
    assert "3800" not in str(result.data)


async def test_the_same_query_with_the_grant_reads_the_rows(ctx: Ctx, db: Database) -> None:
    await a_customer_with_an_invoice(ctx)

    result = await run(db, CUSTOMERS_ONLY | INVOICES_ONLY, CUSTOMERS_WITH_INVOICES)

    assert result.errors is None
    assert len(result.data["customers"]["nodes"][0]["invoices"]["nodes"]) == 1


async def test_nested_aggregates_and_groups_are_forbidden_too(ctx: Ctx, db: Database) -> None:
    await a_customer_with_an_invoice(ctx)

    figures = await run(db, CUSTOMERS_ONLY, CUSTOMERS_WITH_INVOICE_FIGURES)
    groups = await run(db, CUSTOMERS_ONLY, CUSTOMERS_WITH_INVOICE_GROUPS)

    forbidden_at(figures, ["customers", "nodes", 0, "invoices"])
    forbidden_at(groups, ["customers", "nodes", 0, "invoices"])
    assert figures.data["customers"]["nodes"][0]["invoices"] is None


async def test_a_root_aggregate_needs_the_resources_grant(ctx: Ctx, db: Database) -> None:
    await a_customer_with_an_invoice(ctx)

    result = await run(db, CUSTOMERS_ONLY, INVOICE_FIGURES)

    forbidden_at(result, ["invoices"])
    assert result.data is None or result.data["invoices"] is None


async def test_a_one_edge_to_a_forbidden_type_is_forbidden(ctx: Ctx, db: Database) -> None:
    await a_customer_with_an_invoice(ctx)

    result = await run(db, INVOICES_ONLY, INVOICE_WITH_CUSTOMER)

    forbidden_at(result, ["invoices", "nodes", 0, "customer"])
    assert result.data["invoices"]["nodes"][0] == {"total": "3800.00", "customer": None}


async def test_node_of_a_forbidden_type_is_forbidden(ctx: Ctx, db: Database) -> None:
    _, invoice = await a_customer_with_an_invoice(ctx)
    global_id = encode_global_id("Invoice", invoice["id"])

    refused = await run(db, CUSTOMERS_ONLY, NODE, id=global_id)
    allowed = await run(db, INVOICES_ONLY, NODE, id=global_id)

    forbidden_at(refused, ["node"])
    assert refused.data == {"node": None}
    assert allowed.data == {"node": {"id": global_id, "total": "3800.00"}}


async def test_filtering_through_a_relation_needs_the_neighbours_grant(
    ctx: Ctx, db: Database
) -> None:
    # A filter on a neighbour's fields tells whether such a neighbour exists (a yes/no
    # oracle on its values), so it takes the neighbour's grant like reading it would.
    await a_customer_with_an_invoice(ctx)

    customers_by_invoices = await run(db, CUSTOMERS_ONLY, CUSTOMERS_BY_THEIR_INVOICES)
    invoices_by_customer = await run(db, INVOICES_ONLY, INVOICES_BY_THEIR_CUSTOMER)
    both = await run(db, CUSTOMERS_ONLY | INVOICES_ONLY, INVOICES_BY_THEIR_CUSTOMER)

    forbidden_at(customers_by_invoices, ["customers"])
    forbidden_at(invoices_by_customer, ["invoices"])
    assert both.errors is None and both.data == {"invoices": {"nodes": [{"total": "3800.00"}]}}


async def test_a_filter_needs_search_a_plain_list_only_get(ctx: Ctx, db: Database) -> None:
    await a_customer_with_an_invoice(ctx)
    get_only = frozenset({"customers:get", "invoices:get"})

    plain = await run(db, get_only, "{ customers { nodes { company } } }")
    filtered = await run(db, get_only, INVOICES_BY_THEIR_CUSTOMER)

    assert plain.errors is None
    forbidden_at(filtered, ["invoices"])


async def test_a_customers_contacts_need_contacts_get_as_their_own_path_does(
    ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(ctx)
    await make_contact(ctx, customer["id"])

    limited = await run(db, CUSTOMERS_ONLY, CUSTOMER_WITH_CONTACTS)
    granted = await run(db, CUSTOMERS_ONLY | {"contacts:get"}, CUSTOMER_WITH_CONTACTS)
    through = await run(db, CUSTOMERS_ONLY, CUSTOMERS_BY_THEIR_CONTACTS)

    forbidden_at(limited, ["customers", "nodes", 0, "contacts"])
    assert "karim1@zaharahq.ae" not in str(limited.data)
    forbidden_at(through, ["customers"])
    assert granted.errors is None
    assert granted.data["customers"]["nodes"][0]["contacts"]["nodes"] == [
        {"email": "karim1@zaharahq.ae"}
    ]
