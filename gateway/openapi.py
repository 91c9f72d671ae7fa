"""The OpenAPI 3.1 document, generated from the routes the gateway serves (GraphQL and
every REST dialect's route table), and the `/docs` viewer of it (Swagger UI, vendored
in rest_compat/static/docs: no CDN)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from rest_compat import Tables, route_tables
from rest_compat.errors import BODIES, Failure
from rest_compat.renames import FieldMap
from rest_compat.routing import Dialect, Row

DOCS_ASSETS = Path(__file__).resolve().parent.parent / "rest_compat" / "static" / "docs"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
BODY_METHODS = ("POST", "PUT", "PATCH")

GRAPHQL_PATH: dict[str, Any] = {
    "post": {
        "summary": "GraphQL over HTTP",
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
                            "query": {"type": "string"},
                            "variables": {"type": ["object", "null"]},
                            "operationName": {"type": ["string", "null"]},
                        },
                    }
                }
            },
        },
        "responses": {"200": {"description": "A GraphQL response"}},
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

ERRORS = {
    "400": ("BAD_REQUEST", "Malformed body or query"),
    "401": ("UNAUTHENTICATED", "Missing or invalid credentials"),
    "403": ("FORBIDDEN", "The credential lacks the permission"),
    "404": ("NOT_FOUND", "No such record"),
}

JOIN_RULE = (
    "perfex and tech9 both document this path. A write sent as a form gets the perfex "
    "reply, sent as JSON the tech9 reply; a create's reply carries the new id in both. "
    "A list asked for with `page` or `per_page` gets tech9's paginated envelope, else "
    "perfex's bare array. A record read carries the union of both documents' fields."
)


class _DocSettings:
    # Ids are not shown in the document, so any secret builds the same tables.
    secret_key = "openapi"


def body_schema(fields: FieldMap) -> dict[str, Any]:
    """The body's fields under the client's names, typed from the service's input model."""
    model = fields.model.model_json_schema() if fields.model else {}
    renamed = {target: name for name, target in fields.fields.items() if isinstance(target, str)}
    properties: dict[str, Any] = {
        renamed.get(service, service): _plain(schema)
        for service, schema in model.get("properties", {}).items()
    }
    for name, target in fields.fields.items():
        if not isinstance(target, str):
            properties.setdefault(name, {"type": "string"})
    for name, nested in fields.nested.items():
        properties[name] = {"type": "array", "items": body_schema(nested)}
    properties.update({k: dict(v) for k, v in fields.schema.items()})
    for name in fields.ignore:
        properties.pop(name, None)
    result: dict[str, Any] = {"type": "object", "properties": properties}
    if fields.required:
        result["required"] = list(fields.required)
    return result


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """Pydantic's optional fields read `anyOf: [T, null]`; every field here is optional."""
    variants = [v for v in schema.get("anyOf", []) if v.get("type") != "null"]
    base = variants[0] if len(variants) == 1 else schema
    out = {k: v for k, v in base.items() if k not in ("title", "default")}
    if "description" in schema:
        out["description"] = schema["description"]
    return out


def _parameters(row: Row) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"\{(\w+)\}", row.path)
    ]
    for p in row.query:
        where = "header" if p.name.lower().startswith("x-") else "query"
        entry: dict[str, Any] = {"name": p.name, "in": where, "schema": {"type": p.type}}
        if p.description:
            entry["description"] = p.description
        params.append(entry)
    return params


def _operation(dialect: Dialect, row: Row) -> dict[str, Any]:
    responses: dict[str, Any] = {str(row.status): {"description": "Success"}}
    for status, (code, description) in ERRORS.items():
        example = BODIES[dialect.name](Failure(code, description), row.fail)
        responses[status] = {
            "description": description,
            "content": {"application/json": {"example": example}},
        }
    operation: dict[str, Any] = {
        "summary": row.title,
        "tags": [dialect.name],
        "operationId": f"{dialect.name}_{row.method.lower()}_{_slug(row.path)}",
        "security": [] if row.public else [{scheme: []} for scheme in dialect.security],
        "responses": responses,
    }
    if params := _parameters(row):
        operation["parameters"] = params
    if row.fields is not None and row.method in BODY_METHODS:
        types = (
            (*FORM_TYPES, "application/json") if dialect.name == "perfex" else ("application/json",)
        )
        schema = body_schema(row.fields)
        operation["requestBody"] = {
            "required": True,
            "content": {t: {"schema": schema} for t in types},
        }
    return operation


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_")


def _joined(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    joined = dict(first)
    joined["summary"] = f"{first['summary']} / {second['summary']}"
    joined["description"] = JOIN_RULE
    joined["tags"] = [*first["tags"], *second["tags"]]
    joined["responses"] = {**second["responses"], **first["responses"]}
    if "requestBody" in first or "requestBody" in second:
        # JSON bodies get the second (tech9) reading, forms the first (perfex).
        content = {
            **first.get("requestBody", {}).get("content", {}),
            **second.get("requestBody", {}).get("content", {}),
        }
        joined["requestBody"] = {"required": True, "content": content}
    names = {p["name"] for p in first.get("parameters", [])}
    extra = [p for p in second.get("parameters", []) if p["name"] not in names]
    if extra:
        joined["parameters"] = [*first.get("parameters", []), *extra]
    return joined


def openapi_document(tables: Tables | None = None) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {
        "/graphql": GRAPHQL_PATH,
        "/healthz": {
            "get": {"summary": "Process alive", "responses": {"200": {"description": "ok"}}}
        },
    }
    for dialect, rows in tables if tables is not None else route_tables(_DocSettings()):
        for row in rows:
            operations = paths.setdefault(re.sub(r"\{(\w+):\w+\}", r"{\1}", row.path), {})
            method = row.method.lower()
            operation = _operation(dialect, row)
            operations[method] = (
                _joined(operations[method], operation) if method in operations else operation
            )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CRM gateway",
            "version": "1",
            "description": "GraphQL at /graphql and the five legacy REST dialects (perfex, "
            "tech9, v1, v2, ninja); see docs/rest-dialects.md.",
        },
        "tags": [{"name": n} for n in ("graphql", "perfex", "tech9", "v1", "v2", "ninja")],
        "paths": paths,
        "components": {"securitySchemes": SECURITY_SCHEMES},
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


def openapi_routes(tables: Tables | None = None) -> list[BaseRoute]:
    """`/openapi.json`, `/docs` and the viewer's assets; open to all (no credentials)."""
    document = openapi_document(tables)

    async def spec(request: Request) -> Response:
        return JSONResponse(document)

    async def docs(request: Request) -> Response:
        return HTMLResponse(DOCS_PAGE)

    return [
        Route("/openapi.json", spec, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets"),
    ]
