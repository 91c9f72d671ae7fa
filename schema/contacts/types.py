"""The Contact node."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.contacts import CONTACTS, get_contact
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
