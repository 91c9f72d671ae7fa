"""Customers, their contacts, and their records in the other domains."""

from __future__ import annotations

from resolvers import contacts, contracts, customers, estimates, invoices, projects, tickets
from resolvers.core.context import Ctx
from resolvers.core.pagination import Page, PageArgs
from rest_compat import plans
from rest_compat.readers import (
    QUERY_INT_MAX,
    body,
    id_and_body,
    path_id,
    query_bool,
    query_int,
)
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.v1 import fields
from rest_compat.v1.fields.contracts import CONTRACT
from rest_compat.v1.fields.customers import CONTACT_JSON, CUSTOMER_JSON
from rest_compat.v1.fields.estimates import estimate
from rest_compat.v1.fields.invoices import invoice
from rest_compat.v1.fields.projects import PROJECT
from rest_compat.v1.fields.tickets import TICKET
from rest_compat.v1.routes.common import (
    PAGE_PARAMS,
    PAGING,
    AsyncShape,
    CursorList,
    Parent,
    deleted,
    listing,
    page_body,
    page_of,
    record,
    shaped,
)

customer_shape, contact_shape = fields.customer, fields.contact


async def customer_page(call: Call) -> Args:
    asked = page_of(call)
    query = customers.CustomerQuery(search=call.query.get("search") or None)
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


async def contact_page(call: Call) -> Args:
    asked = page_of(call)
    customer = call.query.get("customer_id")
    query = contacts.ContactQuery(
        customer_id=query_int(call, "customer_id", 0) if customer else None,
        active=query_bool(call, "active"),
        is_primary=query_bool(call, "is_primary"),
        search=call.query.get("search") or None,
    )
    return (query,), {"offset": asked.offset, "limit": asked.per_page}


async def contacts_of_customer(ctx: Ctx, customer_id: int, page: PageArgs) -> Page:
    query = contacts.ContactQuery(customer_id=customer_id)
    return await contacts.find_contacts(ctx, query, offset=page.offset or 0, limit=page.first)


CUSTOMER = Parent("/api/v1/customers", customers.get_customer, "Customer")


ROUTES = [
    R("GET", "/api/v1/customers", customers.find_customers, customer_page,
      listing(customer_shape), "Get all customers with pagination",
      query=(*PAGING, Param("search", "Words to find")),
      plan=plans.page(CUSTOMER_JSON, page_of, page_body, PAGE_PARAMS)),
    R("GET", "/api/v1/customers/{id}", customers.get_customer, path_id(),
      record(customer_shape), "Get specific customer by ID", label="Customer",
      plan=plans.record(CUSTOMER_JSON)),
    R("POST", "/api/v1/customers", customers.create_customer_with_contacts, body(),
      record(customer_shape, 201), "Create new customer", fields=fields.CUSTOMER_IN,
      status=201),
    R("PUT", "/api/v1/customers/{id}", customers.update_customer_with_contacts, id_and_body(),
      record(customer_shape), "Update existing customer", fields=fields.CUSTOMER_IN,
      label="Customer"),
    R("DELETE", "/api/v1/customers/{id}", customers.delete_customer, path_id(), deleted,
      "Delete customer", label="Customer"),
    CUSTOMER.checked("contacts", contacts_of_customer, contact_shape,
                     "List contacts for a customer"),
    R("GET", "/api/v1/contacts", contacts.find_contacts, contact_page, listing(contact_shape),
      "List all contacts with pagination. Filterable by customer_id, active, search, is_primary",
      query=(*PAGING, Param("customer_id", type="integer", minimum=1, maximum=QUERY_INT_MAX),
             Param("active", type="boolean"),
             Param("search"), Param("is_primary", type="boolean")),
      plan=plans.page(CONTACT_JSON, page_of, page_body, PAGE_PARAMS)),
    R("GET", "/api/v1/contacts/{id}", contacts.get_contact, path_id(), record(contact_shape),
      "Get contact details by ID", label="Contact", plan=plans.record(CONTACT_JSON)),
    R("POST", "/api/v1/contacts", contacts.create_contact, body(), record(contact_shape, 201),
      "Create a new contact. Required: userid (customer_id), firstname, lastname, email. "
      "Email must be unique per customer", fields=fields.CONTACT_IN, status=201),
    R("PUT", "/api/v1/contacts/{id}", contacts.update_contact, id_and_body(),
      record(contact_shape), "Update an existing contact", fields=fields.CONTACT_IN,
      label="Contact"),
    R("DELETE", "/api/v1/contacts/{id}", contacts.delete_contact, path_id(), deleted,
      "Delete a contact. Primary contacts cannot be deleted", label="Contact"),
]  # fmt: skip

# A customer's records in the other domains.
SUB_LISTS: tuple[tuple[str, CursorList, AsyncShape], ...] = (
    ("projects", projects.list_projects, shaped(PROJECT)),
    ("invoices", invoices.list_invoices, invoice),
    ("estimates", estimates.list_estimates, estimate),
    ("tickets", tickets.list_tickets, shaped(TICKET)),
    ("contracts", contracts.list_contracts, shaped(CONTRACT)),
)

ROUTES += [
    CUSTOMER.under(name, list_fn, "customer_id", shape, f"List {name} for a customer")
    for name, list_fn, shape in SUB_LISTS
]
