"""The v2 route table, one module per group of domains."""

from rest_compat.routing import Endpoint
from rest_compat.v2.routes import customers, people, sales, webhooks

ROUTES: list[Endpoint] = [*customers.ROUTES, *sales.ROUTES, *people.ROUTES, *webhooks.ROUTES]

__all__ = ["ROUTES"]
