"""tech9's leads: a paginated list with filters, create, update and delete."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import leads
from resolvers.core.context import Row
from rest_compat.envelopes import iso_time, reply
from rest_compat.readers import QUERY_INT_MAX, body, id_and_body, path_id, query_int
from rest_compat.reply_schemas import INTEGER, STRING, obj, replies
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.fields import work
from rest_compat.tech9.routes.common import PAGING, deleted, listed, page_of, record


async def lead_page(call: Call) -> Args:
    page = page_of(call).args
    filters = {
        "status": call.query.get("status") or None,
        "source": call.query.get("source") or None,
        "assigned_id": query_int(call, "owner_id", 0) or None,
        "search": call.query.get("q") or None,
    }
    return (page,), {k: v for k, v in filters.items() if v is not None}


lead_list = listed(work.lead)


@replies(obj(id=INTEGER, created_at=STRING))
async def lead_created(call: Call, result: Row) -> Response:
    return reply({"id": result["id"], "created_at": iso_time(result["created_at"])}, 201)


ROUTES = [
    R("GET", "/api/leads", leads.list_leads, lead_page, lead_list, "List Leads",
      query=(*PAGING, Param("status", "A status name: new, contacted, qualified..."),
             Param("source", "A source name: website, referral, ads..."),
             Param("owner_id", "The owning staff member", "integer", 1, QUERY_INT_MAX),
             Param("q", "Search words"))),
    R("POST", "/api/leads", leads.create_lead, body(), lead_created, "Create Lead",
      fields=work.LEAD_IN, status=201),
    R("PUT", "/api/leads/{id}", leads.update_lead, id_and_body(), record(work.lead),
      "Update Lead", fields=work.LEAD_IN, label="Lead"),
    R("DELETE", "/api/leads/{id}", leads.delete_lead, path_id(), deleted, "Delete Lead",
      status=204, label="Lead"),
]  # fmt: skip
