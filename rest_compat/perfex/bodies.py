"""Reading Perfex's form bodies into service inputs.

A row's field map renames what the client sends; before it, a row may `prepare` the
raw body where several Perfex fields make one service field (the lines of a document,
`recurring` with its custom repeat) or where a value is written Perfex's way (a line's
taxes as "CGST|9.00"). Empty strings in optional number and date fields mean "none".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from resolvers.core.errors import Invalid
from resolvers.core.numbers import whole_number
from rest_compat.renames import Into, Target, is_blank
from rest_compat.routing import Args, Call, Reader

Prepare = Callable[[Call, dict[str, Any]], Awaitable[dict[str, Any]]]


def optional(service: str) -> Into:
    """A number or date a form may leave blank: blank is none."""
    return Into(service, lambda value: None if is_blank(value) else value, blank=True)


def reference(service: str) -> Into:
    """An id where Perfex writes 0 (or leaves the field blank) for "none" (a flag is no
    id: false goes to the service, which refuses it)."""

    def convert(value: Any) -> Any:
        if isinstance(value, bool):
            return value
        return None if is_blank(value) or value in ("0", 0) else value

    return Into(service, convert, blank=True, zero=True)


async def data_of(call: Call, prepare: Prepare | None = None) -> dict[str, Any]:
    raw = dict(call.body)
    if prepare is not None:
        raw = await prepare(call, raw)
    fields = call.row.fields
    return fields.to_service(raw) if fields else raw


def create(prepare: Prepare | None = None) -> Reader:
    async def read(call: Call) -> Args:
        return (await data_of(call, prepare),), {}

    return read


def change(name: str = "id", prepare: Prepare | None = None) -> Reader:
    async def read(call: Call) -> Args:
        record_id = call.id(name)
        return (record_id, await data_of(call, prepare)), {}

    return read


def change_by_body_id(prepare: Prepare | None = None) -> Reader:
    """PUT /api/credit_notes and /api/expenses name the record by an `id` in the body."""

    async def read(call: Call) -> Args:
        raw = call.body.get("id")
        if raw in (None, ""):
            raise Invalid.field("id", "is required: the id of the record to update")
        record_id = call.dialect.ids.decode(str(raw), call.row.label)
        call.body = {k: v for k, v in call.body.items() if k != "id"}
        return (record_id, await data_of(call, prepare)), {}

    return read


def chain(*steps: Prepare) -> Prepare:
    async def prepare(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
        for step in steps:
            raw = await step(call, raw)
        return raw

    return prepare


# A line as Perfex sends it -> the service's line fields.
LINE_NAMES = {"order": "item_order", "itemid": "id", "item_id": "item_id", "taxname": "taxes"}
LINE_GROUPS = ("newitems", "items")


def _entries(value: Any) -> list[Any]:
    # A form whose rows were removed in the browser sends newitems[1], newitems[3]...
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda k: whole_number(str(k)) or 0)
        return [value[k] for k in keys]
    return list(value) if isinstance(value, list | tuple) else [value]


async def lines(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
    """newitems / items entries in the service's line names, `taxname[]` as the `taxes` list."""
    for group in LINE_GROUPS:
        if group not in raw:
            continue
        converted = []
        for entry in _entries(raw[group]):
            if not isinstance(entry, Mapping):
                converted.append(entry)
                continue
            line = {LINE_NAMES.get(k, k): v for k, v in entry.items()}
            # The service reads the taxes by id or by name, "CGST|9.00" as Perfex writes them.
            if "taxes" in line:
                line["taxes"] = _entries(line["taxes"])
            converted.append(line)
        raw[group] = converted
    if raw.get("removed_items") is not None:
        # Its ids are read as every id list is (renames.integers): a blank one is refused.
        raw["removed_items"] = _entries(raw["removed_items"])
    return raw


async def recurring(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
    """`recurring` is 1-12 (months), or "custom" with repeat_every_custom and
    repeat_type_custom; both become "N-type" for the row's map to split."""
    every = raw.pop("repeat_every_custom", None)
    kind = raw.pop("repeat_type_custom", None)
    if "recurring" not in raw:
        return raw
    value = str(raw["recurring"]).strip().lower()
    if value == "custom":
        raw["recurring"] = f"{every or ''}-{kind or ''}"
    elif value in ("", "0", "false", "no"):
        raw["recurring"] = "0"
    else:
        raw["recurring"] = f"{value}-month"
    return raw


def repeats(count: str, kind: str) -> Target:
    """The "N-type" `recurring` prepared above -> the service's count and type."""

    def convert(value: Any) -> Mapping[str, Any]:
        number, _, unit = str(value).partition("-")
        if number in ("", "0"):
            return {count: 0, kind: None}
        return {count: number, kind: unit or None}

    return convert
