"""Writing a document's lines inside the caller's transaction.

The lines a client sends are first resolved against what is stored (which lines stay,
which change, which go), the catalogue (defaults for a picked item) and the taxes (whose
rates are copied onto the line, so a later change of a tax's rate leaves issued
documents as they were); then they are written, and the figures are computed from the
rows as stored.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.core.context import Row
from resolvers.core.errors import Invalid, Missing, partly_stored, refusal
from resolvers.core.records import fetch_many, live, update_row
from resolvers.core.validation import next_position
from resolvers.line_items.inputs import MAX_ITEMS, WHOLE_OR_EDITS, LineItemInput, LineItemsFields
from resolvers.line_items.taxes import spread as spread_taxes
from resolvers.models import Item, Tax, table_of
from resolvers.models.types import utcnow


@dataclass(frozen=True)
class Kind:
    """A priced document type as the shared machinery sees it: its label ("Credit
    Note"), its table and its lines' table; the names follow from the tables
    (credit_notes, credit_note_items.credit_note_id)."""

    label: str
    model: type[SQLModel]
    line_model: type[SQLModel]
    # A date column that may not fall before the document's own date (due_date...).
    until: str | None = None

    @property
    def table(self) -> Table:
        return table_of(self.model)

    @property
    def items(self) -> Table:
        return table_of(self.line_model)

    @property
    def resource(self) -> str:
        return self.table.name

    @property
    def singular(self) -> str:
        return self.items.name.removesuffix("_items")

    @property
    def parent(self) -> str:
        """The lines' column naming their document ("invoice_id")."""
        return f"{self.singular}_id"

    @property
    def parent_column(self) -> Column[Any]:
        return self.items.c[self.parent]

    def check_dates(self, row: Row, given: Collection[str] | None = None) -> None:
        """The closing date on or after the date; `given`, on an update, names the columns
        the body set: where it did not set both, the stored one takes part (a conflict)."""
        if self.until is not None and row[self.until] is not None and row[self.until] < row["date"]:
            stored = partly_stored(given is not None, given or (), "date", self.until)
            message = f"is before the {self.label.lower()} date"
            raise refusal(self.until, message, stored=stored)


DEFAULTS: dict[str, Any] = {
    "long_description": "",
    "qty": Decimal("1.00"),
    "unit": "",
    "item_order": 0,
    "item_id": None,
    "tax_id": None,
    "tax_rate": Decimal("0.00"),
    "tax2_id": None,
    "tax2_rate": Decimal("0.00"),
}
COLUMNS = ("description", "rate", *DEFAULTS)
FROM_CATALOGUE = ("description", "long_description", "rate", "unit", "tax_id", "tax2_id")
TAX_SLOTS = (("tax_id", "tax_rate"), ("tax2_id", "tax2_rate"))


@dataclass
class _Line:
    # Where the client wrote it ("items.2"), to name it in errors.
    path: str
    stored: Row | None
    given: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemChanges:
    added: int
    updated: int
    removed: int

    def summary(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "removed": self.removed}


async def stored_items(conn: AsyncConnection, kind: Kind, doc_id: int) -> list[Row]:
    return (await lines_by_document(conn, kind, [doc_id]))[0]


def _line(path: str, entry: LineItemInput, stored: dict[int, Row], seen: set[int]) -> _Line:
    row = None
    if entry.id is not None:
        row = stored.get(entry.id)
        if row is None:
            raise Invalid.field(f"{path}.id", f"{entry.id} is not a line of this document")
        if entry.id in seen:
            raise Invalid.field(f"{path}.id", f"line {entry.id} is named twice")
        seen.add(entry.id)
    given = entry.model_dump(exclude_unset=True, exclude={"id"})
    values = {c: row[c] for c in COLUMNS} if row is not None else {}
    return _Line(path, row, given, {**values, **given})


def _new_line(path: str, entry: LineItemInput) -> _Line:
    if entry.id is not None:
        raise Invalid.field(f"{path}.id", "a new line has no id; change stored lines in items")
    return _line(path, entry, {}, set())


def _plan(existing: list[Row], fields: LineItemsFields) -> tuple[list[_Line], list[int], bool]:
    """The lines after the change, the stored ids to delete, and whether the list's own
    order numbers the lines (a whole list does; edits keep the stored order)."""
    by_id = {int(r["id"]): r for r in existing}
    seen: set[int] = set()
    for rule in WHOLE_OR_EDITS:
        rule.check(dict(fields))
    if fields.items is not None:
        lines = [_line(f"items.{i}", e, by_id, seen) for i, e in enumerate(fields.items)]
        return lines, [i for i in by_id if i not in seen], True
    removed = list(dict.fromkeys(fields.removed_items or []))
    unknown = [i for i in removed if i not in by_id]
    if unknown:
        raise Invalid.field("removed_items", f"not lines of this document: {unknown}")
    updates: dict[int, _Line] = {}
    for i, entry in enumerate(fields.item_updates or []):
        if entry.id in removed:
            raise Invalid.field(f"item_updates.{i}.id", f"line {entry.id} is also removed")
        updates[entry.id] = _line(f"item_updates.{i}", entry, by_id, seen)
    lines = [
        updates.get(i) or _Line(f"line {i}", row, {}, {c: row[c] for c in COLUMNS})
        for i, row in by_id.items()
        if i not in removed
    ]
    lines += [_new_line(f"new_items.{i}", e) for i, e in enumerate(fields.new_items or [])]
    return lines, removed, False


async def _fill_from_catalogue(conn: AsyncConnection, lines: list[_Line]) -> None:
    wanted = [int(ln.given["item_id"]) for ln in lines if ln.given.get("item_id") is not None]
    catalogue = await fetch_many(conn, table_of(Item), wanted)
    for line in lines:
        item_id = line.given.get("item_id")
        if item_id is None:
            continue
        item = catalogue.get(int(item_id))
        if item is None:
            raise Missing.field(f"{line.path}.item_id", f"no item {item_id}")
        for name in FROM_CATALOGUE:
            line.values.setdefault(name, item[name])


def _complete(line: _Line) -> None:
    for name in ("description", "rate"):
        if line.values.get(name) is None:
            raise Invalid.field(f"{line.path}.{name}", "is required")
    for name, default in DEFAULTS.items():
        if line.values.get(name) is None:
            line.values[name] = default


async def _snapshot_taxes(conn: AsyncConnection, lines: list[_Line]) -> None:
    """Copy the current rate of each tax a line newly names; unchanged ones keep theirs."""

    def changed(line: _Line, slot: str) -> bool:
        return line.stored is None or line.stored[slot] != line.values[slot]

    wanted = [
        int(ln.values[slot])
        for ln in lines
        for slot, _ in TAX_SLOTS
        if ln.values[slot] is not None and changed(ln, slot)
    ]
    taxes = await fetch_many(conn, table_of(Tax), wanted)
    for line in lines:
        for slot, rate in TAX_SLOTS:
            if not changed(line, slot):
                continue
            tax_id = line.values[slot]
            if tax_id is not None and int(tax_id) not in taxes:
                raise Missing.field(f"{line.path}.{slot}", f"no tax {tax_id}")
            line.values[rate] = taxes[int(tax_id)]["rate"] if tax_id is not None else Decimal(0)
        if line.values["tax_id"] is not None and line.values["tax_id"] == line.values["tax2_id"]:
            raise Invalid.field(f"{line.path}.tax2_id", "repeats tax_id")


def _number(lines: list[_Line], existing: list[Row], by_list: bool) -> None:
    if by_list:
        for position, line in enumerate(lines, start=1):
            if "item_order" not in line.given:
                line.values["item_order"] = position
        return
    top = max((int(r["item_order"]) for r in existing), default=0)
    for line in lines:
        if line.stored is None and "item_order" not in line.given:
            top = next_position(top)
            line.values["item_order"] = top


async def apply_items(
    conn: AsyncConnection,
    kind: Kind,
    doc_id: int,
    fields: LineItemsFields,
    *,
    required: bool = True,
) -> tuple[list[Row], ItemChanges]:
    """Resolve and write the lines `fields` asks for; returns the document's lines as stored."""
    existing = await stored_items(conn, kind, doc_id)
    lines, removed, by_list = _plan(existing, fields)
    if required and not lines:
        raise Invalid.field("items", f"The {kind.label} needs at least one item")
    if len(lines) > MAX_ITEMS:
        raise Invalid.field("items", f"at most {MAX_ITEMS} items")
    await spread_taxes(conn, [(ln.path, ln.given, ln.values) for ln in lines])
    await _fill_from_catalogue(conn, lines)
    for line in lines:
        _complete(line)
    await _snapshot_taxes(conn, lines)
    _number(lines, existing, by_list)

    if removed:
        await conn.execute(delete(kind.items).where(kind.items.c.id.in_(removed)))
    new = await _insert(conn, kind, doc_id, [ln.values for ln in lines if ln.stored is None])
    updated = 0
    for line in lines:
        if line.stored is None:
            continue
        diff = {c: line.values[c] for c in COLUMNS if line.stored[c] != line.values[c]}
        if diff:
            await update_row(conn, kind.items, int(line.stored["id"]), diff)
            updated += 1
    return await stored_items(conn, kind, doc_id), ItemChanges(new, updated, len(removed))


async def _insert(
    conn: AsyncConnection, kind: Kind, doc_id: int, lines: Sequence[Mapping[str, Any]]
) -> int:
    """Insert `lines` (each its COLUMNS' values) under the document; returns how many."""
    now = utcnow()
    rows = [{**{c: line[c] for c in COLUMNS}, kind.parent: doc_id,
             "created_at": now, "updated_at": now} for line in lines]  # fmt: skip
    if rows:
        await conn.execute(insert(kind.items), rows)
    return len(rows)


async def copy_items(
    conn: AsyncConnection, source: Kind, source_id: int, target: Kind, target_id: int
) -> list[Row]:
    """Copy a document's lines, rates and tax snapshots included, onto another document."""
    await _insert(conn, target, target_id, await stored_items(conn, source, source_id))
    return await stored_items(conn, target, target_id)


async def lines_by_document(
    conn: AsyncConnection, kind: Kind, ids: Sequence[int]
) -> list[list[Row]]:
    """Batch: each document's lines in their order, in key order."""
    rows = await conn.execute(
        select(kind.items)
        .where(kind.parent_column.in_(set(ids)), live(kind.items))
        .order_by(kind.items.c.item_order, kind.items.c.id)
    )
    grouped: dict[int, list[Row]] = {i: [] for i in ids}
    for row in rows:
        grouped[row._mapping[kind.parent]].append(row._mapping)
    return [grouped[i] for i in ids]
