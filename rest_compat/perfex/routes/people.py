"""perfex rows for leads, staff members and calendar events."""

from __future__ import annotations

from resolvers import calendar, leads, staff
from rest_compat.perfex import people
from rest_compat.perfex.bodies import change, create, data_of
from rest_compat.perfex.listing import every, everything, keywords
from rest_compat.perfex.replies import NO_DATA, many, one, wrote
from rest_compat.readers import path_id
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R


async def staff_changes(call: Call) -> Args:
    """Perfex's staff update form carries the password; it is set with the rest."""
    return (call.id("id"), await data_of(call)), {"model": staff.StaffUpdateWithPassword}


ROUTES = [
    # Leads
    R("POST", "/api/leads", leads.create_lead, create(), wrote("Lead add successful."),
      "Leads – Add New Lead", fields=people.LEAD_IN, fail="Lead add fail."),
    R("DELETE", "/api/delete/leads/{id}", leads.delete_lead, path_id(),
      wrote("Lead Delete Successful."), "Leads – Delete a Lead", fail="Lead Delete Fail.",
      label="Lead"),
    R("GET", "/api/leads/{id}", leads.get_lead, path_id(), one(people.leads_shown),
      "Leads – Request Lead information", fail=NO_DATA, label="Lead"),
    R("GET", "/api/leads", every(leads.list_leads), everything, many(people.leads_shown),
      "Leads – Request all Leads", fail=NO_DATA),
    R("GET", "/api/leads/search/{keysearch}", every(leads.list_leads), keywords,
      many(people.leads_shown), "Leads – Search Lead Information", fail=NO_DATA),
    R("PUT", "/api/leads/{id}", leads.update_lead, change(), wrote("Lead Update Successful."),
      "Leads – Update a lead", fields=people.LEAD_IN, fail="Lead Update Fail.", label="Lead"),
    # Staff
    R("POST", "/api/staffs", staff.create_staff, create(), wrote("Staff add successful."),
      "Staffs – Add New Staff", fields=people.STAFF_IN, fail="Staff add fail."),
    R("DELETE", "/api/delete/staffs/{id}", staff.delete_staff, path_id(),
      wrote("Staff Delete."), "Staffs – Delete a Staff", fail="Staff Not Delete.",
      label="Staff"),
    R("GET", "/api/staffs/{id}", staff.get_staff, path_id(), one(people.staff_shown),
      "Staffs – Request Staff information", fail=NO_DATA, label="Staff"),
    R("GET", "/api/staffs/search/{keysearch}", every(staff.list_staff), keywords,
      many(people.staff_shown), "Staffs – Search Staff Information", fail=NO_DATA),
    R("PUT", "/api/staffs/{id}", staff.update_staff, staff_changes,
      wrote("Staff Update Successful."), "Staffs – Update a Staff", fields=people.STAFF_IN,
      fail="Staff Update Fail.", label="Staff"),
    # Calendar events
    R("POST", "/api/calendar", calendar.create_calendar_event, create(),
      wrote("Data Added Successfully"), "Calendar_Events – Create a new Calendar Event",
      fields=people.CALENDAR_IN, fail="Data Creation Failed"),
    R("DELETE", "/api/calendar/{id}", calendar.delete_calendar_event, path_id(),
      wrote("Data Deleted Successfully"), "Calendar_Events – Delete a Calendar Event",
      fail="Data Delete Fail", label="Calendar event"),
    R("GET", "/api/calendar", every(calendar.list_calendar_events), everything,
      many(people.events_shown), "Calendar_Events – Get All Calendar Events", fail=NO_DATA),
    R("GET", "/api/calendar/{id}", calendar.get_calendar_event, path_id(),
      one(people.events_shown, listed=True),
      "Calendar_Events – Request Specific Event Information", fail=NO_DATA,
      label="Calendar event"),
    R("PUT", "/api/calendar/{id}", calendar.update_calendar_event, change(),
      wrote("Data Update Successful."), "Calendar_Events – Update a Calendar Event",
      fields=people.CALENDAR_IN, fail="Data Update Fail", label="Calendar event"),
]  # fmt: skip
