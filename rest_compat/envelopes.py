"""Reply plumbing every dialect shares: JSON rendering, time formats, page arithmetic."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, overload

import orjson
from starlette.responses import Response

from resolvers.core.pagination import Page, PageArgs

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


def _default(value: Any) -> Any:
    # Money leaves the service as Decimal; JSON has only one number type.
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON: shape it first")


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_default, option=orjson.OPT_NON_STR_KEYS)


def reply(body: Any, status: int = 200) -> Response:
    return JSON(body, status_code=status)


def no_content() -> Response:
    return Response(status_code=204)


# A value always set reads as text (a record's TypedDict says `str`); None stays None.
@overload
def perfex_time(value: datetime) -> str: ...
@overload
def perfex_time(value: None) -> None: ...
def perfex_time(value: datetime | None) -> str | None:
    """Perfex's "YYYY-MM-DD HH:MM:SS" (UTC)."""
    if value is None:
        return None
    # isoformat, not strftime: the same text in a third of the time.
    return value.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat(" ")


@overload
def iso_time(value: datetime) -> str: ...
@overload
def iso_time(value: None) -> None: ...
def iso_time(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, as tech9 and v2 show."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def unix_time(value: datetime | None) -> int:
    """Seconds since the epoch; 0 for none, as ninja shows."""
    return 0 if value is None else int(value.timestamp())


@overload
def iso_date(value: date) -> str: ...
@overload
def iso_date(value: None) -> None: ...
def iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class PageRequest:
    """A numbered page as legacy clients ask for it (1-based)."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def args(self) -> PageArgs:
        """This page as a service list takes it."""
        return PageArgs(first=self.per_page, offset=self.offset)


@dataclass(frozen=True)
class PageInfo:
    page: int
    per_page: int
    total: int
    count: int

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @classmethod
    def of(cls, page: Page, asked: PageRequest) -> PageInfo:
        total = page.total if page.total is not None else asked.offset + len(page.rows)
        return cls(asked.page, asked.per_page, total, len(page.rows))
