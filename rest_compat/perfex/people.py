"""Leads, staff members and calendar events in Perfex's names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from resolvers import leads, staff
from resolvers.calendar import CalendarEventFields
from resolvers.core.context import Ctx, Row
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import optional, reference
from rest_compat.perfex.formats import amount, ref, stamp, yes
from rest_compat.perfex.neighbours import CustomValue
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


class Lead(TypedDict):
    """A lead as Perfex reads it."""

    id: str
    hash: None
    name: str
    contact: str
    title: str
    company: str
    description: str
    country: str
    zip: str
    city: str
    state: str
    address: str
    assigned: str
    dateadded: str
    from_form_id: str
    status: str
    source: str
    lastcontact: str | None
    dateassigned: None
    last_status_change: None
    addedfrom: str
    email: str
    website: str
    leadorder: str
    phonenumber: str
    date_converted: str | None
    lost: str
    junk: str
    last_lead_status: str
    is_imported_from_email_integration: str
    email_integration_uid: None
    is_public: str
    default_language: str
    client_id: str
    lead_value: str | None
    tags: str
    customfields: list[CustomValue]


async def leads_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Lead]:
    custom = await neighbours.custom_values(ctx, "leads", [r["id"] for r in rows])
    return [
        {
            "id": str(r["id"]),
            "hash": None,
            "name": r["name"],
            "contact": "",
            "title": r["title"],
            "company": r["company"],
            "description": r["description"],
            "country": ref(r["country_id"]),
            "zip": r["zip"],
            "city": r["city"],
            "state": r["state"],
            "address": r["address"],
            "assigned": ref(r["assigned_id"]),
            "dateadded": stamp(r["created_at"]),
            "from_form_id": "0",
            "status": str(r["status_id"]),
            "source": str(r["source_id"]),
            "lastcontact": stamp(r["last_contact_at"]),
            "dateassigned": None,
            "last_status_change": None,
            "addedfrom": ref(r["added_by_id"]),
            "email": r["email"],
            "website": r["website"],
            "leadorder": "1",
            "phonenumber": r["phone"],
            "date_converted": stamp(r["converted_at"]),
            "lost": yes(r["lost"]),
            "junk": yes(r["junk"]),
            "last_lead_status": "0",
            "is_imported_from_email_integration": "0",
            "email_integration_uid": None,
            "is_public": yes(r["is_public"]),
            "default_language": r["default_language"],
            "client_id": ref(r["customer_id"]),
            "lead_value": amount(r["lead_value"]),
            "tags": r["tags"],
            "customfields": custom.get(r["id"], []),
        }
        for r in rows
    ]


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


class Staff(TypedDict):
    """A staff member as Perfex reads one, without the password hash."""

    staffid: str
    email: str
    firstname: str
    lastname: str
    facebook: str
    linkedin: str
    phonenumber: str
    skype: str
    datecreated: str
    profile_image: None
    last_ip: None
    last_login: str | None
    last_activity: None
    last_password_change: str | None
    new_pass_key: None
    new_pass_key_requested: None
    admin: str
    role: str
    active: str
    default_language: str
    direction: str
    media_path_slug: None
    is_not_staff: str
    hourly_rate: str | None
    two_factor_auth_enabled: str
    email_signature: str
    departments: list[str]
    customfields: list[CustomValue]


async def staff_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Staff]:
    """Staff as Perfex reads them, without the password hash its example leaks."""
    ids = [r["id"] for r in rows]
    departments = await neighbours.children(ctx, staff.departments_by_staff_id, ids)
    custom = await neighbours.custom_values(ctx, "staff", ids)
    return [
        {
            "staffid": str(r["id"]),
            "email": r["email"],
            "firstname": r["firstname"],
            "lastname": r["lastname"],
            "facebook": r["facebook"],
            "linkedin": r["linkedin"],
            "phonenumber": r["phone"],
            "skype": r["skype"],
            "datecreated": stamp(r["created_at"]),
            "profile_image": None,
            "last_ip": None,
            "last_login": stamp(r["last_login_at"]),
            "last_activity": None,
            "last_password_change": stamp(r["password_changed_at"]),
            "new_pass_key": None,
            "new_pass_key_requested": None,
            "admin": yes(r["is_admin"]),
            "role": ref(r["role_id"]),
            "active": yes(r["active"]),
            "default_language": r["default_language"],
            "direction": r["direction"],
            "media_path_slug": None,
            "is_not_staff": "0",
            "hourly_rate": amount(r["hourly_rate"]),
            "two_factor_auth_enabled": "0",
            "email_signature": r["email_signature"],
            "departments": [str(d["id"]) for d in departments.get(r["id"], [])],
            "customfields": custom.get(r["id"], []),
        }
        for r in rows
    ]


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


class Event(TypedDict):
    """A calendar event as Perfex reads it."""

    eventid: str
    title: str
    description: str
    userid: str
    start: str
    end: str | None
    public: str
    color: str
    isstartnotified: str
    reminder_before: str
    reminder_before_type: str


async def events_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Event]:
    return [
        {
            "eventid": str(r["id"]),
            "title": r["title"],
            "description": r["description"],
            "userid": str(r["staff_id"]),
            "start": stamp(r["start"]),
            "end": stamp(r["end"]),
            "public": yes(r["public"]),
            "color": r["color"],
            "isstartnotified": yes(r["is_start_notified"]),
            "reminder_before": str(r["reminder_before"]),
            "reminder_before_type": r["reminder_before_type"],
        }
        for r in rows
    ]
