"""Schemathesis hooks for .ci/schemathesis.sh (SCHEMATHESIS_HOOKS=tests.fuzz.schemathesis_hooks):
strategies for the GraphQL schema's own scalars, which it cannot guess, and, for REST
bodies schemathesis calls valid, references to records the demo data holds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from schemathesis.graphql import nodes

# The gateway's Decimal takes a string ("12.50") or a number; both are worth sending. Only
# values it takes: a query schemathesis calls valid must be answered without errors (its
# positive_data_acceptance check), and NaN, Infinity, "1e309", "abc" and "" are refused
# by name in tests/fuzz (test_bad_input.py) instead.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(
            min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=2
        )
        .map(str)
        .map(nodes.String),
        st.integers(min_value=-(10**12), max_value=10**12).map(nodes.Int),
    ),
)
# A file part of a multipart request: a query alone can only send null for it.
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
# Any JSON value (a custom table row's values): text, whole numbers and flags (schemathesis
# sends null itself where the argument may be null).
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.text(max_size=20).map(nodes.String),
        st.integers(min_value=-(10**6), max_value=10**6).map(nodes.Int),
        st.booleans().map(nodes.Boolean),
    ),
)


@schemathesis.check
def graphql_no_unexpected_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> None:
    """The gateway labels every expected failure (`extensions.code`: INVALID, NOT_FOUND...)
    and masks anything else as "Unexpected error.": that, or a 5xx, is a server error.
    (Schemathesis' own GraphQL check trusts only Apollo's and graphql-java's labels.)"""
    if response.status_code >= 500:
        raise AssertionError(f"server error {response.status_code}: {response.text[:300]}")
    if "graphql" not in case.operation.label.lower() and not case.operation.label.startswith(
        ("Query.", "Mutation.", "Subscription.")
    ):
        return
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"not JSON: {response.text[:300]}") from None
    for error in body.get("errors") or [] if isinstance(body, dict) else []:
        code = (error.get("extensions") or {}).get("code")
        if error.get("message") == "Unexpected error." or code == "INTERNAL":
            raise AssertionError(f"an unexpected error: {error}")


# A body naming a record that does not exist is refused with each dialect's documented
# "check input fields" status, which no schema keyword can foresee (the ids are data).
# So a body schemathesis calls valid names records `serve --demo` holds: its first one of
# each kind (every demo table starts at 1). Only valid bodies are touched: an invalid one
# keeps the violation it was made for.
DEMO_ID = 1
# Fields that name a record without saying `id` in their name.
REFERENCES = frozenset(
    {"client", "service", "taxes",
     "assigned", "country", "billing_country", "shipping_country", "currency", "category",
     "payment_mode", "department", "departments", "priority_id", "status_id", "source",
     "leadorder", "members", "project_members", "followers", "assignees", "groups",
     "groups_in", "contract_type", "default_currency", "paymentmode", "sale_agent", "tax",
     "tax2", "role", "allowed_payment_modes", "milestone"}
)  # fmt: skip
# Fields that name a record by id or name only on some paths (a lead's or a ticket's
# status, a ticket's priority; elsewhere a status is a code): a valid one, the first.
NAMED_ON = {"/leads": frozenset({"status", "source"}),
            "/tickets": frozenset({"status", "priority"}),
            "/payments": frozenset({"method"})}  # fmt: skip
# Custom values are keyed by a custom field's id or slug (any key an object may have):
# keys name fields the data holds or not, so a valid body names none.
CUSTOM_VALUES = frozenset({"custom_fields", "customfields"})
# `customer_id`, `tax_ids`, and the legacy dialects' run-together `userid`, `invoiceid`.
LEGACY_ID = re.compile(
    r"(_ids?|^(user|client|invoice|staff|contact|lead|project|customer|task|ticket|item"
    r"|estimate|proposal|currency|department|payment|expense|rel)id)$"
)
# Not references to another record: the record's own id, or a line's in its document.
NOT_REFERENCES = frozenset({"id", "item_id_in_invoice"})
# A payment on an invoice (a create or an update; not a credit note's refund).
PAYMENT_PATH = re.compile(r"/payments(/\{\w+\})?$")
# A webhook URL the server takes without resolving a name (no DNS here): a public address.
WEBHOOK_URL = "https://93.184.215.14/hooks/crm"


def _is_reference(name: str) -> bool:
    lowered = name.lower()
    if lowered in NOT_REFERENCES:
        return False
    return lowered in REFERENCES or bool(LEGACY_ID.search(lowered))


def _existing(
    name: str,
    value: Any,
    webhook: bool = False,
    named: frozenset[str] = frozenset(),
    payment: bool = False,
) -> Any:
    if isinstance(value, bool):
        return value
    if name in CUSTOM_VALUES and isinstance(value, dict):
        return {}
    if name in named and value not in (None, ""):
        return DEMO_ID
    # Only ids of the server's form (0 and up): a negative one is a bound, not a reference.
    # A whole number written 18243.0 is one too (JSON Schema's integer takes it).
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if whole and value >= 0 and _is_reference(name):
        return DEMO_ID
    if isinstance(value, str) and _is_reference(name) and value.strip():
        # A reference by name (a country's code, a status's name) names a record only
        # if the data holds one so named: the id, as text.
        return str(DEMO_ID)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        # A document's lines: each names records as a body does. A line's own id names a
        # stored line of the document (a new one has none): left out, it is a new line.
        return [
            _one_tax_each(
                {k: _existing(k, v, webhook, named) for k, v in line.items() if k != "id"}
            )
            for line in value
        ]
    if isinstance(value, list) and _is_reference(name) and value:
        # A list's negative ids are within its bounds, yet name no record either, nor do
        # whole numbers written 17.0; a list naming records by name (a line's taxes)
        # names the first by its id.
        if all(isinstance(v, int | float | str) and not isinstance(v, bool) for v in value):
            return [DEMO_ID]
    if payment and name == "amount" and value is not None:
        # A payment is refused past what its invoice still owes (data, as a reference
        # is): the least amount there is, in the generated value's own form.
        return "0.01" if isinstance(value, str) else 0.01
    if webhook and name == "url" and isinstance(value, str):
        # Valid, so an http(s) URL: one whose host is a public address.
        return WEBHOOK_URL
    return value


# Rules between a body's fields that no schema keyword states (the document says them in
# words): a task's rel_type names the kind of record rel_id is (tech9's project_id or
# customer_id says both at once), and its milestone is one of its project's (demo
# milestone 1 is project 1's); a proposal is for the customer or the lead rel_type names.
TASK_PATH = re.compile(r"/tasks(/\{\w+\})?$")
SHORTHANDS = {"project_id": "project", "customer_id": "customer"}
MILESTONES = ("milestone_id", "milestone")


def _given(value: Any) -> bool:
    # Perfex reads a blank or 0 reference as none.
    return value not in (None, 0, "0") and not (isinstance(value, str) and not value.strip())


def _task_consistent(
    case: schemathesis.Case[Any], body: dict[str, Any], documented: Mapping[str, Any]
) -> dict[str, Any]:
    if any(_given(body.get(name)) for name in MILESTONES):
        if case.operation.path.endswith("/projects/{id}/tasks"):
            # The path names the task's project.
            case.path_parameters = {**(case.path_parameters or {}), "id": DEMO_ID}
            return body
        body.pop("customer_id", None)
        body.pop("project_id", None)
        body.update(rel_type="project", rel_id=DEMO_ID)
        return body
    kind = next((k for name, k in SHORTHANDS.items() if _given(body.get(name))), None)
    if kind is not None:
        if "rel_type" in body:
            body["rel_type"] = kind
    elif "rel_id" in body or _given(body.get("rel_type")):
        # A kind of record the demo data holds one of, by id.
        body.update(rel_type="customer", rel_id=DEMO_ID)
    if any(name in body for name in (*SHORTHANDS, "rel_type", "rel_id")) and not any(
        name in body for name in MILESTONES
    ):
        # A task moved names its milestone too, as the stored one is its old project's:
        # project 1's first, or none off a project.
        on_project = body.get("rel_type") == "project" or _given(body.get("project_id"))
        for name in (n for n in MILESTONES if n in documented):
            value = DEMO_ID if on_project else _none(documented[name])
            if value is not MISSING:
                body[name] = value
                break
    return body


# A record's second tax is another than its first (the service refuses a repeat).
# The stored ones count too: a second tax is the demo's second, and a first given alone
# names the second as well where the body may (the stored second may be the first).
TAX_SLOTS = (("tax_id", "tax2_id"), ("tax", "tax2"), ("tax_id", "tax_id_2"))
SECOND_TAX = DEMO_ID + 1


def _one_tax_each(body: dict[str, Any], documented: Mapping[str, Any] = {}) -> dict[str, Any]:
    for first, second in TAX_SLOTS:
        if _given(body.get(second)) and isinstance(body[second], int | str):
            body[second] = _as(body[second], SECOND_TAX)
        elif (
            _given(body.get(first))
            and isinstance(body[first], int | str)
            and second in documented
            and not any(s in body for f, s in TAX_SLOTS if f == first)
        ):
            body[second] = _as(body[first], SECOND_TAX)
    return body


def _as(form: Any, value: int) -> Any:
    """`value` in the form (text or number) of a generated value."""
    return str(value) if isinstance(form, str) else value


def _proposal_consistent(body: dict[str, Any], documented: Mapping[str, Any]) -> dict[str, Any]:
    """A proposal is for a customer or a lead, which rel_type (perfex's Related) names: a
    body that names its party names the kind too, or the stored kind may be the other."""
    kind = next((n for n in ("rel_type", "Related") if n in body or n in documented), None)
    party = body.get(kind) if kind else None
    if party not in ("customer", "lead"):
        if _given(body.get("lead_id")) and not _given(body.get("customer_id")):
            party = "lead"
        elif any(_given(body.get(n)) for n in ("customer_id", "rel_id")):
            party = "customer"
        if party is not None and kind is not None:
            body[kind] = party
    if party in ("customer", "lead"):
        body.pop("lead_id" if party == "customer" else "customer_id", None)
    return body


# A record's references are one customer's (a ticket's contact and project, a credit
# note's project): an update naming some of them names every one its body documents, or
# the stored others may be another customer's. The demo's first contact and project are
# its first customer's. Each group is one reference under the names a body may give it.
PARTIES = (("customer_id", "clientid", "client", "userid"), ("contact_id",), ("project_id",))
# The kinds of record (a path's collection) that hold a contact or a project: where the
# body cannot name one, the update goes to the kind's first record, which the demo data
# gives its first customer's (or none).
HOLDS = {"contact_id": frozenset({"tickets"}),
         "project_id": frozenset({"contracts", "credit-notes", "credit_notes", "subscriptions",
                                  "tickets", "invoices", "estimates", "expenses"})}  # fmt: skip
COLLECTION = re.compile(r"/([\w-]+)/\{\w+\}$")


def _one_customer(
    case: schemathesis.Case[Any], body: dict[str, Any], documented: Mapping[str, Any]
) -> dict[str, Any]:
    if not any(_given(body.get(name)) for group in PARTIES for name in group):
        return body
    kind = COLLECTION.search(case.operation.path)
    for group in PARTIES:
        if any(name in body for name in group):
            continue
        name = next((n for n in group if n in documented), None)
        if name is not None:
            body[name] = DEMO_ID
        elif kind and kind[1] in HOLDS.get(group[0], ()) and case.path_parameters:
            case.path_parameters = {**case.path_parameters, "id": DEMO_ID}
    return body


# Dates the services keep in order (an end on or after its start: a project's deadline,
# a task's due date, a contract's end, a priced document's due, expiry or open-till date
# after its own), each under the spellings the dialects give the pair. A body giving one
# of a pair names the other too, as the stored other may be after or before it.
DATE_RULES = (
    (("start_date", "deadline"),),
    (("start_date", "due_date"), ("startdate", "duedate")),
    (("start_date", "end_date"), ("datestart", "dateend")),
    (("date", "duedate"), ("date", "due_date"), ("issue_date", "due_date")),
    (("date", "expirydate"), ("date", "expiry_date"), ("issue_date", "expiry_date")),
    (("date", "open_till"),),
    (("date", "valid_until"),),
    (("start_time", "end_time"),),
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Ends strictly after their start (a timesheet's): a minute after it.
STRICT_ENDS = frozenset({"end_time"})


def _dates_in_order(body: dict[str, Any], documented: Mapping[str, Any]) -> dict[str, Any]:
    for spellings in DATE_RULES:
        # Both documented, and both dates (or both times): one can stand for the other.
        usable = [
            (s, e)
            for s, e in spellings
            if s in documented and _format(documented[s]) == _format(documented.get(e))
        ]
        pair = next(
            ((s, e) for s, e in usable if _is_date(body.get(s)) or _is_date(body.get(e))), None
        )
        if pair is None:
            continue
        start, end = pair
        if end in STRICT_ENDS:
            _after(body, start, end)
        elif _is_date(body.get(start)) and _is_date(body.get(end)):
            if body[end][:10] < body[start][:10]:
                body[start], body[end] = body[end], body[start]
        elif _is_date(body.get(start)):
            if not {e for _, e in spellings} & body.keys():
                body[end] = body[start]
        elif not {s for s, _ in spellings} & body.keys():
            body[start] = body[end]
    return body


def _after(body: dict[str, Any], start: str, end: str) -> None:
    begins, ends = _moment(body.get(start)), _moment(body.get(end))
    try:
        if begins is not None and (
            ends is None and end not in body or ends is not None and ends <= begins
        ):
            body[end] = (begins + dt.timedelta(minutes=1)).isoformat()
        elif ends is not None and begins is None and start not in body:
            body[start] = (ends - dt.timedelta(minutes=1)).isoformat()
    except (OverflowError, TypeError):  # at datetime's ends, or one naive, one aware
        return


def _moment(value: Any) -> dt.datetime | None:
    if not _is_date(value):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _off(value: Any) -> bool:
    return value in (False, 0, None) or str(value).strip().lower() in FLAG_OFF


FLAG_OFF = ("", "0", "f", "false", "n", "no", "off")


def _is_date(value: Any) -> bool:
    return isinstance(value, str) and bool(ISO_DATE.match(value))


def _format(schema: Mapping[str, Any] | None) -> str | None:
    if schema is None:
        return "absent"
    variants = schema.get("anyOf", [schema])
    return next((v["format"] for v in variants if "format" in v), None)


def _figures(body: dict[str, Any]) -> dict[str, Any]:
    """A document's adjustment may be negative, and its fixed discount large, only as far
    as its lines' total allows, which is data: a valid body's adjustment is taken at its
    size and its fixed discount is none, each in the generated value's own form."""
    value = body.get("adjustment")
    if isinstance(value, str) and value.strip().startswith("-"):
        body["adjustment"] = value.strip()[1:]
    elif isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        body["adjustment"] = -value
    fixed = body.get("discount_total")
    if isinstance(fixed, int | float | str) and not isinstance(fixed, bool):
        body["discount_total"] = "0" if isinstance(fixed, str) else 0
    return body


# A document's figures stay under 10**13 (resolvers/line_items/figures.py), a bound on the
# sum of its lines that no line's schema can state: a valid body's lines share a budget
# that leaves room for two taxes and the largest adjustment the document takes.
LINES_BUDGET = Decimal(4) * 10**12
# A figure a line leaves out is its catalogue item's (data: the demo's rates are below
# this) or the service's default: counted at this much.
LEFT_OUT = Decimal(10) ** 4


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _resolved(schema: Any, schemas: Mapping[str, Any]) -> Mapping[str, Any]:
    """`schema` with its reference to the document's components followed."""
    while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema if isinstance(schema, Mapping) else {}


def _variants(schema: Any, schemas: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    shown = _resolved(schema, schemas)
    return [_resolved(v, schemas) for v in shown.get("anyOf", [shown])]


def _factors(schema: Any, schemas: Mapping[str, Any]) -> frozenset[str]:
    """The figures of each object a documented list holds (a line's quantity and rate,
    whatever a dialect names them: v2's `amount`, tech9's `unit_price`): the properties
    taking a number the document bounds below the figures' bound, as a line's are."""
    lists = [v for v in _variants(schema, schemas) if v.get("type") == "array"]
    items = _resolved(lists[0].get("items"), schemas) if lists else {}
    return frozenset(
        name
        for name, shown in items.get("properties", {}).items()
        if any(v.get("type") == "number" and "exclusiveMaximum" in v
               for v in _variants(shown, schemas))
    )  # fmt: skip


def _lines_within(
    body: dict[str, Any], documented: Mapping[str, Any], schemas: Mapping[str, Any] = {}
) -> dict[str, Any]:
    """Each line (an object in a list the document gives figures) whose figures multiply
    past its share of the budget, those it leaves out counted at LEFT_OUT, has each figure
    it gives made 1, in the generated value's own form (text stays text)."""
    lines = [
        (line, factors)
        for name, value in body.items()
        if isinstance(value, list) and (factors := _factors(documented.get(name), schemas))
        for line in value
        if isinstance(line, dict)
    ]
    share = LINES_BUDGET / max(len(lines), 1)
    for line, factors in lines:
        figures = {k: n for k in factors & line.keys() if (n := _number(line[k])) is not None}
        product = LEFT_OUT ** len(factors - figures.keys())
        for number in figures.values():
            product *= number
        if abs(product) > share:
            line.update({k: "1" if isinstance(line[k], str) else 1 for k in figures})
    return body


# --generation-allow-x00 false keeps NUL out of generated text, but schemathesis 4's
# coverage phase builds its values without that alphabet (coverage/_schema.py `_build`
# passes none): a valid case's NUL becomes a letter, which every pattern that took the
# NUL takes too (no pattern here names a NUL, or a letter alone as its exception).
NUL_STANDIN = "x"


def _no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", NUL_STANDIN)
    if isinstance(value, dict):
        return {_no_nul(k): _no_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_nul(v) for v in value]
    return value


# A document's own lines by id (those to remove): which ids it holds is data.
OWN_LINES = frozenset({"removed_items"})


MISSING = object()


def _none(schema: Mapping[str, Any]) -> Any:
    """How a field's schema says "none": null, else 0 or blank where it takes one."""
    variants = schema.get("anyOf", [schema])
    if any(v.get("type") == "null" for v in variants):
        return None
    if any(v.get("type") == "integer" and v.get("minimum", 1) <= 0 for v in variants):
        return 0
    return MISSING


def _documented(case: schemathesis.Case[Any]) -> Mapping[str, Any]:
    """The properties the operation's body schema, for the case's media type, declares."""
    content = (case.operation.definition.raw.get("requestBody") or {}).get("content") or {}
    media: dict[str, Any] = content.get(case.media_type or "") or next(iter(content.values()), {})
    properties = (media.get("schema") or {}).get("properties")
    return properties if isinstance(properties, dict) else {}


@schemathesis.hook
def map_case(ctx: schemathesis.HookContext, case: schemathesis.Case[Any]) -> schemathesis.Case[Any]:
    if case.operation.method.upper() == "DELETE" and case.path_parameters:
        # The records valid bodies name stay for the whole run (in any mode: a delete
        # naming one is no less a delete): a delete of one goes to the next record.
        case.path_parameters = {
            name: DEMO_ID + 1 if str(value) == str(DEMO_ID) else value
            for name, value in case.path_parameters.items()
        }
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return case
    if isinstance(case.body, (str, dict, list)):
        # Only a body there is: schemathesis revalidates a container once it is assigned,
        # and judges an absent body invalid even where the document makes it optional
        # (4.32's `Case._validate_component`), so a case sent with none would turn negative.
        case.body = _no_nul(case.body)
    if isinstance(case.query, dict):
        case.query = _no_nul(case.query)
    if isinstance(case.body, dict):
        path = case.operation.path
        webhook = "webhook" in path
        named = next((f for part, f in NAMED_ON.items() if part in path), frozenset())
        payment = bool(PAYMENT_PATH.search(path))
        documented = _documented(case)
        case.body = _one_tax_each(
            {name: _existing(name, v, webhook, named, payment) for name, v in case.body.items()},
            documented,
        )
        if TASK_PATH.search(path):
            case.body = _task_consistent(case, case.body, documented)
        elif "/proposal" in path:
            case.body = _proposal_consistent(case.body, documented)
        elif case.operation.method.upper() in ("PUT", "PATCH"):
            case.body = _one_customer(case, case.body, documented)
            if _off(case.body.get("is_primary", True)):
                # A customer keeps a primary contact: the stored one may be this one.
                case.body.pop("is_primary")
        schemas = case.operation.schema.raw_schema.get("components", {}).get("schemas", {})
        case.body = _lines_within(
            _figures(_dates_in_order(case.body, documented)), documented, schemas
        )
        for name in OWN_LINES & case.body.keys():
            case.body.pop(name)
    if isinstance(case.query, dict):
        # A filter naming a record: an id, as text in a query string.
        case.query = {
            name: str(DEMO_ID)
            if isinstance(value, (int, str))
            and not isinstance(value, bool)
            and str(value).isascii()
            and str(value).isdigit()
            and _is_reference(name)
            else value
            for name, value in case.query.items()
        }
    return case
