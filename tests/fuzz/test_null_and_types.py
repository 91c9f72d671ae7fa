"""Null for an optional field, on every write: every REST write the document lists (each
optional field of its body sent as null, all at once and one at a time; a form's empty
value where the body is only a form) and every GraphQL create/update input (all
optional fields null). The answer is never a 5xx nor a masked GraphQL error, and a
refused write leaves every table as it was.

The rule under test (resolvers.core.nulls): a null clears the field (text to "", a nullable
column to NULL); a field with no empty value is refused by name.
The requests are generated from /openapi.json and the GraphQL schema over the demo data,
so a new route or input is covered without a line here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)
from pydantic import BaseModel

from gateway.database import Database
from gateway.openapi import _DocSettings, openapi_document
from resolvers.core.errors import Invalid
from resolvers.core.nulls import LEFT_OUT
from resolvers.core.validation import parse
from resolvers.demo_data import seed_demo
from resolvers.models import metadata
from rest_compat import ninja, route_tables
from rest_compat.readers import body_fields
from schema import build_schema
from schema.node import encode_global_id
from tests.factories import make_token
from tests.fuzz.tables import changed, fingerprint
from tests.rest_compat.conftest import SETTINGS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# What a reply must never show: a traceback or a database's own words.
LEAKS = ("Traceback", 'File "', "sqlalchemy", "IntegrityError", "asyncpg", "sqlite3")
# The demo's records are numbered from 1: path ids name real records, so updates reach
# the row they change.
RECORD = 1
DOCUMENT_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


@pytest.fixture
async def token(db: Database, tmp_path: Path) -> str:
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    return (await make_token(db, "*")).token


def headers(token: str) -> dict[str, str]:
    # Every dialect's credential header at once: each dialect reads its own.
    return {
        "Authorization": f"Bearer {token}",
        "authtoken": token,
        "X-API-KEY": token,
        "X-API-TOKEN": token,
        "X-Requested-With": "XMLHttpRequest",
    }


# -- REST ------------------------------------------------------------------------------


def _resolve(schema: Mapping[str, Any], doc: Mapping[str, Any]) -> Mapping[str, Any]:
    for _ in range(10):
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            break
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def sample(schema: Mapping[str, Any], doc: Mapping[str, Any], hashed: str | None) -> Any:
    """A value `schema` takes, naming the demo's first record where it is an id."""
    schema = _resolve(schema, doc)
    if "example" in schema:
        return schema["example"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf"):
        variants = [v for v in schema.get(key, []) if _resolve(v, doc).get("type") != "null"]
        if variants:
            return sample(variants[0], doc, hashed)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "integer":
        return max(RECORD, int(schema.get("minimum", RECORD)))
    if kind == "number":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object":
        return {}
    text_format = schema.get("format")
    if text_format == "date":
        return "2024-01-10"
    if text_format == "date-time":
        return "2024-01-10T10:00:00Z"
    if text_format == "email":
        return "null.test@example.com"
    if hashed is not None and schema.get("pattern") == "^[A-Za-z0-9]+$":
        return hashed
    return "x" * max(1, int(schema.get("minLength", 1)))


def _hashed_one() -> str:
    return str(ninja.dialect(SETTINGS.secret_key).ids.encode(RECORD))


def _path(path: str, parameters: list[Mapping[str, Any]], doc: Mapping[str, Any]) -> str:
    for p in parameters:
        if p.get("in") == "path":
            value = sample(p.get("schema", {}), doc, _hashed_one())
            path = path.replace("{" + p["name"] + "}", str(value))
    return path


def _form(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def rest_cases() -> Iterator[tuple[str, str, str, dict[str, Any] | None, dict[str, str] | None]]:
    """(label, method, path, JSON body, form body) for each null variant of each write."""
    doc = openapi_document()
    for template, operations in sorted(doc["paths"].items()):
        for method, op in sorted(operations.items()):
            if method not in ("post", "put", "patch") or template.endswith("/pdf"):
                continue
            content = (op.get("requestBody") or {}).get("content") or {}
            path = _path(template, op.get("parameters", []), doc)
            label = f"{method.upper()} {template}"
            json_schema = (content.get("application/json") or {}).get("schema")
            form_type = next((t for t in DOCUMENT_FORMS if t in content), None)
            schema = _resolve(json_schema or (content.get(form_type or "") or {}).get("schema")
                              or {}, doc)  # fmt: skip
            properties: Mapping[str, Any] = schema.get("properties") or {}
            required = set(schema.get("required") or ())
            optional = [name for name in properties if name not in required]
            if not optional:
                continue
            hashed = _hashed_one() if "^[A-Za-z0-9]+$" in json.dumps(op.get("parameters")) else None
            base = {name: sample(properties[name], doc, hashed) for name in required}
            # A form cannot carry a null: its nearest value is the empty one.
            empty: Any = None if json_schema is not None else ""
            variants = [("every optional field", dict.fromkeys(optional, empty))]
            variants += [(name, {name: empty}) for name in optional]
            for what, nulls in variants:
                body = {**base, **nulls}
                if json_schema is not None:
                    yield f"{label} [{what}]", method.upper(), path, body, None
                else:
                    yield (
                        f"{label} [{what}]",
                        method.upper(),
                        path,
                        None,
                        {k: _form(v) for k, v in body.items()},
                    )


def rest_problem(response: httpx.Response) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code}: {response.text[:200]}"
    leaked = next((word for word in LEAKS if word in response.text), None)
    return f"the reply shows {leaked!r}: {response.text[:200]}" if leaked else None


async def test_null_for_any_optional_rest_field_is_no_server_error_and_no_half_write(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    problems: list[str] = []
    sent = 0
    before = await fingerprint(db)
    for label, method, path, body, form in rest_cases():
        response = await client.request(
            method, path, headers=headers(token), json=body, data=form, timeout=30
        )
        sent += 1
        problem = rest_problem(response)
        if problem:
            problems.append(f"{label}: {problem}")
        if response.status_code >= 400:
            after = await fingerprint(db)
            if moved := changed(before, after):
                problems.append(f"{label}: refused ({response.status_code}) but wrote {moved}")
            before = after
        else:
            before = await fingerprint(db)
    assert sent > 300, "the document lists fewer writes than expected"
    assert not problems, "\n".join(problems[:60])


# -- GraphQL ---------------------------------------------------------------------------


def _named(kind: Any) -> Any:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def _global_id(field: str) -> str:
    # `customerId` names a Customer; `saleAgentId` a Staff member (no such type: the
    # field is refused by name, which is an answer too).
    stem = re.sub(r"(Id|Ids)$", "", field)
    return encode_global_id(stem[:1].upper() + stem[1:], RECORD)


def gql_value(kind: GraphQLInputType, field: str) -> Any:
    """A value of `kind` for a required input field (optional ones are sent as null)."""
    if isinstance(kind, GraphQLNonNull):
        return gql_value(kind.of_type, field)
    if isinstance(kind, GraphQLList):
        return [gql_value(kind.of_type, field)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: gql_value(f.type, name)
            for name, f in kind.fields.items()
            if isinstance(f.type, GraphQLNonNull)
        }
    assert isinstance(kind, GraphQLScalarType)
    scalars: dict[str, Any] = {
        "ID": _global_id(field),
        "Int": RECORD,
        "Float": 1.0,
        "Boolean": False,
        "Decimal": "1",
        "Date": "2024-01-10",
        "DateTime": "2024-01-10T10:00:00Z",
        "JSON": {},
    }
    return scalars.get(kind.name, "x")


def gql_cases() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(label, document, variables) for each null variant of each create/update mutation
    with an `input`."""
    core = build_schema()._schema
    mutation = core.mutation_type
    assert mutation is not None
    for name, field in sorted(mutation.fields.items()):
        if not name.startswith(("create", "update")) or "input" not in field.args:
            continue
        payload = _named(field.type)
        input_type = _named(field.args["input"].type)
        assert isinstance(input_type, GraphQLInputObjectType)
        variables: dict[str, Any] = {}
        declared: list[str] = []
        for arg_name, arg in field.args.items():
            type_name = str(arg.type)
            declared.append(f"${arg_name}: {type_name}")
            if arg_name == "input":
                continue
            if arg_name == "id":
                fields = payload.fields if isinstance(payload, GraphQLObjectType) else {}
                record = _named(fields["record"].type).name if "record" in fields else name[6:]
                variables["id"] = encode_global_id(record, RECORD)
            elif isinstance(arg.type, GraphQLNonNull):
                variables[arg_name] = gql_value(arg.type, arg_name)
        given = gql_value(input_type, "input")
        optional = [n for n in input_type.fields if n not in given]
        selection = "__typename"
        if isinstance(payload, GraphQLObjectType) and "userErrors" in payload.fields:
            selection = "userErrors { field message }"
        args = ", ".join(f"{a}: ${a}" for a in field.args)
        document = f"mutation({', '.join(declared)}) {{ {name}({args}) {{ {selection} }} }}"
        # All at once, then one at a time: a null refused first must not hide the next.
        yield f"{name} [every optional field]", document, {
            **variables, "input": {**dict.fromkeys(optional), **given}}  # fmt: skip
        for one in optional:
            yield f"{name} [{one}]", document, {**variables, "input": {**given, one: None}}


def gql_problem(response: httpx.Response) -> tuple[str | None, bool]:
    """What is wrong with the answer, and whether it refused the write."""
    if response.status_code >= 500:
        return f"{response.status_code}: {response.text[:200]}", True
    body = response.json()
    errors = body.get("errors") or []
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        if error.get("message") == "Unexpected error." or code in {
            "INTERNAL",
            "INTERNAL_SERVER_ERROR",
        }:
            return f"masked error: {error}", True
    payload = next(iter((body.get("data") or {}).values()), None) or {}
    refused = bool(errors) or bool(payload.get("userErrors"))
    return None, refused


async def test_null_for_every_optional_graphql_input_field_is_answered_not_masked(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    problems: list[str] = []
    cases = list(gql_cases())
    assert len({c[0].split()[0] for c in cases}) > 40, "fewer mutations than expected"
    before = await fingerprint(db)
    for name, document, variables in cases:
        response = await client.post(
            "/graphql",
            headers=headers(token),
            json={"query": document, "variables": variables},
            timeout=30,
        )
        problem, refused = gql_problem(response)
        if problem:
            problems.append(f"{name}: {problem}")
        after = await fingerprint(db)
        if refused and (moved := changed(before, after)):
            problems.append(f"{name}: refused but wrote {moved}")
        before = after
    assert not problems, "\n".join(problems[:60])


# -- the rule, as a client sees it -------------------------------------------------------

CREATE_INVOICE = """
mutation($input: InvoiceInput!) {
  createInvoice(input: $input) { record { prefix billingCity tags } userErrors { field } }
}"""
UPDATE_CUSTOMER = """
mutation($id: ID!, $input: CustomerInput!) {
  updateCustomer(id: $id, input: $input) { record { city active } userErrors { field message } }
}"""


async def gql(client: httpx.AsyncClient, token: str, query: str, **variables: Any) -> Any:
    response = await client.post(
        "/graphql", headers=headers(token), json={"query": query, "variables": variables}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


async def test_a_null_clears_text_and_is_refused_by_name_where_nothing_is_empty(
    client: httpx.AsyncClient, db: Database, token: str
) -> None:
    customer = encode_global_id("Customer", RECORD)
    line = {"description": "Work", "qty": "1", "rate": "10"}
    created = await gql(client, token, CREATE_INVOICE, input={
        "customerId": customer, "prefix": None, "billingCity": None, "tags": None,
        "items": [line]})  # fmt: skip
    assert created == {"record": {"prefix": "", "billingCity": "", "tags": ""}, "userErrors": []}

    cleared = await gql(client, token, UPDATE_CUSTOMER, id=customer, input={"city": None})
    assert cleared["record"]["city"] == ""

    before = await fingerprint(db)
    refused = await gql(client, token, UPDATE_CUSTOMER, id=customer,
                        input={"city": "Dubai", "active": None})  # fmt: skip
    assert refused["record"] is None
    assert refused["userErrors"] == [{"field": "active", "message": "must not be null"}]
    assert changed(before, await fingerprint(db)) == []

    response = await client.put(
        f"/api/v1/customers/{RECORD}", headers=headers(token), json={"active": None}
    )
    assert response.status_code == 400, response.text
    assert response.json()["errors"] == {"active": "must not be null"}


# -- found by the coverage phase: a falsy id, a null reference, a number past a date -----


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        # 0 names no customer: it was taken for "keep the old one", checked, then written.
        ("PUT", "/api/invoices/{id}", {"clientid": 0}),
        ("PUT", "/api/estimates/{id}", {"clientid": 0}),
        # 0 names no staff member: taken for "nobody", then written against the key.
        ("POST", "/api/v1/leads", {"assigned": 0, "name": "0", "email": "0@0.com"}),
        ("PUT", "/api/v1/leads/{id}", {"assigned": 0}),
        ("PUT", "/api/leads/{id}", {"assigned": 0}),
        # A new credit note's status: a null is no code (an update refuses it too).
        (
            "POST",
            "/api/v1/credit-notes",
            {"status": None, "clientid": 1, "items": [{"description": "Work", "rate": "10"}]},
        ),
        # A null for the customer a contact belongs to.
        ("PUT", "/api/contacts/{id}", {"customer_id": None}),
        ("PUT", "/api/v1/contacts/{id}", {"userid": None}),
        # A window of days past what a date can hold.
        ("GET", "/api/v1/contracts/expiring?days=1243223457", None),
        ("GET", "/api/v1/contracts/expiring?days=-1", None),
    ],
)
async def test_found_inputs_are_refused_by_name_and_write_nothing(
    client: httpx.AsyncClient, db: Database, token: str, method: str, path: str, body: Any
) -> None:
    before = await fingerprint(db)
    response = await client.request(
        method, path.format(id=RECORD), headers=headers(token), json=body
    )
    assert 400 <= response.status_code < 500, response.text
    errors = response.json().get("errors") or {}
    wanted = "days" if body is None else next(iter(body))
    assert wanted in errors, response.text
    assert changed(before, await fingerprint(db)) == []


# -- a date or a time is text: a number (Unix seconds to lax parsing) is refused ---------


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/api/subscriptions", {"clientid": 1, "name": "0", "date": 0}, "date"),
        ("PUT", "/api/subscriptions/{id}", {"date": "0"}, "date"),
        ("PUT", "/api/milestones/{id}", {"due_date": 0}, "due_date"),
        ("PUT", "/api/v1/projects/{id}", {"start_date": 0}, "start_date"),
        ("PUT", "/api/v1/payments/{id}", {"date": "86400"}, "date"),
        ("PUT", "/api/v1/timesheets/{id}", {"start_time": "1700000000"}, "start_time"),
        # An action's body (not a record's Fields) as well.
        (
            "POST",
            "/api/v1/contracts/{id}/renew",
            {"datestart": 0, "dateend": "2099-12-31"},
            "datestart",
        ),
        ("POST", "/api/v1/contracts/{id}/renew", {"dateend": "4102358400"}, "dateend"),
    ],
)
async def test_a_number_for_a_date_or_time_is_refused_by_name(
    client: httpx.AsyncClient, db: Database, token: str, method: str, path: str,
    body: dict[str, Any], field: str,
) -> None:  # fmt: skip
    before = await fingerprint(db)
    response = await client.request(
        method, path.format(id=RECORD), headers=headers(token), json=body
    )
    assert 400 <= response.status_code < 500, response.text
    errors = response.json().get("errors") or response.json().get("error") or {}
    assert field in errors, response.text
    assert changed(before, await fingerprint(db)) == []


# -- a null the writer reads as the field left out (resolvers.core.nulls.LEFT_OUT) -------

TODAY = "today"
LINE = {"description": "Work", "qty": 1, "rate": "10"}
FIGURES = dict.fromkeys(("discount_percent", "discount_total", "adjustment", "subtotal",
                         "total_tax", "total"))  # fmt: skip


def _stored(reply: httpx.Response) -> dict[str, Any]:
    assert reply.status_code in (200, 201), reply.text
    body: dict[str, Any] = reply.json()
    return body.get("data", body) if isinstance(body.get("data"), dict) else body


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


@pytest.mark.parametrize(
    ("path", "body", "stored"),
    [
        # A document's number and date: the next number and today; its figures: its lines'.
        ("/api/v1/invoices", {"clientid": 1, "items": [LINE], "number": None, "date": None,
                              **FIGURES},
         {"date": TODAY, "total": 10.0, "discount_percent": 0.0, "adjustment": 0.0}),
        ("/api/v1/estimates", {"clientid": 1, "items": [LINE], "number": None, "date": None,
                               **FIGURES}, {"date": TODAY, "total": 10.0, "discount_total": 0.0}),
        ("/api/v1/credit-notes", {"clientid": 1, "items": [LINE], "number": None,
                                  "date": None, **FIGURES},
         {"date": TODAY, "total": 10.0, "total_tax": 0.0}),
        ("/api/v1/proposals", {"subject": "Nulls", "rel_type": "customer", "rel_id": 1,
                               "date": None, **FIGURES}, {"date": TODAY, "subtotal": 0.0}),
        # A transaction's date: today.
        ("/api/v2/transactions", {"type": "Income", "account_id": 1, "amount": "10",
                                  "date": None}, {"date": TODAY}),
    ],
)  # fmt: skip
async def test_a_null_the_writer_reads_as_left_out_stores_the_default(
    client: httpx.AsyncClient, token: str, path: str, body: dict[str, Any],
    stored: dict[str, Any],
) -> None:  # fmt: skip
    shown = _stored(await client.post(path, headers=headers(token), json=body))
    for name, value in stored.items():
        assert shown[name] == (_today() if value is TODAY else value), (name, shown)
    if "number" in body:
        assert isinstance(shown["number"], int) and shown["number"] >= 1, shown


async def test_a_payment_s_null_date_is_today(client: httpx.AsyncClient, token: str) -> None:
    invoice = _stored(await client.post(
        "/api/v1/invoices", headers=headers(token), json={"clientid": 1, "items": [LINE]}
    ))  # fmt: skip
    paid = _stored(await client.post(
        "/api/v1/payments", headers=headers(token),
        json={"invoiceid": invoice["id"], "amount": "1", "date": None},
    ))  # fmt: skip
    assert paid["date"] == _today(), paid
    moved = _stored(await client.put(
        f"/api/v1/payments/{paid['id']}", headers=headers(token), json={"date": None}
    ))  # fmt: skip
    assert moved["date"] == _today(), moved


async def test_an_update_s_null_number_date_figures_or_color_keeps_or_resets(
    client: httpx.AsyncClient, token: str
) -> None:
    estimate = _stored(await client.post(
        "/api/v1/estimates", headers=headers(token),
        json={"clientid": 1, "items": [LINE], "date": "2024-01-10", "adjustment": "2"},
    ))  # fmt: skip
    after = _stored(await client.put(
        f"/api/v1/estimates/{estimate['id']}", headers=headers(token),
        json={"number": None, "date": None, **FIGURES},
    ))  # fmt: skip
    for name in ("number", "date", "adjustment", "total"):
        assert after[name] == estimate[name], name

    event = _stored(await client.post(
        "/api/calendar", headers=headers(token),
        json={"title": "Nulls", "start": "2024-01-10 09:00:00", "color": "#ff0000",
              "userid": 1, "public": 0, "isstartnotified": 0, "reminder_before": 30,
              "reminder_before_type": "minutes"},
    ))  # fmt: skip
    event_id = event.get("id") or event.get("eventid")
    _stored(await client.put(f"/api/calendar/{event_id}", headers=headers(token),
                             json={"color": None}))  # fmt: skip
    found = await client.get(f"/api/calendar/{event_id}", headers=headers(token))
    assert found.status_code == 200, found.text
    shown = found.json()
    # perfex reads a record as a list of one.
    assert (shown[0] if isinstance(shown, list) else shown)["color"] == "#03a9f4", shown


def test_each_null_read_as_left_out_names_a_not_null_column() -> None:
    # A misspelt pair would document nothing: each names a column `storable` refuses.
    for table, column in sorted(LEFT_OUT):
        assert table in metadata.tables, table
        assert not metadata.tables[table].columns[column].nullable, (table, column)


def _kinds(annotation: Any) -> set[Any]:
    """The types an annotation names, through unions and Annotated."""
    if get_origin(annotation) is Annotated:
        return _kinds(get_args(annotation)[0])
    args = get_args(annotation)
    return set().union(*map(_kinds, args)) if args else {annotation}


def _temporal_fields(model: type[BaseModel]) -> Iterator[str]:
    """Its dates and times, but those the model itself documents as Unix seconds too (a
    subscription's billing times)."""
    documented = model.model_json_schema()["properties"]
    for name, field in model.model_fields.items():
        client = field.alias or name
        if _kinds(field.annotation) & {dt.date, dt.datetime, dt.time} and '"integer"' not in (
            json.dumps(documented.get(client, {}))
        ):
            yield client


def test_every_date_or_time_of_every_body_model_refuses_a_number() -> None:
    """Every route's body model (a record's fields, an action's arguments) and the models of
    its nested lists: a number for any of its dates or times is refused by name."""
    models = set()
    for _dialect, rows in route_tables(_DocSettings()):
        for row in rows:
            fields = body_fields(row)
            for each in (fields, *fields.nested.values()) if fields is not None else ():
                if each.model is not None:
                    models.add(each.model)
    checked = 0
    for model in models:
        for name in _temporal_fields(model):
            for number in (0, "86400"):
                with pytest.raises(Invalid) as caught:
                    parse(model, {name: number})
                assert "ISO 8601" in caught.value.errors.get(name, ""), (model, name, number)
                checked += 1
    assert checked > 40  # the dates of every dialect's records and actions were found
