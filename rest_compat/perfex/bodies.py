"""Reading Perfex's form bodies into service inputs.

A row's field map renames what the client sends; before it, a row may `prepare` the
raw body where several Perfex fields make one service field (the lines of a document,
`recurring` with its custom repeat) or where a value is written Perfex's way (a line's
taxes as "CGST|9.00"). Empty strings in optional number and date fields mean "none".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from resolvers.core.errors import Invalid
from resolvers.core.numbers import whole_number
from rest_compat.readers import record_in_body
from rest_compat.renames import Into, is_blank
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

    return record_in_body(read)


def chain(*steps: Prepare) -> Prepare:
    async def prepare(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
        for step in steps:
            raw = await step(call, raw)
        return raw

    return prepare


# A line as Perfex sends it -> the service's line fields.
LINE_NAMES = {"order": "item_order", "itemid": "id", "item_id": "item_id", "taxname": "taxes"}
LINE_GROUPS = ("newitems", "items")


def _entries(value: Any) -> Any:
    """A form's list whose rows were removed in the browser (newitems[1], newitems[3]...)
    in its order, and a lone form value as a list of one; anything else as sent, for the
    model to refuse by name (a JSON object or number where the document says array)."""
    if isinstance(value, Mapping):
        if value and all(whole_number(str(k)) is not None for k in value):
            return [value[k] for k in sorted(value, key=lambda k: int(str(k)))]
        return value
    return [value] if isinstance(value, str) else value


async def lines(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
    """newitems / items entries in the service's line names, `taxname[]` as the `taxes` list."""
    for group in LINE_GROUPS:
        entries = _entries(raw.get(group))
        if not isinstance(entries, list):
            continue
        converted = []
        for entry in entries:
            if not isinstance(entry, Mapping):
                converted.append(entry)
                continue
            line = {LINE_NAMES.get(k, k): v for k, v in entry.items()}
            # The service reads the taxes by id or by name, "CGST|9.00" as Perfex writes them.
            if "taxes" in line:
                line["taxes"] = _entries(line["taxes"])
            converted.append(line)
        raw[group] = converted
    if "removed_items" in raw:
        # Its ids are read as every id list is (renames.integers): a blank one is refused.
        raw["removed_items"] = _entries(raw["removed_items"])
    return raw


async def recurring(call: Call, raw: dict[str, Any]) -> dict[str, Any]:
    """`recurring` is 1-12 (months), 0 or blank for none, or "custom" with
    repeat_every_custom and repeat_type_custom: a Repeat for the row's map to split. Any
    other value (true or false, "no", a fraction) goes to the map as sent, which reads it
    as its field does (an expense's flag) or refuses it (an invoice's count). The custom
    fields are the row's Repeats' (`beside`), checked as its model checks the fields they
    stand for whenever sent, custom or not; a row with none refuses them as unknown."""
    fields = call.row.fields
    repeats = fields.fields.get("recurring") if fields else None
    if fields is None or fields.model is None or not isinstance(repeats, Repeats):
        return raw
    every = repeats.checked(fields.model, CUSTOM_EVERY, raw.pop(CUSTOM_EVERY, None))
    kind = repeats.checked(fields.model, CUSTOM_TYPE, raw.pop(CUSTOM_TYPE, None))
    value = raw.get("recurring")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return raw
    text = str(value).strip().lower()
    if text == "custom":
        raw["recurring"] = Repeat(every or 0, kind)
    elif text in ("", "0"):
        raw["recurring"] = Repeat(0, None)
    elif (months := whole_number(text)) is not None:
        raw["recurring"] = Repeat(months, "month")
    return raw


@dataclass(frozen=True)
class Repeat:
    """`recurring` as Perfex's form writes it, read: every `every` `unit`s (0: never)."""

    every: Any
    unit: str | None


# Perfex's custom repeat, sent beside `recurring: "custom"`.
CUSTOM_EVERY = "repeat_every_custom"
CUSTOM_TYPE = "repeat_type_custom"


class Repeats(Into):
    """`recurring` as `recurring` above prepares it -> the service's `count` and `kind`: a
    count (the field the document types), "custom" or blank (none) besides. Where the
    service's `recurring` is a `flag` (an expense's), the count is another field, whose
    values `recurring` takes too (`reads`: recurring=6, every 6 months). The custom fields
    (`beside`) take what the row's own count and kind take: the document states them so
    (gateway.openapi.body_schema) and `checked` reads them so."""

    def __init__(self, count: str, kind: str, flag: str | None = None) -> None:
        super().__init__(flag or count, lambda value: value, words=("custom", ""))
        self.count = count
        self.kind = kind
        self.flag = flag
        self.reads: tuple[str, ...] = (count,) if flag else ()
        self.beside: dict[str, str] = {CUSTOM_EVERY: count, CUSTOM_TYPE: kind}

    def __call__(self, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Repeat):
            return {self.service: value}  # as sent: the model reads or refuses it by name
        if value.every == 0:
            return {self.flag: False} if self.flag else {self.count: 0, self.kind: None}
        # A custom repeat with no kind leaves the kind as the body or the record says.
        shown = {self.count: value.every, **({self.kind: value.unit} if value.unit else {})}
        return {self.flag: True, **shown} if self.flag else shown

    def checked(self, model: type[BaseModel], name: str, value: Any) -> Any:
        """A custom field's value as `model` reads the field it stands for; blank or null
        is none. Refused naming the custom field."""
        if is_blank(value):
            return None
        service = self.beside[name]
        try:
            parsed = model.model_validate({service: value})
        except ValidationError as exc:
            raise Invalid.field(name, exc.errors(include_url=False)[0]["msg"]) from None
        return getattr(parsed, service)
