"""The tech9 route table, one module per group of domains. Paths perfex documents too
follow the join rule (rest_compat.join): a JSON write gets the tech9 reply."""

from rest_compat.routing import Endpoint
from rest_compat.tech9.routes import admin, customers, files, leads, sales, webhooks, work

ROUTES: list[Endpoint] = [
    *customers.ROUTES,
    *leads.ROUTES,
    *sales.ROUTES,
    *work.ROUTES,
    *admin.ROUTES,
    *files.ROUTES,
    *webhooks.ROUTES,
]

__all__ = ["ROUTES"]
