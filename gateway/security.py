"""Production switches around the GraphQL endpoint and the HTTP surface: signing keys,
introspection, field suggestions, CORS, and an access log that never records secrets."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from strawberry.extensions import DisableIntrospection, MaskErrors
from uvicorn.config import LOGGING_CONFIG

from gateway.settings import Settings
from resolvers.core.identity import MIN_KEY_LENGTH

DEFAULT_KID = "k1"

# Request headers a browser may send cross-site: the credentials of every dialect, and the
# headers GraphQL clients add to force a preflight before a multipart upload.
CORS_HEADERS = (
    "Accept", "Authorization", "Content-Type", "authtoken", "X-API-KEY", "X-API-TOKEN",
    "Apollo-Require-Preflight", "GraphQL-Preflight", "X-Apollo-Operation-Name",
)  # fmt: skip
CORS_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def signing_keys(settings: Settings) -> tuple[dict[str, str], str]:
    """The JWT keys by kid and the kid that signs; one key from the secret by default.
    Errors name the kid, never the secret."""
    if not settings.jwt_keys.strip():
        return {DEFAULT_KID: settings.secret_key}, DEFAULT_KID
    keys: dict[str, str] = {}
    for entry in settings.jwt_keys.split(","):
        kid, sep, secret = entry.strip().partition(":")
        kid = kid.strip()
        if not sep or not kid or not secret:
            raise ValueError("CRM_JWT_KEYS: each entry is KID:SECRET, separated by commas")
        if kid in keys:
            raise ValueError(f"CRM_JWT_KEYS: key id {kid!r} is listed twice")
        if len(secret) < MIN_KEY_LENGTH:
            raise ValueError(f"CRM_JWT_KEYS: the secret of {kid!r} is shorter than 32 characters")
        keys[kid] = secret
    current = settings.jwt_current_kid.strip() or next(iter(keys))
    if current not in keys:
        raise ValueError(f"CRM_JWT_CURRENT_KID: {current!r} is not a key id of CRM_JWT_KEYS")
    return keys, current


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class HideSuggestions(MaskErrors):
    """Strips graphql-core's "Did you mean ...?" from every error (fields, arguments,
    types, enum values, input fields), so a production schema cannot be guessed piecemeal."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._plain(e) for e in errors]

    @staticmethod
    def _plain(error: GraphQLError) -> GraphQLError:
        message = _SUGGESTION.sub("", error.message)
        if message == error.message:
            return error
        return GraphQLError(
            message, nodes=error.nodes, source=error.source, positions=error.positions,
            path=error.path, original_error=error.original_error, extensions=error.extensions,
        )  # fmt: skip


def graphql_extensions(settings: Settings) -> list[Callable[[], Any]]:
    extensions: list[Callable[[], Any]] = []
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    if not settings.field_suggestions:
        extensions.append(HideSuggestions)
    return extensions


def cors_middleware(settings: Settings) -> list[Middleware]:
    """CORS for the listed origins only; none listed, no CORS headers at all. Credentials
    travel in headers, never cookies, so responses do not allow credentials."""
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=list(CORS_METHODS),
            allow_headers=list(CORS_HEADERS),
            allow_credentials=False,
            max_age=600,
        )
    ]


class StripQueryString(logging.Filter):
    """Drops the query string from uvicorn's access log lines: GraphiQL links carry
    `?token=`, and some legacy clients put keys in the URL. A stopgap until structured
    request logs replace uvicorn's access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def uvicorn_log_config() -> dict[str, Any]:
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["strip_query"] = {"()": f"{__name__}.StripQueryString"}
    config["handlers"]["access"].setdefault("filters", []).append("strip_query")
    return config
