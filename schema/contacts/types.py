"""The Contact node."""

from __future__ import annotations

from datetime import datetime

import strawberry

# These modules declare their edges onto contacts; import them before the type is built.
import resolvers.files  # noqa: F401
import resolvers.tickets  # noqa: F401
from resolvers.contacts import CONTACTS, get_contact
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(CONTACTS, get_contact)
@strawberry.type(name="Contact")
class ContactType(RowType, Node):
    firstname: str
    lastname: str
    email: str
    phone: str
    title: str
    is_primary: bool
    active: bool
    created_at: datetime
    updated_at: datetime
    customer = relation_field("customer", description="The customer this contact belongs to.")
    tickets = relation_field("tickets")
    files = relation_field("files", description="Files the contact uploaded.")
    custom_fields = custom_fields_field("contacts")
