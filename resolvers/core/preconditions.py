"""The caller's expectation of a record's version, written once for every domain.

A transport (REST If-Match, GraphQL expectedUpdatedAt) states which record it read and
when that record was last updated; `records.update_row` and `records.set_deleted` check
it on the first write to that record, inside the write's own statement, so a concurrent
writer in another worker cannot slip in between the check and the write.

The entity tag is derived from the record's id and updated_at, and can be read back
into them: a client's If-Match needs no lookup to become an expectation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Expectation:
    # None matches the first write to `record_id` in any table (a transport that cannot
    # tell which table its path names).
    table: str | None
    record_id: int
    # The versions the caller accepts (If-Match may list several).
    versions: frozenset[datetime]
    # Checked once: the same operation may write its record again after the first write
    # (totals, status), and those writes are its own, not a lost update.
    checked: bool = field(default=False)

    def applies(self, table: str, record_id: int) -> bool:
        return (
            not self.checked
            and record_id == self.record_id
            and (self.table is None or self.table == table)
        )


_current: ContextVar[Expectation | None] = ContextVar("precondition", default=None)


@contextmanager
def expecting(
    table: str | None, record_id: int, versions: datetime | frozenset[datetime]
) -> Iterator[Expectation]:
    """Writes inside this block to (table, record_id) must find it at one of `versions`."""
    wanted = versions if isinstance(versions, frozenset) else frozenset({versions})
    expectation = Expectation(table, record_id, frozenset(_utc(v) for v in wanted))
    token = _current.set(expectation)
    try:
        yield expectation
    finally:
        _current.reset(token)


def claim(table: str, record_id: int) -> Expectation | None:
    """The expectation this write must satisfy, if any; marks it checked."""
    expectation = _current.get()
    if expectation is None or not expectation.applies(table, record_id):
        return None
    expectation.checked = True
    return expectation


def next_version(expectation: Expectation, now: datetime) -> datetime:
    # Two writes within one clock tick would otherwise leave the tag unchanged, and the
    # second writer's stale copy would still match.
    return max(now, max(expectation.versions) + timedelta(microseconds=1))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _micros(moment: datetime) -> int:
    return (_utc(moment) - _EPOCH) // timedelta(microseconds=1)


def etag(record_id: int, updated_at: datetime) -> str:
    """A strong entity tag: hex of "id:microseconds since the epoch", quoted."""
    return '"' + f"{record_id}:{_micros(updated_at)}".encode().hex() + '"'


def etag_of(record: Any) -> str | None:
    """The tag of a row-like reply (id and updated_at), or None for anything else."""
    if not isinstance(record, Mapping):
        return None
    record_id, updated_at = record.get("id"), record.get("updated_at")
    if isinstance(record_id, int) and isinstance(updated_at, datetime):
        return etag(record_id, updated_at)
    return None


def parse_etag(tag: str) -> tuple[int, datetime] | None:
    """(id, updated_at) from a tag this module made; None for any other tag."""
    tag = tag.strip()
    if tag.startswith("W/") or len(tag) < 2 or tag[0] != '"' or tag[-1] != '"':
        return None  # weak tags never match a strong comparison
    try:
        record_id, _, micros = bytes.fromhex(tag[1:-1]).decode().partition(":")
        return int(record_id), _EPOCH + timedelta(microseconds=int(micros))
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None


def split_tags(header: str) -> list[str]:
    """The entity tags of an If-Match header (a comma separated list; "*" stays "*")."""
    tags: list[str] = []
    for part in header.split(","):
        part = part.strip()
        if part:
            tags.append(part)
    return tags
