"""The OpenAPI 3.1 document, generated from the routes the gateway serves (GraphQL and
every REST dialect's route table), and the `/docs` viewer of it (Swagger UI, vendored
in rest_compat/static/docs: no CDN)."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.body_rules import (
    emails_refused,
    fixed_fields,
    least_id,
    model_schema,
    named_field,
    reference_floors,
    table_of_model,
    takes_null,
)
from resolvers.core.patterns import BLANK
from rest_compat import Tables, route_tables
from rest_compat.errors import BODIES, DIALECTS, STATUS, Failure
from rest_compat.ids import HashedIds
from rest_compat.readers import any_case_of, body_fields, body_record_field, path_fields
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import components, reply_of
from rest_compat.routing import Dialect, Endpoint, Param

DOCS_ASSETS = Path(__file__).resolve().parent.parent / "rest_compat" / "static" / "docs"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
BODY_METHODS = ("POST", "PUT", "PATCH")

# GraphQL over HTTP's answer to a request it refuses (a blank or unparsable document): the
# errors alone, no data.
GRAPHQL_ERRORS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"message": {"type": "string"}},
                "required": ["message"],
            },
        },
        "data": {"type": "null"},
    },
    "required": ["errors"],
}

GRAPHQL_PATH: dict[str, Any] = {
    "post": {
        "summary": "GraphQL over HTTP",
        "operationId": "graphql",
        "tags": ["graphql"],
        "security": [{"bearer": []}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {
                            # An empty document is no request (the 400 below); one
                            # that does not parse is answered with its errors.
                            "query": {"type": "string", "minLength": 1},
                            "variables": {"type": ["object", "null"]},
                            "operationName": {"type": ["string", "null"]},
                        },
                    }
                }
            },
        },
        "responses": {
            "200": {
                "description": "A GraphQL response",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "data": {"type": ["object", "null"]},
                                "errors": {"type": "array", "items": {"type": "object"}},
                                "extensions": {"type": "object"},
                            },
                        }
                    }
                },
            },
            # GraphQL over HTTP: a request that is not a GraphQL request, or one that does
            # not parse or validate (under application/graphql-response+json).
            "400": {
                "description": "Not a valid GraphQL request",
                "content": {
                    media: {"schema": GRAPHQL_ERRORS}
                    for media in ("application/json", "application/graphql-response+json")
                },
            },
            "401": {"description": "Invalid credentials"},
            "413": {"description": "The body is too large"},
            "415": {"description": "Unsupported Content-Type"},
            "429": {"description": "Over the request or cost quota (see Retry-After)"},
            "503": {"description": "Busy or timed out; retry later"},
        },
    }
}

SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer", "description": "API token or staff JWT"},
    "authtoken": {"type": "apiKey", "in": "header", "name": "authtoken",
                  "description": "perfex and tech9 (`Authtoken`, any case)"},
    "x_api_key": {"type": "apiKey", "in": "header", "name": "X-API-KEY",
                  "description": "v1 and v2 API key"},
    "x_api_token": {"type": "apiKey", "in": "header", "name": "X-API-TOKEN",
                    "description": "ninja's token"},
}  # fmt: skip

# Every failure a REST operation can answer, in the order its description reads; the
# status each gets differs per dialect (rest_compat.errors.STATUS).
ERRORS = {
    "BAD_REQUEST": "Malformed body or query",
    "UNAUTHENTICATED": "Missing or invalid credentials",
    "FORBIDDEN": "The credential lacks the permission",
    "NOT_FOUND": "No such record",
    "INVALID": "A field is invalid (named in the body)",
    "MISSING": "A field names a record that does not exist (named in the body)",
    "CONFLICT": "A duplicate, or the record's state does not allow it",
    "STALE": "If-Match names a version the record no longer has",
    "IN_FLIGHT": "A request with this Idempotency-Key is still running",
    "KEY_REUSED": "This Idempotency-Key was used for another request",
    "RATE_LIMITED": "Over the request quota (see Retry-After)",
}
# Said by the layers around the routes, before a row runs: a body over the size limit,
# a request past the time limit.
OUTER_ERRORS = {"413": "The body is too large", "503": "Busy or timed out; retry later"}
ERROR_SCHEMA: dict[str, Any] = {"type": "object"}

JOIN_RULE = (
    "perfex and tech9 both document this path. A write sent as a form gets the perfex "
    "reply, sent as JSON the tech9 reply; a create's reply carries the new id in both. "
    "A list asked for with `page`, `per_page` or a filter only tech9 documents gets "
    "tech9's paginated envelope, else perfex's bare array. A record read carries the "
    "union of both documents' fields."
)


class _DocSettings:
    # Ids are not shown in the document, so any secret builds the same tables.
    secret_key = "openapi"


# A field the map accepts and drops (read-only fields a client echoes back from a read).
IGNORED: dict[str, Any] = {"description": "Read-only: accepted and not stored"}


def body_schema(
    fields: FieldMap, components: dict[str, Any] | None = None, *, needed: bool = False
) -> dict[str, Any]:
    """The body's fields under the client's names, typed from the service's input model.
    The model's nested definitions go to `components` (the document's schemas): pydantic
    refers to them as `#/$defs/...`, which in an OpenAPI document names nothing.

    Only these fields are accepted (the service refuses an unknown one by name), hence
    `additionalProperties: false`. A name several client names reach (v1's `customer_id`,
    `clientid`, `userid`) is declared under each of them. Where the body's `required`
    holds (`needed`: a create, a whole body), a required field takes no null the service
    reads as left out."""
    model = model_schema(fields.model) if fields.model else {}
    if components is not None:
        model = _lift_defs(model, components)
    service_schemas: dict[str, Any] = model.get("properties", {})
    table = table_of_model(fields.model) if fields.model else None
    aliases: dict[str, list[str]] = {}
    for name, target in fields.fields.items():
        if isinstance(target, str):
            aliases.setdefault(target, []).append(name)
    properties: dict[str, Any] = {}
    for service, schema in service_schemas.items():
        if fields.only and service not in fields.only:
            continue
        for name in aliases.get(service, [service]):
            properties[name] = _plain(schema, takes_null(table, service, fields.model))
    for name, target in fields.fields.items():
        if isinstance(target, str):
            continue
        # A converting target that writes one service field (renames.Into) takes what
        # that field takes; any other conversion reads text.
        into = getattr(target, "service", None)
        if isinstance(into, str) and into in service_schemas and name not in properties:
            properties[name] = _plain(service_schemas[into], takes_null(table, into, fields.model))
        # The values of other service fields a conversion reads too (Perfex's expense
        # `recurring`, a flag or a count of months: perfex.bodies.Repeats).
        for other in getattr(target, "reads", ()):
            if other in service_schemas and name in properties:
                properties[name] = _or(properties[name], _plain(service_schemas[other], False))
        # Fields a conversion reads beside its own (Perfex's custom repeat), each taking
        # what the service field it stands for takes, or blank or null for none.
        for other, stands_for in getattr(target, "beside", {}).items():
            if stands_for in service_schemas:
                blank = {"type": "string", "pattern": BLANK}
                shown = _or(_plain(service_schemas[stands_for], False), blank)
                properties.setdefault(other, _or(shown, {"type": "null"}))
        # The words a conversion reads (a checkbox's "on"), besides the field's values.
        if (words := getattr(target, "words", ())) and name in properties:
            properties[name] = _or(
                properties[name], {"type": "string", "pattern": any_case_of(words)}
            )
        if getattr(target, "blank", False) and name in properties:
            if {"type": "null"} in properties[name].get("anyOf", []):
                # 0 is none too, where the conversion reads it so (a perfex reference).
                if getattr(target, "zero", False):
                    for variant in properties[name]["anyOf"]:
                        if variant.get("type") == "integer":
                            variant["minimum"] = 0
                properties[name] = _or(properties[name], {"type": "string", "pattern": BLANK})
        properties.setdefault(name, {"type": "string"})
    # Names that differ only in case ("Related" and "related": the server takes both)
    # are one attribute to a generated client: the first one written is documented.
    seen: set[str] = set()
    for name in list(properties):
        if name.lower() in seen:
            del properties[name]
        seen.add(name.lower())
    for name, nested in fields.nested.items():
        properties[name] = {"type": "array", "items": body_schema(nested, components)}
    floors = reference_floors(fields.model) if fields.model else {}
    for name, extra in fields.schema.items():
        target = fields.fields.get(name, name)
        floor = floors.get(target) if isinstance(target, str) else None
        if (
            fields.model
            and isinstance(target, str)
            and (named_field(fields.model, target) or floor is not None)
            and name in properties
        ):
            # The model's rule for a record named by id (or name) holds whatever the map
            # says of it; the map's words describe it.
            if "description" in extra:
                properties[name]["description"] = extra["description"]
            continue
        if name in fields.nested:
            # Bounds on a nested list (its items are the nested map's).
            properties[name].update({k: v for k, v in extra.items() if k not in ("type", "items")})
            continue
        said = emails_refused(dict(extra))
        writes = target if isinstance(target, str) else getattr(target, "service", None)
        if isinstance(writes, str) and writes in service_schemas and not _has_null(said):
            # The map's words retype a field the model types: its null is the model's.
            shown = _plain(service_schemas[writes], takes_null(table, writes, fields.model))
            if {"type": "null"} in shown.get("anyOf", []):
                said = _or(said, {"type": "null"})
        _declare(properties, name, said)
        head = _head(name)
        if head != name and takes_null(table, head) and not _has_null(properties[head]):
            # A form's nested field as JSON (custom_fields), whose null the reader takes.
            properties[head] = _or(properties[head], {"type": "null"})
        if floor is not None and name in properties:
            least_id(properties[name], floor)
    for name in sorted(fields.ignore):
        properties.setdefault(name, dict(IGNORED))
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if fields.required:
        for name in fields.required:
            # A name the map requires but the model does not describe (read by the
            # dialect's reader itself).
            if _head(name) not in properties:
                _declare(properties, name, {"description": "Required"})
            target = fields.fields.get(_head(name), _head(name))
            if needed and isinstance(target, str) and takes_null(table, target) is None:
                properties[_head(name)] = _plain(properties[_head(name)], False)
        result["required"] = [_head(name) for name in fields.required]
    if not_both := _not_both(model.get("allOf", []), fields, properties):
        result["allOf"] = not_both
    _one_name(result, _writers(fields, properties))
    if "anyOf" in model:
        # The model's own "one of these ways" rule (a line's id, item or description and
        # rate: line_items.inputs), under the client's names.
        ways = [_renamed(way, fields, properties) for way in model["anyOf"]]
        result.setdefault("allOf", []).append({"anyOf": [w for w in ways if w is not None]})
    return result


def _writers(fields: FieldMap, properties: Mapping[str, Any]) -> dict[str, list[str]]:
    """The body's names for each service field: renames, conversions writing it
    (renames.Into) and its own name where the body takes it as sent."""
    writers: dict[str, list[str]] = {}
    for name in properties:
        if name in fields.ignore or name in fields.nested:
            continue
        if (service := fields.service_of(name)) is not None:
            writers.setdefault(service, []).append(name)
    return writers


def _renamed(
    way: Mapping[str, Any], fields: FieldMap, properties: Mapping[str, Any]
) -> dict[str, Any] | None:
    """A model rule's `required`/`properties` under the body's one name for each service
    field; None where the body has no name for one it requires."""
    named = {*way.get("required", []), *way.get("properties", {})}
    names = {s: next((n for n in properties if _writes(fields, n, s, {})), None) for s in named}
    if any(names.get(s) is None for s in way.get("required", [])):
        return None
    out = {k: v for k, v in way.items() if k not in ("required", "properties")}
    if "required" in way:
        out["required"] = [names[s] for s in way["required"]]
    out["properties"] = {names[s]: v for s, v in way.get("properties", {}).items() if names[s]}
    return out


def _one_name(result: dict[str, Any], aliases: Mapping[str, list[str]]) -> None:
    """A field the body names several ways (v1's `clientid`, `customer_id`...) is given
    under one name, never two (FieldMap.to_service refuses them); a required one under any
    of them (`anyOf`, which an update drops with `required`)."""
    rules, required, needed = list(result.get("allOf", [])), result.get("required", []), []
    for names in aliases.values():
        shown = [n for n in names if n in result["properties"]]
        rules += [{"not": _named(p)} for p in itertools.combinations(shown, 2)]
        if len(shown) > 1 and set(shown) & set(required):
            needed.append(shown)
            required = [n for n in required if n not in shown]
    result.update({"allOf": rules} if rules else {})
    if needed:
        result["required"] = required
        result["anyOf"] = [_named(c) for c in itertools.product(*needed)]
        if not required:
            del result["required"]


def _named(names: tuple[str, ...]) -> dict[str, Any]:
    """`names` all given. Each is listed under `properties` too (as anything: the body's own
    properties say what it holds), since linters want a required name defined beside it."""
    return {"required": list(names), "properties": {name: {} for name in names}}


def _not_both(
    rules: list[dict[str, Any]], fields: FieldMap, properties: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The model's "one of these, not both" rules (resolvers.core.exclusive, in its JSON
    schema under the service's names), under each client name of each field: no body
    gives both."""
    shown: list[dict[str, Any]] = []
    for rule in rules:
        service, given = rule["not"]["required"], rule["not"]["properties"]
        names = [[n for n in properties if _writes(fields, n, s, given[s])] for s in service]
        for combo in itertools.product(*names):
            said = {name: given[s] for name, s in zip(combo, service, strict=True)}
            shown.append({"not": {"required": list(combo), "properties": said}})
    return shown


def _writes(fields: FieldMap, name: str, service: str, given: Mapping[str, Any]) -> bool:
    """Whether the client's `name` writes the service field `service`, where a rule says
    it is `given`. Where the rule names values that are none (`not` of them), a
    conversion may read others so too (a blank): there only a name written as sent counts."""
    target = fields.fields.get(name, name)
    return target == service or "not" not in given and getattr(target, "service", None) == service


def _or(schema: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """`schema` or `other`, its description kept."""
    shown = {k: v for k, v in schema.items() if k != "description"}
    variants = shown["anyOf"] if list(shown) == ["anyOf"] else [shown]
    out: dict[str, Any] = {"anyOf": [*variants, other]}
    if "description" in schema:
        out["description"] = schema["description"]
    return out


def _head(name: str) -> str:
    return name.split("[", 1)[0]


def _declare(properties: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    """A field the map documents in PHP's form notation (`removed_items[]`,
    `custom_fields[customers][ID]`) is the one field the request reader nests it into
    (`removed_items`, a list; `custom_fields`, an object): declared once, by that name."""
    head = _head(name)
    if head == name:
        properties[name] = schema
        return
    if head in properties:
        return
    shown = f"Sent as a form: `{name}`" + (
        f". {schema['description']}" if "description" in schema else ""
    )
    rest = name[len(head) :]
    if not rest.startswith(("[]", "[N]")):
        properties[head] = {"type": "object", "description": shown}
        return
    inner = {k: v for k, v in schema.items() if k != "description"}
    items = schema.get("items") or ({"type": "object"} if rest.startswith("[N]") else inner)
    properties[head] = {"type": "array", "items": items or {"type": "string"}, "description": shown}


def _lift_defs(model: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """Move `$defs` into `components` (a differing definition of the same name gets a
    numbered name) and point the model's references there."""
    renamed: dict[str, str] = {}
    for name, definition in model.get("$defs", {}).items():
        target, n = name, 2
        while target in components and components[target] != _ways_apart(definition):
            target, n = f"{name}{n}", n + 1
        renamed[name] = target
    rewritten: dict[str, Any] = _rewrite_refs(model, renamed)
    for name, definition in rewritten.pop("$defs", {}).items():
        components[renamed[name]] = _ways_apart(definition)
    return rewritten


def _ways_apart(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's "one of these ways" rule (an `anyOf` beside its `properties`: a line's
    id, item or description and rate) under `allOf`, as a body's is: the same rule, which
    a generated client reads as a rule on the object, where a top-level `anyOf` reads as
    a union of types it cannot name (openapi-python-client skips every operation using it)."""
    if "anyOf" not in schema or "properties" not in schema:
        return schema
    out = {k: v for k, v in schema.items() if k != "anyOf"}
    out["allOf"] = [*schema.get("allOf", []), {"anyOf": schema["anyOf"]}]
    return out


def _rewrite_refs(node: Any, renamed: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite_refs(v, renamed) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref.removeprefix("#/$defs/")
            out["$ref"] = f"#/components/schemas/{renamed.get(name, name)}"
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, renamed) for v in node]
    return node


def _has_null(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    return (
        kind == "null"
        or (isinstance(kind, list) and "null" in kind)
        or any(_has_null(v) for v in schema.get("anyOf", []))
    )


def _plain(schema: dict[str, Any], null: bool | None = None) -> dict[str, Any]:
    """Pydantic's optional fields read `anyOf: [T, null]`. The document keeps the model's
    null unless the field's table says the service refuses it (`null` False,
    body_rules.takes_null); a field that is no column (a list of ids, an action's
    argument) takes the null its model does, which the service reads as left out."""
    variants = [v for v in schema.get("anyOf", []) if v.get("type") != "null"]
    if (null is None and len(variants) != 1) or not variants:
        out = {k: v for k, v in schema.items() if k not in ("title", "default")}
    else:
        shown = variants[0] if len(variants) == 1 else {"anyOf": variants}
        out = {k: v for k, v in shown.items() if k not in ("title", "default")}
        if null is not False and len(variants) < len(schema["anyOf"]):
            out = {"anyOf": [out, {"type": "null"}]}
    if "description" in schema:
        out["description"] = schema["description"]
    return out


def _path_schema(dialect: Dialect, name: str) -> dict[str, Any]:
    """A record's id is the dialect's: an integer, or ninja's hashed string; other path
    parameters (search words, a resource's name) are text."""
    if not (name == "id" or name.endswith("_id")):
        return {"type": "string"}
    if isinstance(dialect.ids, HashedIds):
        return {"type": "string", "pattern": "^[A-Za-z0-9]+$"}
    return {"type": "integer", "minimum": 0}


def _param_schema(p: Param) -> dict[str, Any]:
    schema: dict[str, Any] = (
        {"type": "string", "format": "date"} if p.type == "date" else {"type": p.type}
    )
    bounds = (("minimum", p.minimum), ("maximum", p.maximum), ("pattern", p.pattern))
    schema.update({k: v for k, v in bounds if v is not None})
    return schema


def _parameters(dialect: Dialect, row: Endpoint) -> list[dict[str, Any]]:
    # A row's Param named as a path parameter is that parameter's own rule (a resource's
    # name among the few there are).
    declared = {p.name: p for p in row.query}
    path_names = re.findall(r"\{(\w+)\}", row.path)
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True,
         "schema": _param_schema(declared[name]) if name in declared
         else _path_schema(dialect, name)}
        for name in path_names
    ]  # fmt: skip
    for p in row.query:
        if p.name in path_names:
            if p.description:
                params[path_names.index(p.name)]["description"] = p.description
            continue
        where = "header" if p.name.lower().startswith("x-") else "query"
        schema = _param_schema(p)
        entry: dict[str, Any] = {"name": p.name, "in": where, "schema": schema}
        if where == "query":
            # `?date_to=` is a filter left out: every reader takes an empty value so.
            entry["allowEmptyValue"] = True
        if p.description:
            entry["description"] = p.description
        params.append(entry)
    return params


def _success(row: Endpoint) -> dict[str, Any]:
    """The success reply as the row's shaper declares it (rest_compat.reply_schemas)."""
    shown = reply_of(row.reply)
    if shown is None:
        raise LookupError(f"{row.method} {row.path}: its shaper declares no reply schema")
    if shown.schema is None:
        return {"description": "Success, no content"}
    return {"description": "Success", "content": {shown.media: {"schema": shown.schema}}}


def _responses(dialect: Dialect, row: Endpoint) -> dict[str, Any]:
    responses: dict[str, Any] = {str(row.status): _success(row)}
    for code, description in ERRORS.items():
        status = str(STATUS[code][DIALECTS.index(dialect.name)])
        if status in responses and status != str(row.status):
            # perfex answers a failed write and a missing record alike (404).
            responses[status]["description"] += f"; {description}"
            continue
        # A missing reference is an invalid field's body under its own status.
        failure = (
            Failure("INVALID", description, missing=True)
            if code == "MISSING"
            else Failure(code, description)
        )
        example = BODIES[dialect.name](failure, row.fail)
        responses.setdefault(status, {"description": description})
        responses[status]["content"] = {
            "application/json": {"schema": ERROR_SCHEMA, "example": example}
        }
    for status, description in OUTER_ERRORS.items():
        responses.setdefault(status, {"description": description})
    return responses


def _operation(dialect: Dialect, row: Endpoint, components: dict[str, Any]) -> dict[str, Any]:
    responses = _responses(dialect, row)
    operation: dict[str, Any] = {
        "summary": row.title,
        "tags": [dialect.name],
        "operationId": f"{dialect.name}_{row.method.lower()}_{_slug(row.path)}",
        "security": [] if row.public else [{scheme: []} for scheme in dialect.security],
        "responses": responses,
    }
    if params := _parameters(dialect, row):
        operation["parameters"] = params
    fields = body_fields(row)
    if fields is not None and row.method in BODY_METHODS:
        types = fields.media or (
            (*FORM_TYPES, "application/json") if dialect.name == "perfex" else ("application/json",)
        )
        # An update changes what it is sent: no field is required, nor the body itself
        # (the fields a create requires are the record's already). An action's body, a
        # sign-in or an upload is whole on every method.
        partial = row.method != "POST" and not fields.whole
        schema = body_schema(fields, components, needed=not partial)
        if partial:
            schema.pop("required", None)
            schema.pop("anyOf", None)
        # What the record hangs off, fixed once written (the map's own list, or the
        # resource's `fixed` the service refuses on an update).
        fixed = set(fields.create_only) | {
            name for name in schema["properties"]
            if fields.model and fields.fields.get(name, name) in fixed_fields(fields.model)
        }  # fmt: skip
        if row.method != "POST" and fixed:
            shown = {k: v for k, v in schema["properties"].items() if k not in fixed}
            schema = {**schema, "properties": shown}
        # What the path names (the project a task is added to), the body does not: the
        # reader refuses it there.
        if named := path_fields(row):
            shown = {
                k: v for k, v in schema["properties"].items() if fields.service_of(k) not in named
            }
            schema = {**schema, "properties": shown}
        # The record a row changes, where the body names it (its path names none).
        if record := body_record_field(row):
            schema = {
                **schema,
                "properties": {
                    record: _path_schema(dialect, record),
                    **{k: v for k, v in schema["properties"].items() if k != record},
                },
                "required": [record, *schema.get("required", [])],
            }
        operation["requestBody"] = {
            # A body with no field required may be left out: none reads as {}.
            "required": bool(record)
            or (not partial and bool(schema.get("required") or schema.get("anyOf"))),
            "content": {t: {"schema": _in(t, _with_files(schema))} for t in types},
        }
    return operation


def _with_files(schema: dict[str, Any]) -> dict[str, Any]:
    """A body with a file part states its "not both" rules in words, in every media type:
    schemathesis' coverage phase cannot judge a conditional over a value it generates for
    a file ("Unsupported type: 'Binary'")."""
    files = '"format": "binary"' in json.dumps(schema.get("properties", {}))
    if "allOf" not in schema or not files:
        return schema
    pairs = [" and ".join(rule["not"]["required"]) for rule in schema["allOf"]]
    said = "Not both: " + "; ".join(pairs) + "."
    rest = {k: v for k, v in schema.items() if k != "allOf"}
    return {
        **rest,
        "description": f"{rest['description']} {said}" if "description" in rest else said,
    }


def _in(media: str, schema: Any) -> Any:
    """The schema as a form carries it: a form field is text, with no null to send (a
    blank value is how a form leaves a field out), so no field takes null there."""
    if media not in FORM_TYPES:
        return schema
    if isinstance(schema, list):
        return [_in(media, v) for v in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _in(media, v) for k, v in schema.items()}
    variants = out.get("anyOf")
    if isinstance(variants, list) and any(v == {"type": "null"} for v in variants):
        kept = [v for v in variants if v != {"type": "null"}]
        del out["anyOf"]
        out = {**kept[0], **out} if len(kept) == 1 else {**out, "anyOf": kept}
    return out


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_")


def _joined(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    joined = dict(first)
    joined["summary"] = f"{first['summary']} / {second['summary']}"
    joined["description"] = JOIN_RULE
    joined["tags"] = [*first["tags"], *second["tags"]]
    joined["responses"] = {**second["responses"], **first["responses"]}
    for status, answer in second["responses"].items():
        mine = first["responses"].get(status, {})
        if not status.startswith("2") or "content" not in mine or "content" not in answer:
            continue
        if mine["content"] != answer["content"]:
            # The same status with each dialect's body: the join rule picks one of them.
            schemas = [c["schema"] for r in (mine, answer) for c in r["content"].values()]
            if "get" in first["operationId"]:
                # A record read without `page` answers both records' fields in one.
                schemas += [u for u in [_union(*schemas)] if u is not None]
            joined["responses"][status] = {
                "description": mine["description"],
                "content": {"application/json": {"schema": {"anyOf": schemas}}},
            }
    if "requestBody" in first or "requestBody" in second:
        # JSON bodies get the second (tech9) reading, forms the first (perfex).
        content = {
            **first.get("requestBody", {}).get("content", {}),
            **second.get("requestBody", {}).get("content", {}),
        }
        body = first.get("requestBody") or second["requestBody"]
        joined["requestBody"] = {"required": body["required"], "content": content}
    names = {p["name"] for p in first.get("parameters", [])}
    extra = [p for p in second.get("parameters", []) if p["name"] not in names]
    if extra:
        joined["parameters"] = [*first.get("parameters", []), *extra]
    return joined


TAGS = {
    "graphql": "The GraphQL endpoint",
    "perfex": "Perfex CRM's REST API (`authtoken`): every value a string",
    "tech9": "tech9's REST API (`authtoken`): JSON types, paginated lists",
    "v1": "The v1 REST API (`X-API-KEY` or a staff JWT)",
    "v2": "The v2 REST API (`X-API-KEY`): `{success, data, meta}` envelopes",
    "ninja": "Invoice Ninja's client API (`X-API-TOKEN`): hashed string ids",
}


def documented_path(paths: Mapping[str, Any], path: str) -> str:
    """The path already documented that differs only in its parameters' names (perfex's
    `/api/contacts/{customer_id}` beside `/api/contacts/{id}`): the same URLs, one entry."""
    shape = re.sub(r"\{\w+\}", "{}", path)
    return next((p for p in paths if re.sub(r"\{\w+\}", "{}", p) == shape), path)


def _named_as(path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The operation's path parameters renamed, in order, to the names `path` gives them."""
    names = re.findall(r"\{(\w+)\}", path)
    own = [p for p in operation.get("parameters", []) if p["in"] == "path"]
    for param, name in zip(own, names, strict=True):
        if param["name"] != name:
            param["description"] = f"The {param['name'].replace('_', ' ')}"
            param["name"] = name
    return operation


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    name = ref.removeprefix("#/components/schemas/")
    found: dict[str, Any] = components().get(name, schema) if ref else schema
    return found


def _union(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any] | None:
    """The object of both schemas' fields, the first's where both name one (the join
    rule's union of a perfex and a tech9 record); None unless both are objects."""
    a, b = _resolved(first), _resolved(second)
    if "properties" not in a or "properties" not in b:
        return None
    required = [*a.get("required", []), *b.get("required", [])]
    return {
        "type": "object",
        "properties": {**b["properties"], **a["properties"]},
        "required": list(dict.fromkeys(required)),
        "additionalProperties": False,
    }


def openapi_document(tables: Tables | None = None) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {
        "/graphql": GRAPHQL_PATH,
        "/healthz": {
            "get": {
                "summary": "Process alive",
                "operationId": "healthz",
                "security": [],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"status": {"const": "ok"}},
                                    "required": ["status"],
                                    "additionalProperties": False,
                                }
                            }
                        },
                    }
                },
            }
        },
    }
    schemas: dict[str, Any] = {}
    for dialect, rows in tables if tables is not None else route_tables(_DocSettings()):
        for row in rows:
            path = documented_path(paths, re.sub(r"\{(\w+):\w+\}", r"{\1}", row.path))
            operations = paths.setdefault(path, {})
            method = row.method.lower()
            operation = _named_as(path, _operation(dialect, row, schemas))
            operations[method] = (
                _joined(operations[method], operation) if method in operations else operation
            )
    schemas.update(components())
    return {
        "openapi": "3.1.0",
        # Relative: the gateway that serves this document answers its paths.
        "servers": [{"url": "/", "description": "This gateway"}],
        "info": {
            "title": "CRM gateway",
            "version": "1",
            "description": "GraphQL at /graphql and the five legacy REST dialects (perfex, "
            "tech9, v1, v2, ninja); see docs/rest-dialects.md.",
        },
        "tags": [{"name": name, "description": text} for name, text in TAGS.items()],
        "paths": paths,
        "components": {"securitySchemes": SECURITY_SCHEMES, "schemas": schemas},
    }


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CRM gateway API</title>
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>
"""


@functools.cache
def _code_document() -> dict[str, Any]:
    # Without custom tables the document depends on the code alone, and building it (the
    # JSON schemas of every body) is half of an app's start: once per process is enough.
    return openapi_document(None)


def openapi_routes(tables: Tables | None = None) -> list[BaseRoute]:
    """`/openapi.json`, `/docs` and the viewer's assets; open to all (no credentials)."""
    document = _code_document() if tables is None else openapi_document(tables)

    async def spec(request: Request) -> Response:
        return JSONResponse(document)

    async def docs(request: Request) -> Response:
        return HTMLResponse(DOCS_PAGE)

    return [
        Route("/openapi.json", spec, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets"),
    ]
