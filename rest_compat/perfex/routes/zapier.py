"""perfex rows for the automation platforms (Zapier, Make.com, n8n)."""

from __future__ import annotations

from resolvers.core import polling
from rest_compat.perfex import zapier
from rest_compat.perfex.listing import everything
from rest_compat.routing import Endpoint as R

ROUTES = [
    R("GET", "/api/zapier/resources", polling.list_pollable, everything,
      zapier.resources_shown, "Zapier – List Available Resources"),
    R("GET", "/api/zapier/poll/{resource}", polling.poll_changes, zapier.poll_query,
      zapier.polled, "Zapier – Poll for New Data", fail=zapier.RESOURCE_REQUIRED,
      query=(zapier.RESOURCE, *zapier.POLL_QUERY)),
    R("GET", "/api/zapier/test/{resource}", polling.sample_record, zapier.test_query,
      zapier.sampled, "Zapier – Test Trigger", fail=zapier.RESOURCE_REQUIRED,
      query=(zapier.RESOURCE,)),
    R("GET", "/api/zapier/{method}/{resource}", zapier.route, zapier.route_query,
      zapier.routed, "Zapier – Zapier Route Handler", query=zapier.POLL_QUERY),
]  # fmt: skip
