"""What a generated client needs of /openapi.json, checked over the whole document: a
success body for every REST operation, unique operationIds, ids typed as the dialect
writes them, no two property names a generator folds into one, `required` names that
exist, bodies that refuse unknown fields as the server does, and a server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest

from gateway.openapi import _DocSettings, openapi_document
from rest_compat import route_tables
from rest_compat.readers import body_fields, body_record_field
from rest_compat.reply_schemas import ANY_RECORD, replies, schema_of, shape_schema

DOCUMENT = openapi_document()
METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in DOCUMENT["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from _schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas(value)


def test_every_rest_operation_documents_its_success_body() -> None:
    missing = []
    for path, method, operation in _operations():
        successes = {s: r for s, r in operation["responses"].items() if s.startswith("2")}
        for status, answer in successes.items():
            if status != "204" and not answer.get("content"):
                missing.append(f"{method.upper()} {path} {status}")
        assert successes, f"{method.upper()} {path} has no success response"
    assert not missing, missing


def test_operation_ids_are_unique_and_readable() -> None:
    ids = [operation["operationId"] for _, _, operation in _operations()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)


def test_path_ids_are_integers_except_ninjas_hashed_strings() -> None:
    kinds: dict[str, set[str]] = {}
    for _, _, operation in _operations():
        dialect = operation.get("tags", ["graphql"])[0]
        for param in operation.get("parameters", []):
            if param["in"] == "path" and (param["name"] == "id" or param["name"].endswith("_id")):
                kinds.setdefault(dialect, set()).add(param["schema"]["type"])
    assert kinds["ninja"] == {"string"}
    for dialect in ("perfex", "tech9", "v1", "v2"):
        assert kinds[dialect] == {"integer"}, dialect


def test_no_two_properties_fold_into_one_name_and_required_names_exist() -> None:
    for schema in _schemas(DOCUMENT):
        names = list(schema["properties"])
        folded = [re.sub(r"\W+", "_", n).strip("_").lower() for n in names]
        assert len(folded) == len(set(folded)), names
        assert not [n for n in names if "[" in n], names
        assert set(schema.get("required", [])) <= set(names), (schema.get("required"), names)


def _whole_bodies() -> set[tuple[str, str]]:
    """(method, path) of the rows whose body is an action's arguments (renames.FieldMap's
    `whole`): what they require, they require on every method."""
    found: set[tuple[str, str]] = set()
    for _dialect, rows in route_tables(_DocSettings()):
        for row in rows:
            fields = body_fields(row)
            if fields is not None and fields.whole:
                found.add((row.method.lower(), re.sub(r"\{(\w+):\w+\}", r"{\1}", row.path)))
    return found


def _records_in_body() -> dict[tuple[str, str], str]:
    """(method, path) of the rows naming the record they change in the body: that field."""
    found: dict[tuple[str, str], str] = {}
    for _dialect, rows in route_tables(_DocSettings()):
        for row in rows:
            if record := body_record_field(row):
                found[(row.method.lower(), re.sub(r"\{(\w+):\w+\}", r"{\1}", row.path))] = record
    return found


def test_request_bodies_refuse_unknown_fields_and_updates_need_none() -> None:
    whole = _whole_bodies()
    records = _records_in_body()
    assert records == {("put", "/api/expenses"): "id", ("put", "/api/credit_notes"): "id"}
    for path, method, operation in _operations():
        body = operation.get("requestBody")
        if body is None or path == "/graphql":
            continue
        for content in body["content"].values():
            assert content["schema"].get("additionalProperties") is False, (method, path)
        if (method, path) in records:
            # The record's id is the one field an update by body id needs.
            assert body["required"] is True, (method, path)
            needed = [records[(method, path)]]
            assert all(c["schema"]["required"] == needed for c in body["content"].values())
        elif method in ("put", "patch") and (method, path) not in whole:
            assert body["required"] is False, (method, path)
            assert all("required" not in c["schema"] for c in body["content"].values())


def test_an_action_states_its_one_field_as_required_with_the_models_codes() -> None:
    status = DOCUMENT["paths"]["/api/v1/tasks/{id}/status"]["put"]["requestBody"]
    schema = status["content"]["application/json"]["schema"]
    assign = DOCUMENT["paths"]["/api/v1/tasks/{id}/assign"]["post"]["requestBody"]

    assert status["required"] is True and schema["required"] == ["status"]
    assert schema["properties"]["status"]["anyOf"][0] == {
        "enum": [1, 2, 3, 4, 5],
        "type": "integer",
    }
    assert assign["content"]["application/json"]["schema"]["required"] == ["staff_id"]
    assert ("put", "/api/v1/tasks/{id}/status") in _whole_bodies()


def test_the_document_names_its_server() -> None:
    assert DOCUMENT["servers"] == [{"url": "/", "description": "This gateway"}]


def test_a_typed_dict_record_is_a_closed_component_with_its_optional_keys() -> None:
    tech9 = DOCUMENT["components"]["schemas"]["Tech9Customer"]
    assert tech9["additionalProperties"] is False
    assert "contacts" in tech9["properties"] and "contacts" not in tech9["required"]
    assert tech9["properties"]["id"] == {"type": "integer"}
    ninja = DOCUMENT["components"]["schemas"]["NinjaClient"]
    assert ninja["properties"]["id"] == {"type": "string"}
    assert "balance" not in ninja["required"]  # shown only to who may read invoices


def test_a_shaper_declares_its_reply_and_an_undeclared_record_is_any_object() -> None:
    @replies({"type": "object", "properties": {}})
    async def declared(call: Any, result: Any) -> Any:
        return result

    def plain(row: Any) -> dict[str, Any]:
        return dict(row)

    assert shape_schema(declared) == {"type": "object", "properties": {}}
    assert shape_schema(plain) == ANY_RECORD
    with pytest.raises(TypeError, match="declare the reply"):
        schema_of(complex)


def test_a_body_with_a_file_states_not_both_in_words_and_others_as_schema() -> None:
    # schemathesis' coverage phase cannot judge a conditional over a file it generates.
    for path, method, operation in _operations():
        for media in operation.get("requestBody", {}).get("content", {}).values():
            if '"binary"' in repr(media["schema"]).replace("'", '"'):
                assert "allOf" not in media["schema"], (method, path)
    reply = DOCUMENT["paths"]["/api/tickets/reply/{id}"]["post"]["requestBody"]["content"]
    for media in ("multipart/form-data", "application/json"):
        assert "Not both: staff_id and contact_id" in reply[media]["schema"]["description"]
    task = DOCUMENT["paths"]["/api/tasks"]["post"]["requestBody"]["content"]["application/json"]
    assert task["schema"]["allOf"]


@pytest.mark.parametrize(
    ("method", "path", "body", "valid"),
    [
        ("post", "/api/v1/contracts", {"subject": "S", "datestart": "2026-01-01", "clientid": 1},
         True),
        ("post", "/api/v1/contracts",
         {"subject": "S", "datestart": "2026-01-01", "client": 1, "userid": 1}, False),
        ("post", "/api/v1/contracts", {"subject": "S", "datestart": "2026-01-01"}, False),
        ("put", "/api/v1/contracts/{id}", {"subject": "S"}, True),
        ("put", "/api/v1/contracts/{id}", {"client": 1, "customer_id": 1}, False),
    ],
)  # fmt: skip
def test_a_field_named_several_ways_is_given_under_one_name(
    method: str, path: str, body: dict[str, Any], valid: bool
) -> None:
    """v1 names a record's customer four ways: a body gives one (the server refuses two),
    a create one of any (rest_compat.renames.FieldMap.to_service)."""
    operation = DOCUMENT["paths"][path][method]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    root = {**schema, "components": DOCUMENT["components"]}

    assert jsonschema_rs.validator_for(root).is_valid(body) is valid
