"""The floors: the benchmark answers built with raw SQL and nothing else.

Each function returns exactly the `data` the GraphQL query in bench/queries returns, so
the quick mode can check the gateway against it and the timed mode can measure how close
the gateway comes. Orders and page sizes follow the schema's defaults (contacts primary
first, invoices newest first, items in their order, tickets by id) and the query's pages
(100 customers, 20 of each nested list).
"""

from __future__ import annotations

import base64
import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import asyncpg

from bench.variants import PLAIN, Variant

PAGE = 100
# Nested pages: the query asks for 20 of each, which keeps its worst case (100 x (20 + 20
# x 20 + 20 + 20) = 46,000 records) under the gateway's default node limit.
NESTED = 20
UTC = dt.UTC

CUSTOMERS = "SELECT id, company, city, phone FROM customers WHERE deleted_at IS NULL"
CONTACTS = (
    "SELECT customer_id, id, firstname, lastname, email, phone FROM contacts"
    " WHERE deleted_at IS NULL AND customer_id IN ({keys}){where}"
    " ORDER BY customer_id, is_primary DESC, id"
)
INVOICES = (
    "SELECT customer_id, id, number, date, due_date, total, amount_paid, credits_applied"
    " FROM invoices WHERE deleted_at IS NULL AND customer_id IN ({keys})"
    " ORDER BY customer_id, date DESC, id"
)
ITEMS = (
    "SELECT invoice_id, id, description, qty, rate FROM invoice_items"
    " WHERE deleted_at IS NULL AND invoice_id IN ({keys}) ORDER BY invoice_id, item_order, id"
)
TICKETS = (
    "SELECT customer_id, id, subject, created_at FROM tickets"
    " WHERE deleted_at IS NULL AND customer_id IN ({keys}) ORDER BY customer_id, id"
)
SINGLE = (
    "SELECT id, company, city, phone, website, active, created_at FROM customers"
    " WHERE id = {param} AND deleted_at IS NULL"
)


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _cents(value: int) -> str:
    # SQLite keeps money as exact integer cents (resolvers/models/types.Fixed).
    return str(Decimal(value).scaleb(-2))


def _sqlite_time(value: str) -> str:
    return dt.datetime.fromisoformat(value).replace(tzinfo=UTC).isoformat()


def _by_parent(rows: Iterable[Sequence[Any]]) -> dict[int, list[Sequence[Any]]]:
    grouped: dict[int, list[Sequence[Any]]] = defaultdict(list)
    for row in rows:
        group = grouped[row[0]]
        if len(group) < NESTED:
            group.append(row)
    return grouped


class _Shape:
    """Row tuples to the query's JSON, given how this engine returns money and times."""

    def __init__(self, money: Any, time: Any) -> None:
        self.money = money
        self.time = time

    def nested(
        self,
        customers: Sequence[Sequence[Any]],
        contacts: dict[int, list[Sequence[Any]]],
        invoices: dict[int, list[Sequence[Any]]],
        items: dict[int, list[Sequence[Any]]],
        tickets: dict[int, list[Sequence[Any]]],
    ) -> dict[str, Any]:
        money = self.money
        return {
            "customers": {
                "nodes": [
                    {
                        "id": global_id("Customer", cid),
                        "databaseId": cid,
                        "company": company,
                        "city": city,
                        "phone": phone,
                        "contacts": {
                            "nodes": [
                                {
                                    "id": global_id("Contact", r[1]),
                                    "firstname": r[2],
                                    "lastname": r[3],
                                    "email": r[4],
                                    "phone": r[5],
                                }
                                for r in contacts.get(cid, ())
                            ]
                        },
                        "invoices": {
                            "nodes": [
                                {
                                    "id": global_id("Invoice", r[1]),
                                    "number": r[2],
                                    "date": str(r[3]),
                                    "dueDate": None if r[4] is None else str(r[4]),
                                    "total": money(r[5]),
                                    "amountDue": money(r[5] - r[6] - r[7]),
                                    "items": {
                                        "nodes": [
                                            {
                                                "id": global_id("InvoiceItem", i[1]),
                                                "description": i[2],
                                                "qty": money(i[3]),
                                                "rate": money(i[4]),
                                            }
                                            for i in items.get(r[1], ())
                                        ]
                                    },
                                }
                                for r in invoices.get(cid, ())
                            ]
                        },
                        "tickets": {
                            "nodes": [
                                {
                                    "id": global_id("Ticket", r[1]),
                                    "subject": r[2],
                                    "createdAt": self.time(r[3]),
                                }
                                for r in tickets.get(cid, ())
                            ]
                        },
                    }
                    for cid, company, city, phone in customers
                ]
            }
        }

    def single(self, row: Sequence[Any] | None) -> dict[str, Any]:
        if row is None:
            return {"customer": None}
        cid, company, city, phone, website, active, created_at = row
        return {
            "customer": {
                "id": global_id("Customer", cid),
                "databaseId": cid,
                "company": company,
                "city": city,
                "phone": phone,
                "website": website,
                "active": bool(active),
                "createdAt": self.time(created_at),
            }
        }


SQLITE = _Shape(_cents, _sqlite_time)
POSTGRES = _Shape(str, lambda t: t.astimezone(UTC).isoformat())


def _keys(ids: Sequence[int]) -> str:
    # Integers from our own first query: safe to inline, and it keeps the floor honest
    # (no parameter binding cost the gateway would not also pay per key).
    return ",".join(str(int(i)) for i in ids) or "NULL"


def _customers(variant: Variant) -> str:
    return (
        f"{CUSTOMERS}{variant.customers_where} ORDER BY {variant.customers_order}"
        f" LIMIT {PAGE} OFFSET {variant.offset}"
    )


def nested_sqlite(conn: sqlite3.Connection, variant: Variant = PLAIN) -> dict[str, Any]:
    customers = conn.execute(_customers(variant)).fetchall()
    keys = _keys([c[0] for c in customers])
    contacts = _by_parent(conn.execute(CONTACTS.format(keys=keys, where=variant.contacts_where)))
    invoices = _by_parent(conn.execute(INVOICES.format(keys=keys)))
    invoice_keys = _keys([r[1] for rows in invoices.values() for r in rows])
    items = _by_parent(conn.execute(ITEMS.format(keys=invoice_keys)))
    tickets = _by_parent(conn.execute(TICKETS.format(keys=keys)))
    return SQLITE.nested(customers, contacts, invoices, items, tickets)


def single_sqlite(conn: sqlite3.Connection, customer_id: int) -> dict[str, Any]:
    row = conn.execute(SINGLE.format(param="?"), (customer_id,)).fetchone()
    return SQLITE.single(row)


async def nested_postgres(conn: asyncpg.Connection, variant: Variant = PLAIN) -> dict[str, Any]:
    customers = await conn.fetch(_customers(variant))
    keys = _keys([c[0] for c in customers])
    contacts = _by_parent(
        await conn.fetch(CONTACTS.format(keys=keys, where=variant.contacts_where))
    )
    invoices = _by_parent(await conn.fetch(INVOICES.format(keys=keys)))
    invoice_keys = _keys([r[1] for rows in invoices.values() for r in rows])
    items = _by_parent(await conn.fetch(ITEMS.format(keys=invoice_keys)))
    tickets = _by_parent(await conn.fetch(TICKETS.format(keys=keys)))
    return POSTGRES.nested(customers, contacts, invoices, items, tickets)


async def single_postgres(conn: asyncpg.Connection, customer_id: int) -> dict[str, Any]:
    row = await conn.fetchrow(SINGLE.format(param="$1"), customer_id)
    return POSTGRES.single(row)


# L's floor: every customer in the perfex list's JSON (rest_compat/perfex/fields.customer),
# built straight from the rows.
LIST = (
    "SELECT id, company, vat, phone, country_id, city, zip, state, address, website,"
    " created_at, active, billing_street, billing_city, billing_state, billing_zip,"
    " shipping_street, shipping_city, shipping_state, shipping_zip, billing_country_id,"
    " shipping_country_id, longitude, latitude, default_language, default_currency_id,"
    " show_primary_contact, registration_confirmed, added_by_id"
    " FROM customers WHERE deleted_at IS NULL ORDER BY id"
)


def _ref(value: int | None) -> str:
    return "0" if value is None else str(value)


def _listed(r: Sequence[Any], created: str) -> dict[str, Any]:
    return {
        "userid": str(r[0]), "company": r[1], "vat": r[2], "phonenumber": r[3],
        "country": _ref(r[4]), "city": r[5], "zip": r[6], "state": r[7], "address": r[8],
        "website": r[9], "datecreated": created, "active": "1" if r[11] else "0",
        "leadid": None, "billing_street": r[12], "billing_city": r[13],
        "billing_state": r[14], "billing_zip": r[15], "shipping_street": r[16],
        "shipping_city": r[17], "shipping_state": r[18], "shipping_zip": r[19],
        "billing_country": _ref(r[20]), "shipping_country": _ref(r[21]),
        "longitude": r[22], "latitude": r[23], "default_language": r[24],
        "default_currency": _ref(r[25]), "show_primary_contact": "1" if r[26] else "0",
        "stripe_id": None, "registration_confirmed": "1" if r[27] else "0",
        "addedfrom": _ref(r[28]),
    }  # fmt: skip


def customer_list_sqlite(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    # SQLite keeps UTC as "YYYY-MM-DD HH:MM:SS.ffffff": perfex shows it to the second.
    return [_listed(r, r[10][:19]) for r in conn.execute(LIST)]


async def customer_list_postgres(conn: asyncpg.Connection) -> list[dict[str, Any]]:
    return [
        _listed(r, r[10].astimezone(UTC).replace(tzinfo=None).isoformat(" ")[:19])
        for r in await conn.fetch(LIST)
    ]
