"""perfex rows for customers and contacts."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import contacts, customers
from resolvers.core.context import Row
from resolvers.core.errors import NotFound
from rest_compat import plans
from rest_compat.envelopes import reply
from rest_compat.perfex import fields
from rest_compat.perfex.replies import NO_DATA, record, records, wrote
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.reply_schemas import replies, shape_schema
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R


async def all_customers(call: Call) -> Args:
    return (customers.CustomerQuery(),), {}


async def customer_search(call: Call) -> Args:
    return (customers.CustomerQuery(search=call.path("keysearch")),), {}


async def contacts_of(call: Call) -> Args:
    return (contacts.ContactQuery(customer_id=call.id("customer_id")),), {}


async def contact_search(call: Call) -> Args:
    return (contacts.ContactQuery(search=call.path("keysearch")),), {}


@replies(shape_schema(fields.contact))
async def contact_of_customer(call: Call, result: Row | None) -> Response:
    if result is None or result["customer_id"] != call.id("customer_id"):
        raise NotFound("Contact", call.path("contact_id"))
    return reply(fields.contact(result))


ROUTES = [
    # Customers
    R("GET", "/api/customers", customers.find_customers, all_customers,
      records(fields.customer), "Customers – List all Customers",
      plan=plans.every(fields.CUSTOMER_JSON)),
    R("POST", "/api/customers", customers.create_customer_with_contacts, body(),
      wrote("Customer add successful."), "Customers – Add New Customer",
      fields=fields.CUSTOMER_IN, fail="Customer add fail."),
    R("DELETE", "/api/delete/customers/{id}", customers.delete_customer, path_id(),
      wrote("Customer Delete Successful."), "Customers – Delete a Customer",
      fail="Customer Delete Fail.", label="Customer"),
    R("GET", "/api/customers/{id}", customers.get_customer, path_id(),
      record(fields.customer), "Customers – Request customer information",
      fail=NO_DATA, label="Customer", plan=plans.record(fields.CUSTOMER_JSON)),
    R("GET", "/api/customers/search/{keysearch}", customers.find_customers, customer_search,
      records(fields.customer, empty_is_missing=True), "Customers – Search Customer Information",
      fail=NO_DATA),
    R("PUT", "/api/customers/{id}", customers.update_customer_with_contacts,
      id_and_body(replace_contacts=False),
      wrote("Customer Update Successful."), "Customers – Update a Customer",
      fields=fields.CUSTOMER_IN, fail="Customer Update Fail.", label="Customer"),
    # Contacts
    R("POST", "/api/contacts", contacts.create_contact, body(),
      wrote("Contact added successfully"), "Contacts – Add New Contact",
      fields=fields.CONTACT_IN, fail="Contact add fail"),
    R("DELETE", "/api/delete/contacts/{id}", contacts.delete_contact, path_id(),
      wrote("Contact Deleted Successfully"), "Contacts – Delete Contact",
      fail="Contact Delete Fail", label="Contact"),
    R("GET", "/api/contacts/{customer_id}/{contact_id}", contacts.get_contact,
      path_id("contact_id"), contact_of_customer,
      "Contacts – List all Contacts of a Customer", fail=NO_DATA, label="Contact"),
    R("GET", "/api/contacts/{customer_id}", contacts.find_contacts, contacts_of,
      records(fields.contact, empty_is_missing=True),
      "Contacts – List all Contacts of a Customer (no contact id)", fail=NO_DATA,
      label="Customer"),
    R("GET", "/api/contacts/search/{keysearch}", contacts.find_contacts, contact_search,
      records(fields.contact, empty_is_missing=True), "Contacts – Search Contact Information",
      fail=NO_DATA),
    R("PUT", "/api/contacts/{id}", contacts.update_contact, id_and_body(),
      wrote("Contact Updated Successfully"), "Contacts – Update Contact Information",
      fields=fields.CONTACT_IN, fail="Contact Update Fail", label="Contact"),
]  # fmt: skip
