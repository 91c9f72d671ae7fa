"""Leads, staff members and calendar events in Perfex's names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from resolvers import leads, staff
from resolvers.calendar import CalendarEventFields
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import optional, reference
from rest_compat.perfex.formats import PERFEX
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.records import batch_of, const, given, rows_of
from rest_compat.renames import FieldMap, flag

LEAD_IN = FieldMap(
    fields={
        "phonenumber": "phone",
        "assigned": reference("assigned_id"),
        "is_public": flag("is_public"),
        "contacted_today": flag("contacted_today"),
        "lastcontact": optional("last_contact_at"),
        "custom_contact_date": optional("last_contact_at"),
        "lead_value": optional("lead_value"),
    },
    # client_id and contact have no column here: accepted and not stored.
    ignore=frozenset(
        {
            "id",
            "hash",
            "dateadded",
            "addedfrom",
            "from_form_id",
            "leadorder",
            "date_converted",
            "dateassigned",
            "last_status_change",
            "client_id",
            "contact",
            "last_lead_status",
            "is_imported_from_email_integration",
            "email_integration_uid",
            "customfields",
        }
    ),  # fmt: skip
    model=leads.LeadFields,
    required=("source", "status", "name", "assigned"),
)


# A lead as Perfex reads it.
LEAD = PERFEX.record(
    "Lead",
    "id:str hash:null name", const("contact", ""),
    "title company description country=country_id:ref zip city state address"
    " assigned=assigned_id:ref dateadded=created_at:stamp", const("from_form_id", "0"),
    "status=status_id:str source=source_id:str lastcontact=last_contact_at:stamp?"
    " dateassigned:null last_status_change:null addedfrom=added_by_id:ref email website",
    const("leadorder", "1"),
    "phonenumber=phone date_converted=converted_at:stamp? lost:yes junk:yes",
    const("last_lead_status", "0"), const("is_imported_from_email_integration", "0"),
    "email_integration_uid:null is_public:yes default_language client_id=customer_id:ref"
    " lead_value:amount tags", given("customfields", list[CustomValue]),
)  # fmt: skip
leads_shown = neighbours.with_custom(LEAD, "leads")


STAFF_READ_ONLY = frozenset(
    {"staffid", "id", "datecreated", "profile_image", "last_ip", "last_login", "last_activity",
     "last_password_change", "new_pass_key", "new_pass_key_requested", "media_path_slug",
     "is_not_staff", "two_factor_auth_enabled", "customfields", "send_welcome_email"}
)  # fmt: skip
STAFF_IN = FieldMap(
    fields={
        "phonenumber": "phone",
        "admin": flag("is_admin", "admin"),
        "hourly_rate": optional("hourly_rate"),
    },
    ignore=STAFF_READ_ONLY,
    model=staff.StaffCreate,
    required=("firstname", "email", "password"),
)
# The update's form carries the password too, blank to leave it as it is.
STAFF_CHANGES = replace(STAFF_IN, model=staff.StaffUpdateWithPassword)


# A staff member as Perfex reads one, without the password hash its example leaks.
STAFF = PERFEX.record(
    "Staff",
    "staffid=id:str email firstname lastname facebook linkedin phonenumber=phone skype"
    " datecreated=created_at:stamp profile_image:null last_ip:null"
    " last_login=last_login_at:stamp? last_activity:null"
    " last_password_change=password_changed_at:stamp? new_pass_key:null"
    " new_pass_key_requested:null admin=is_admin:yes role=role_id:ref active:yes"
    " default_language direction media_path_slug:null", const("is_not_staff", "0"),
    "hourly_rate:amount", const("two_factor_auth_enabled", "0"), "email_signature",
    given("departments", list[str]), given("customfields", list[CustomValue]),
)  # fmt: skip


async def _staff_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    departments = await neighbours.children(ctx, staff.departments_by_staff_id, ids)
    custom = await neighbours.custom_values(ctx, "staff", ids)
    return [STAFF(r, departments=[str(d["id"]) for d in departments.get(r["id"], [])],
                  customfields=custom.get(r["id"], [])) for r in rows]  # fmt: skip


staff_shown = batch_of(STAFF, _staff_shown)


CALENDAR_IN = FieldMap(
    fields={
        "userid": reference("staff_id"),
        "isstartnotified": flag("is_start_notified", "isstartnotified"),
        "public": flag("public"),
        "reminder_before": optional("reminder_before"),
        "end": optional("end"),
    },
    ignore=frozenset({"eventid", "id"}),
    model=CalendarEventFields,
    required=(
        "title",
        "start",
        "reminder_before_type",
        "reminder_before",
        "userid",
        "isstartnotified",
        "public",
    ),  # fmt: skip
)


# A calendar event as Perfex reads it.
EVENT = PERFEX.record(
    "Event",
    "eventid=id:str title description userid=staff_id:str start:stamp end:stamp? public:yes"
    " color isstartnotified=is_start_notified:yes reminder_before:str reminder_before_type",
)
events_shown = rows_of(EVENT)
