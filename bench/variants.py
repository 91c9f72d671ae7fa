"""The ways the N shapes change N's reading, as raw SQL the floor applies (bench/floor.py).

Each is plain SQL text of our own (no caller input): the filter, order and page the
gateway's documents in bench/queries ask for, so the floor builds the answer they must
give.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    customers_where: str = ""
    customers_order: str = "id"
    offset: int = 0
    contacts_where: str = ""


PLAIN = Variant()
# F: `filter: {company: {contains: "a"}}`, contains ignoring case.
FILTERED = Variant(customers_where=" AND lower(company) LIKE '%a%'")
# O: `orderBy: [{field: COMPANY}]`, ties by id.
ORDERED = Variant(customers_order="company, id")
# NF: `contacts(first: 20, filter: {firstname: {contains: "a"}})`.
CONTACTS_FILTERED = Variant(contacts_where=" AND lower(firstname) LIKE '%a%'")


def after(index: int) -> Variant:
    """A: the page after the cursor of the customer at `index` (0-based) in N's order."""
    return Variant(offset=index + 1)
