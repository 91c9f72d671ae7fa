"""Ninja's client and contact fields over the customer and contact columns.

Ids are hashed strings; times are unix seconds; money is a number. Fields ninja has and
the CRM does not (custom values, industry, size, second shipping line) are accepted and
not stored, as are the read-only fields clients echo back.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypedDict

from pydantic import TypeAdapter, ValidationError

from resolvers import customers, files
from resolvers.contacts import EMAIL_FLAGS, ContactFields
from resolvers.core.context import Row
from resolvers.core.errors import Invalid
from resolvers.core.permissions import may_read
from resolvers.customers import CustomerFields
from resolvers.customers.contact_sets import NESTED_FIELDS
from rest_compat.envelopes import unix_time
from rest_compat.ids import HashedIds
from rest_compat.renames import FieldMap, Into
from rest_compat.routing import Call
from rest_compat.shared import contacts_of

CUSTOM_VALUES = frozenset(f"custom_value{i}" for i in range(1, 5))


def _send_email(value: Any) -> Mapping[str, Any]:
    # ninja's clients send JSON's true or false, as its document says.
    if not isinstance(value, bool):
        raise Invalid.field("send_email", "must be true or false")
    return dict.fromkeys(EMAIL_FLAGS, value)


_FLAG: TypeAdapter[bool] = TypeAdapter(bool)


def _echoed_flag(value: Any) -> Mapping[str, Any]:
    # ninja's clients echo is_primary back; it is not stored here (the customer keeps its
    # own primary), yet a value the document's flag refuses is refused by name.
    try:
        _FLAG.validate_python(value)
    except ValidationError:
        raise Invalid.field("is_primary", "must be true or false") from None
    return {}


def _password(value: Any) -> Mapping[str, Any]:
    # A read shows "**********" for a set password; sending it back changes nothing. Any
    # other value goes to the service as sent, which refuses one that is no text by name.
    if value is None or value == "" or (isinstance(value, str) and set(value) == {"*"}):
        return {}
    return {"password": value}


def _settings(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        return {"settings": value}  # refused by the service as an unknown field
    currency = value.get("currency_id")
    return {} if currency in (None, "") else {"default_currency": currency}


def _reference(service: str) -> Into:
    """A reference ninja sends as text ("" for none): the service's field, typed as the
    service model declares it (the OpenAPI document states it so)."""
    return Into(service, lambda value: None if value in ("", None) else value)


class _ContactIn(FieldMap):
    def to_service(self, data: Mapping[str, Any]) -> dict[str, Any]:
        # send_email sets every flag; a flag given beside it is the client's word for that
        # one, kept as sent so the service checks it (a blank is no flag), in any order.
        out = super().to_service(data)
        out.update({name: data[name] for name in EMAIL_FLAGS if name in data})
        return out


CONTACT_IN = _ContactIn(
    fields={"first_name": "firstname", "last_name": "lastname", "send_email": _send_email,
            "password": _password, "is_primary": _echoed_flag},
    ignore=frozenset({"created_at", "updated_at", "archived_at", "is_locked",
                      "contact_key", "last_login", "link"}) | CUSTOM_VALUES,
    model=ContactFields,
    only=NESTED_FIELDS,  # a client's contact is that client's: it names no customer
    required=("first_name", "email"),
    schema={"id": {"anyOf": [{"type": "string"}, {"type": "null"}],
                   "description": "A contact's hashed id: updates it (none or blank adds one)"},
            "send_email": {"type": "boolean"}},
)  # fmt: skip

CLIENT_IN = FieldMap(
    fields={"name": "company", "address1": "address", "address2": "billing_street",
            "postal_code": "zip", "country_id": _reference("country"),
            "shipping_address1": "shipping_street", "shipping_postal_code": "shipping_zip",
            "shipping_country_id": _reference("shipping_country"), "vat_number": "vat",
            "settings": _settings},
    ignore=frozenset({"id", "user_id", "assigned_user_id", "balance", "paid_to_date",
                      "credit_balance", "last_login", "client_hash", "is_deleted", "updated_at",
                      "archived_at", "created_at", "display_name", "documents", "gateway_tokens",
                      "group_settings_id", "industry_id", "size_id", "shipping_address2"})
    | CUSTOM_VALUES,
    nested={"contacts": CONTACT_IN},
    model=CustomerFields,
    required=("name",),
    schema={"contacts": {"type": "array", "items": {"type": "object"}},
            "settings": {"type": "object"}},
)  # fmt: skip


def _hashed(call: Call) -> HashedIds:
    ids = call.dialect.ids
    if not isinstance(ids, HashedIds):
        raise TypeError("ninja needs hashed ids")
    return ids


def _ref(value: int | None) -> str:
    return "" if value is None else str(value)


class Contact(TypedDict):
    id: str
    first_name: str
    last_name: str
    email: str
    created_at: int
    updated_at: int
    archived_at: int
    is_primary: bool
    is_locked: bool
    phone: str
    custom_value1: str
    custom_value2: str
    custom_value3: str
    custom_value4: str
    contact_key: str
    send_email: bool
    last_login: int
    password: str
    link: str


class Document(TypedDict):
    id: str
    user_id: str
    assigned_user_id: str
    project_id: str
    vendor_id: str
    name: str
    url: str
    preview: str
    type: str
    disk: str
    hash: str
    is_default: bool
    is_public: bool
    size: int
    width: None
    height: None
    created_at: int
    updated_at: int
    archived_at: int
    is_deleted: bool


class Settings(TypedDict):
    entity: str
    currency_id: str


class Money(TypedDict, total=False):
    """Shown to a caller who may read the client's invoices."""

    balance: Decimal
    paid_to_date: Decimal


class Client(Money):
    id: str
    user_id: str
    assigned_user_id: str
    name: str
    website: str
    private_notes: str
    group_settings_id: str
    credit_balance: int
    last_login: int
    size_id: str
    public_notes: str
    client_hash: str
    address1: str
    address2: str
    phone: str
    city: str
    state: str
    postal_code: str
    country_id: str
    industry_id: str
    custom_value1: str
    custom_value2: str
    custom_value3: str
    custom_value4: str
    shipping_address1: str
    shipping_address2: str
    shipping_city: str
    shipping_state: str
    shipping_postal_code: str
    shipping_country_id: str
    settings: Settings
    is_deleted: bool
    vat_number: str
    id_number: str
    updated_at: int
    archived_at: int
    created_at: int
    display_name: str
    number: str
    contacts: list[Contact]
    documents: list[Document]
    gateway_tokens: list[Any]


def _id(call: Call, value: int | None) -> str:
    """A hashed id; "" for none, as ninja shows an unset reference."""
    return "" if value is None else _hashed(call).encode(value)


def contact(call: Call, row: Row) -> Contact:
    key = _hashed(call).keyed(f"contact:{row['id']}")
    return {
        "id": _id(call, row["id"]),
        "first_name": row["firstname"],
        "last_name": row["lastname"],
        "email": row["email"],
        "created_at": unix_time(row["created_at"]),
        "updated_at": unix_time(row["updated_at"]),
        "archived_at": 0,
        "is_primary": bool(row["is_primary"]),
        "is_locked": False,
        "phone": row["phone"],
        # CUSTOM_VALUES: not kept by the CRM, shown empty.
        "custom_value1": "",
        "custom_value2": "",
        "custom_value3": "",
        "custom_value4": "",
        "contact_key": key,
        "send_email": bool(row["invoice_emails"]),
        "last_login": unix_time(row["last_login_at"]),
        "password": "**********" if row["password_hash"] else "",
        "link": call.link(f"/client/key_login/{key}"),
    }


def document(call: Call, row: Row) -> Document:
    """A stored file as ninja shows a document; `url` downloads it."""
    hashed = _id(call, row["id"])
    extension = row["file_name"].rsplit(".", 1)[-1].lower() if "." in row["file_name"] else ""
    return {
        "id": hashed,
        "user_id": _id(call, row["staff_id"]),
        "assigned_user_id": "",
        "project_id": "",
        "vendor_id": "",
        "name": row["file_name"],
        "url": call.link(f"/api/v1/documents/{hashed}/download"),
        "preview": "",
        "type": extension,
        "disk": "local",
        "hash": row["sha256"],
        "is_default": False,
        "is_public": bool(row["visible_to_customer"]),
        "size": row["size"],
        "width": None,
        "height": None,
        "created_at": unix_time(row["created_at"]),
        "updated_at": unix_time(row["updated_at"]),
        "archived_at": 0,
        "is_deleted": False,
    }


def wants_documents(call: Call) -> bool:
    """`include=documents`: a client's documents are read only when asked for."""
    asked = call.query.get("include", "")
    return "documents" in {part.strip().lower() for part in asked.split(",")}


async def documents_of(call: Call, client_id: int) -> list[Document]:
    if not may_read(call.ctx.principal, files.RESOURCE):
        return []  # documented as a list: empty for a caller who may not read files
    rows = await call.ctx.loader(files.files_by_rel, "customer").load(client_id)
    return [document(call, r) for r in rows]


async def client(call: Call, row: Row, *, with_documents: bool = False) -> Client:
    ctx = call.ctx
    # The service leaves out what the caller may not read (invoice sums, contacts).
    sums = await ctx.loader(customers.balances_by_customer_id).load(row["id"])
    people = await contacts_of(ctx, row["id"])
    money: Money = {} if sums is None else {"balance": sums[0], "paid_to_date": sums[1]}
    return {
        "id": _id(call, row["id"]),
        "user_id": _id(call, row["added_by_id"]),
        "assigned_user_id": "",
        "name": row["company"],
        "website": row["website"],
        "private_notes": row["private_notes"],
        **money,
        "group_settings_id": "",
        "credit_balance": 0,
        "last_login": 0,
        "size_id": "",
        "public_notes": row["public_notes"],
        "client_hash": _hashed(call).keyed(f"client:{row['id']}"),
        "address1": row["address"],
        "address2": row["billing_street"],
        "phone": row["phone"],
        "city": row["city"],
        "state": row["state"],
        "postal_code": row["zip"],
        "country_id": _ref(row["country_id"]),
        "industry_id": "",
        "custom_value1": "",
        "custom_value2": "",
        "custom_value3": "",
        "custom_value4": "",
        "shipping_address1": row["shipping_street"],
        "shipping_address2": "",
        "shipping_city": row["shipping_city"],
        "shipping_state": row["shipping_state"],
        "shipping_postal_code": row["shipping_zip"],
        "shipping_country_id": _ref(row["shipping_country_id"]),
        "settings": {"entity": "App\\Models\\Client",
                     "currency_id": _ref(row["default_currency_id"])},
        "is_deleted": row["deleted_at"] is not None,
        "vat_number": row["vat"],
        "id_number": row["id_number"],
        "updated_at": unix_time(row["updated_at"]),
        "archived_at": unix_time(row["archived_at"]),
        "created_at": unix_time(row["created_at"]),
        "display_name": row["company"],
        "number": row["number"],
        "contacts": [contact(call, c) for c in people],
        "documents": await documents_of(call, row["id"]) if with_documents else [],
        "gateway_tokens": [],
    }  # fmt: skip
