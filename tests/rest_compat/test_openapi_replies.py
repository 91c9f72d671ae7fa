"""The document's success schemas against real replies: every GET row of every dialect
that answers 200 on the demo data, read from a live gateway, validates against the
schema /openapi.json gives its status. A shaper that drifts from its declared fields
(a field added, renamed, typed otherwise) fails here."""

from __future__ import annotations

import re
from typing import Any

import httpx
import jsonschema_rs

from rest_compat import route_tables
from rest_compat.ids import HashedIds
from tests.security.conftest import SECRET, Live, live  # noqa: F401, F811


class _Settings:
    secret_key = SECRET


HEADERS = ("authorization", "authtoken", "x-api-key", "x-api-token")
# Path parameters that are not ids: a value the demo data answers.
WORDS = {"keysearch": "a", "term": "a", "search": "a", "type": "tax_data", "resource": "customers"}


def _url(dialect: str, path: str) -> str | None:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "id" or name.endswith("_id"):
            return HashedIds(SECRET).encode(1) if dialect == "ninja" else "1"
        return WORDS.get(name, "")

    url = re.sub(r"\{(\w+)(?::\w+)?\}", value, path)
    return None if "//" in url or url.endswith("/") else url


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    # The components beside the schema, so its $refs resolve.
    return jsonschema_rs.validator_for({**schema, "components": document["components"]})


def test_every_get_reply_on_the_demo_data_matches_its_documented_schema(
    live: Live,  # noqa: F811
) -> None:
    # A fresh connection per request: validating a long list under a loaded suite can
    # outlast the server's 5 s keep-alive, and a request sent on the connection it is
    # closing gets no answer (a client race, not the gateway's).
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=live.base, timeout=30, limits=fresh) as http:
        document = http.get("/openapi.json").json()
        auth = dict.fromkeys(HEADERS[1:], live.token)
        auth["authorization"] = f"Bearer {live.token}"
        checked, failures = 0, []
        for dialect, rows in route_tables(_Settings()):
            for row in rows:
                url = _url(dialect.name, row.path) if row.method == "GET" else None
                if url is None:
                    continue
                reply = http.get(url, headers=auth)
                if reply.status_code != 200 or "json" not in reply.headers["content-type"]:
                    continue
                path = next(
                    p for p in document["paths"]
                    if re.sub(r"\{\w+\}", "{}", p) == re.sub(r"\{[\w:]+\}", "{}", row.path)
                )  # fmt: skip
                answer = document["paths"][path]["get"]["responses"]["200"]
                schema = answer["content"]["application/json"]["schema"]
                errors = [str(e) for e in _validator(document, schema).iter_errors(reply.json())]
                if errors:
                    failures.append(f"{dialect.name} GET {url}: {errors[:3]}")
                checked += 1
    assert not failures, "\n".join(failures)
    # Most of the ~150 GET rows answer on the demo data; a handful is not a check.
    assert checked > 100, checked


def test_the_paths_beside_the_dialects_answer_as_documented(live: Live) -> None:  # noqa: F811
    with httpx.Client(base_url=live.base, timeout=30) as http:
        document = http.get("/openapi.json").json()
        reply = http.get("/healthz")
    documented = document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]
    media = reply.headers["content-type"].split(";")[0]
    assert media in documented, f"/healthz answers {media}, documented {list(documented)}"
    _validator(document, documented[media]["schema"]).validate(reply.json())
