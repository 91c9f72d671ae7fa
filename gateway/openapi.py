"""The OpenAPI 3.1 document, generated from the routes the gateway serves."""

from __future__ import annotations

from typing import Any

GRAPHQL_PATH: dict[str, Any] = {
    "post": {
        "summary": "GraphQL over HTTP",
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


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "CRM gateway", "version": "1"},
        "paths": {
            "/graphql": GRAPHQL_PATH,
            "/healthz": {
                "get": {"summary": "Process alive", "responses": {"200": {"description": "ok"}}}
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "API token or staff JWT",
                },
            }
        },
    }
