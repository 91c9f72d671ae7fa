"""Reading contacts."""

from __future__ import annotations

import strawberry

from resolvers.contacts import CONTACTS, list_contacts
from schema.fields import connection_field, record_field


@strawberry.type
class ContactQuery:
    contact = record_field(CONTACTS)
    contacts = connection_field(CONTACTS, list_contacts)
