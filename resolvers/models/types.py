"""Column types that keep money exact and times in UTC on both engines."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric, TypeDecorator
from sqlalchemy.types import TypeEngine


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; SQLite keeps them as naive UTC text."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC time is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


class Fixed(TypeDecorator[Decimal]):
    """A fixed-point decimal: NUMERIC on PostgreSQL, scaled integers on SQLite.

    SQLite has no decimal type and would round-trip money through floats, so there the
    value is stored as an exact integer count of 10**-scale units. Sums, comparisons and
    ordering stay exact in SQL on both engines.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 15, scale: int = 2) -> None:
        super().__init__()
        self.precision = precision
        self.scale = scale
        self._unit: Decimal = Decimal(10) ** -scale
        self._factor = 10**scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = Decimal(value).quantize(self._unit)
        if dialect.name == "sqlite":
            return int(amount * self._factor)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            # AVG over scaled integers comes back as a float; str() keeps its digits.
            raw = Decimal(value) if isinstance(value, int) else Decimal(str(value))
            scaled: Decimal = (raw / self._factor).quantize(self._unit)
            return scaled
        exact: Decimal = Decimal(str(value)).quantize(self._unit)
        return exact

    def __repr__(self) -> str:
        return f"Fixed({self.precision}, {self.scale})"


def Money() -> Fixed:  # noqa: N802 - reads as a column type
    return Fixed(15, 2)
