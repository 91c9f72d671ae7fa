"""perfex rows for leads, staff members and calendar events."""

from __future__ import annotations

from resolvers import calendar, leads, staff
from rest_compat.perfex import people
from rest_compat.perfex.bodies import change, create, data_of
from rest_compat.perfex.listing import every, everything
from rest_compat.perfex.replies import NO_DATA, many, one, wrote
from rest_compat.perfex.routes.crud import Read, Said, Write, perfex_rows, worded
from rest_compat.readers import path_id
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R


async def staff_changes(call: Call) -> Args:
    """Perfex's staff update form carries the password; it is set with the rest."""
    return (call.id("id"), await data_of(call)), {"model": staff.StaffUpdateWithPassword}


ROUTES = [
    *perfex_rows(
        "/api/leads", "Lead", people.LEAD_IN,
        add=Write(leads.create_lead, worded("Leads – Add New Lead", "Lead add")),
        delete=Write(leads.delete_lead, worded("Leads – Delete a Lead", "Lead Delete"),
                     "/api/delete/leads/{id}"),
        get=Read(leads.get_lead, "Leads – Request Lead information"),
        shown=people.leads_shown,
        search=Read(leads.list_leads, "Leads – Search Lead Information"),
        update=Write(leads.update_lead, worded("Leads – Update a lead", "Lead Update")),
    ),
    R("GET", "/api/leads", every(leads.list_leads), everything, many(people.leads_shown),
      "Leads – Request all Leads", fail=NO_DATA),
    *perfex_rows(
        "/api/staffs", "Staff", people.STAFF_IN,
        add=Write(staff.create_staff, worded("Staffs – Add New Staff", "Staff add")),
        delete=Write(staff.delete_staff,
                     Said("Staffs – Delete a Staff", "Staff Delete.", "Staff Not Delete."),
                     "/api/delete/staffs/{id}"),
        get=Read(staff.get_staff, "Staffs – Request Staff information"),
        shown=people.staff_shown,
        search=Read(staff.list_staff, "Staffs – Search Staff Information"),
        update=Write(staff.update_staff, worded("Staffs – Update a Staff", "Staff Update"),
                     read=staff_changes, fields=people.STAFF_CHANGES),
    ),
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
