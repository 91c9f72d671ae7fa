"""The Contact node."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import contacts
from schema.node import Node, RowType


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


ContactType.register(
    (
        "firstname",
        "lastname",
        "email",
        "phone",
        "title",
        "is_primary",
        "active",
        "created_at",
        "updated_at",
    ),
    contacts.get_contact,
)
