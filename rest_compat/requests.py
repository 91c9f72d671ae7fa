"""Reading a request into plain data: JSON, urlencoded and multipart bodies, query strings.

Form keys in PHP's bracket notation become nested data, as Perfex clients send them:
`custom_fields[customers][1]=x` -> {"custom_fields": {"customers": {"1": "x"}}},
`newitems[0][description]=y` -> {"newitems": [{"description": "y"}]},
`permissions[]=1&permissions[]=2` -> {"permissions": ["1", "2"]}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from rest_compat.errors import BadRequest

BodyKind = Literal["json", "form", "none"]
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_PART = re.compile(r"\[([^\[\]]*)\]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_PARTS = 1000


@dataclass(frozen=True)
class Body:
    data: dict[str, Any]
    kind: BodyKind


async def read_body(request: Request) -> Body:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in FORM_TYPES:
        return Body(await _form(request), "form")
    raw = await request.body()
    if not raw.strip():
        return Body({}, "none")
    if content_type in ("application/json", "") or content_type.endswith("+json"):
        return Body(_json(raw), "json")
    raise BadRequest(
        f"Content-Type {content_type!r} is not accepted: send application/json, "
        "application/x-www-form-urlencoded or multipart/form-data"
    )


def _json(raw: bytes) -> dict[str, Any]:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadRequest(f"The JSON body must be an object, not {type(data).__name__}")
    return data


async def _form(request: Request) -> dict[str, Any]:
    try:
        form = await request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS)
    except MultiPartException as exc:
        raise BadRequest(f"The form body cannot be read: {exc.message}") from None
    except (ValueError, KeyError, AssertionError) as exc:
        raise BadRequest(f"The form body cannot be read: {exc}") from None
    return nest(form.multi_items())


def nest(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Turn bracketed keys into nested dicts; dicts keyed 0..n-1 become lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if match is None:
            raise BadRequest(f"Form key {key!r} is malformed: brackets must pair up", field=key)
        path = [match.group(1), *_PART.findall(match.group(2))]
        _put(root, path, value, key)
    return {k: _listify(v) for k, v in root.items()}


def _put(node: dict[str, Any], path: list[str], value: Any, key: str) -> None:
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if part == "":
            part = str(sum(1 for k in node if k.isdigit()))
        if last:
            if isinstance(node.get(part), dict):
                raise BadRequest(f"Form key {key!r} clashes with another key", field=key)
            node[part] = value
            return
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise BadRequest(f"Form key {key!r} clashes with another key", field=key)
        node = child


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _listify(v) for k, v in node.items()}
        if (
            node
            and all(k.isdigit() for k in node)
            and sorted(map(int, node)) == list(range(len(node)))
        ):
            return [node[str(i)] for i in range(len(node))]
    return node


def query_params(request: Request) -> dict[str, str]:
    """The query string; a repeated key keeps its last value, as PHP does."""
    return dict(request.query_params.items())


def is_upload(value: Any) -> bool:
    return isinstance(value, UploadFile)
