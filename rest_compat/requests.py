"""Reading a request into plain data: JSON, urlencoded and multipart bodies, query strings.

Form keys in PHP's bracket notation become nested data, as Perfex clients send them:
`custom_fields[customers][1]=x` -> {"custom_fields": {"customers": {"1": "x"}}},
`newitems[0][description]=y` -> {"newitems": [{"description": "y"}]},
`permissions[]=1&permissions[]=2` -> {"permissions": ["1", "2"]}, and so does a key given
again, as OpenAPI's form encoding sends an array: `permissions=1&permissions=2`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl

import orjson
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from resolvers.core import json_body
from resolvers.core.numbers import whole_number
from resolvers.core.validation import check_data
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
        data = json_body.loads(raw)
    except json_body.RefusedJson as exc:
        raise BadRequest(f"The JSON body is refused: {exc.msg}") from None
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadRequest(f"The JSON body must be an object, not {type(data).__name__}")
    return data


async def _form(request: Request) -> dict[str, Any]:
    # Starlette reads a form leniently: bytes that are not UTF-8 become U+FFFD or Latin-1,
    # and a multipart body cut short yields the fields read so far. Either would store
    # something the client never sent, so the raw body is checked first (it is kept, and
    # the form parser reads it from there).
    raw = await request.body()
    if request.headers.get("content-type", "").lower().startswith("multipart/"):
        _check_multipart(raw, request.headers.get("content-type", ""))
    else:
        _check_urlencoded(raw)
    try:
        form = await request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS)
    except MultiPartException as exc:
        raise BadRequest(f"The form body cannot be read: {exc.message}") from None
    except HTTPException as exc:  # Starlette's answer to a multipart body it cannot parse
        raise BadRequest(f"The form body cannot be read: {exc.detail}") from None
    except (ValueError, KeyError, AssertionError) as exc:
        raise BadRequest(f"The form body cannot be read: {exc}") from None
    return nest(form.multi_items())


_BOUNDARY = re.compile(r';\s*boundary="?([^";]+)"?', re.IGNORECASE)
_PART_NAME = re.compile(rb'name="([^"]*)"')


def _check_urlencoded(raw: bytes) -> None:
    try:
        parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest("The form body is not valid UTF-8 (percent-encode UTF-8 bytes)") from None


def _check_multipart(raw: bytes, content_type: str) -> None:
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise BadRequest("The multipart body cannot be read: its Content-Type has no boundary")
    delimiter = b"--" + match.group(1).encode("latin-1")
    if not raw.rstrip().endswith(delimiter + b"--"):
        raise BadRequest("The multipart body is incomplete: it does not end with its boundary")
    for part in raw.split(delimiter)[1:-1]:
        head, _, value = part.partition(b"\r\n\r\n")
        if b"filename=" in head.lower():
            continue  # a file's bytes are its own business
        try:
            value.decode("utf-8")
            head.decode("utf-8")
        except UnicodeDecodeError:
            named = _PART_NAME.search(head)
            field = named.group(1).decode("utf-8", "replace") if named else None
            what = f"The form field {field!r}" if field else "A form field"
            raise BadRequest(f"{what} is not valid UTF-8", field=field) from None


def nest(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Turn bracketed keys into nested dicts; dicts keyed 0..n-1 become lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if match is None:
            raise BadRequest(f"Form key {key!r} is malformed: brackets must pair up", field=key)
        path = [match.group(1), *_PART.findall(match.group(2))]
        if len(path) > json_body.MAX_DEPTH:
            # The same bound as a JSON body's: what is built here is walked recursively.
            message = f"Form key {key[:40]!r}... nests more than {json_body.MAX_DEPTH} levels"
            raise BadRequest(message, field=match.group(1))
        _put(root, path, value, key)
    return {k: _listify(v) for k, v in root.items()}


def _put(node: dict[str, Any], path: list[str], value: Any, key: str) -> None:
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if part == "":
            part = str(sum(1 for k in node if _is_index(k)))
        if last:
            held = node.get(part)
            if isinstance(held, dict):
                raise BadRequest(f"Form key {key!r} clashes with another key", field=key)
            # A key given again (an array as OpenAPI's form encoding sends one) holds every
            # value it was given, in order: its list is checked whole, never cut to the last.
            if part not in node:
                node[part] = value
            else:
                node[part] = [*held, value] if isinstance(held, list) else [held, value]
            return
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise BadRequest(f"Form key {key!r} clashes with another key", field=key)
        node = child


def _is_index(key: str) -> bool:
    # Only ASCII digits (str.isdigit also says yes to "³", which int() refuses), and few
    # of them: int() refuses 4,300 digits, and no list is that long.
    return whole_number(key) is not None


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _listify(v) for k, v in node.items()}
        if (
            node
            and all(_is_index(k) for k in node)
            and sorted(map(int, node)) == list(range(len(node)))
        ):
            return [node[str(i)] for i in range(len(node))]
    return node


def check_text(request: Request, body: dict[str, Any]) -> None:
    """The one rule for text no engine stores (resolvers.core.validation), over everything a
    request carries: path segments, the query string and the body."""
    check_data(dict(request.path_params))
    for key, value in request.query_params.multi_items():
        check_data({key: value})
    check_data(body)


def query_params(request: Request) -> dict[str, str]:
    """The query string; a repeated key keeps its last value, as PHP does."""
    return dict(request.query_params.items())
