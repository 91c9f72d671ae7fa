"""What a Perfex read shows beside its records, loaded once for all of them: customers,
reference rows, custom field values, child rows. A neighbour the caller may not read
is left out rather than failing the read of the record itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypedDict

from resolvers import custom_fields, files, reference
from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden
from resolvers.core.pagination import MAX_PAGE_SIZE, PageArgs
from resolvers.customers import CUSTOMERS
from rest_compat.perfex.formats import PERFEX, read_custom
from rest_compat.records import Record, batch_of

# A shaper of rows that reads their neighbours once for all of them.
Batch = Callable[[Ctx, Sequence[Row]], Awaitable[list[dict[str, Any]]]]

ChildBatch = Callable[[Ctx, Sequence[int]], Awaitable[Sequence[Any]]]


def _keys(ids: Iterable[int | None]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids if i is not None))


async def _guarded(loading: Awaitable[Any], empty: Any) -> Any:
    try:
        return await loading
    except Forbidden:
        return empty


async def customers_by_id(ctx: Ctx, ids: Iterable[int | None]) -> dict[int, Row]:
    keys = _keys(ids)
    if not keys:
        return {}
    loader = ctx.loader(reading.records_by_id, CUSTOMERS)
    rows = await _guarded(loader.load_many(keys), [None] * len(keys))
    return {k: r for k, r in zip(keys, rows, strict=True) if r is not None}


async def lookups_by_id(ctx: Ctx, name: str, ids: Iterable[int | None]) -> dict[int, Row]:
    """Rows of a reference list (currencies, taxes, payment_modes...) by id."""
    keys = _keys(ids)
    if not keys:
        return {}
    loader = ctx.loader(reference.lookups_by_id, name)
    rows = await _guarded(loader.load_many(keys), [None] * len(keys))
    return {k: r for k, r in zip(keys, rows, strict=True) if r is not None}


async def children(ctx: Ctx, batch: ChildBatch, ids: Sequence[int]) -> dict[int, Any]:
    """A batch function's result (each record's lines, payments...) by record id."""
    keys = _keys(ids)
    if not keys:
        return {}
    found = await _guarded(ctx.loader(batch).load_many(keys), [[] for _ in keys])
    return dict(zip(keys, found, strict=True))


async def custom_values(ctx: Ctx, field_to: str, ids: Sequence[int]) -> dict[int, list[Any]]:
    """Each record's custom fields as its read shows them ({label, value})."""
    keys = _keys(ids)
    if not keys:
        return {}
    loader = ctx.loader(custom_fields.custom_values_for, field_to)
    found = await _guarded(loader.load_many(keys), [[] for _ in keys])
    return {k: read_custom(v) for k, v in zip(keys, found, strict=True)}


async def attachments(ctx: Ctx, rel_type: str, rel_id: int) -> list[dict[str, Any]]:
    """One record's files, in Perfex's attachment shape (single-record reads only)."""
    if rel_type not in files.REL_TYPES:
        return []
    page = await _guarded(
        files.list_files(ctx, PageArgs(first=MAX_PAGE_SIZE), rel_type=rel_type, rel_id=rel_id),
        None,
    )
    return [] if page is None else [ATTACHMENT(r) for r in page.rows]


class CustomValue(TypedDict):
    """A custom field as a record's read shows it (formats.read_custom)."""

    label: str
    value: str


ATTACHMENT = PERFEX.record(
    "Attachment",
    "id:str rel_id:str rel_type file_name filetype=content_type"
    " visible_to_customer:yes attachment_key:null staffid=staff_id:ref contact_id:ref"
    " dateadded=created_at:stamp",
)


def with_custom(record: Record, field_to: str) -> Batch:
    """The batch shaper of a record shown with its custom fields (`customfields`)."""

    async def shape(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
        custom = await custom_values(ctx, field_to, [r["id"] for r in rows])
        return [record(r, customfields=custom.get(r["id"], [])) for r in rows]

    return batch_of(record, shape)
