"""The perfex route table: one row per documented method and path, a module per
group of domains."""

from __future__ import annotations

from rest_compat.perfex.routes import (
    billing,
    custom_tables,
    customers,
    people,
    sales,
    work,
    zapier,
)
from rest_compat.routing import Endpoint

ROUTES: list[Endpoint] = [
    *customers.ROUTES,
    *sales.ROUTES,
    *billing.ROUTES,
    *work.ROUTES,
    *people.ROUTES,
    *zapier.ROUTES,
    *custom_tables.ROUTES,
]
