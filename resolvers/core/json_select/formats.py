"""Column values as the JSON the normal read path answers, computed by the database.

The normal path turns a row into Python values (Decimal, date, aware datetime) and
GraphQL serializes those; these expressions produce the same text on each engine:
- money (`Fixed`): the Decimal string, "5094.08", "-0.05", "0.00"; SQLite keeps scaled
  integers, PostgreSQL numerics;
- dates "YYYY-MM-DD"; datetimes as Python's isoformat of an aware UTC time,
  "2024-12-19T14:41:00+00:00", with ".ffffff" only when there are microseconds;
- booleans true/false (SQLite stores 0/1); enum codes as their names.
A value the normal path would refuse (an unknown enum code, an Int past 32 bits, a
stored time in a shape it does not know) becomes a marker (DECLINE_MARK), and the
caller takes the normal path for that answer.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Text, and_, case, cast, func, literal_column, null
from sqlalchemy.sql.schema import Column

from resolvers.core.filtering import python_type
from resolvers.core.json_select.global_ids import GLOBAL_ID_FUNCTION
from resolvers.models.types import Fixed, UTCDateTime

# A marker no stored value holds (the database wraps it in U+0001): its presence in an
# answer means some value needs the normal path.
DECLINE_MARK = "crm-compiled-decline"
INT32 = (-(2**31), 2**31 - 1)


class Unsupported(Exception):
    """The plan asks for something the compiled path does not express."""


def text(value: str) -> ColumnElement[Any]:
    """An inline SQL string literal (keys, type and enum names: GraphQL names)."""
    return literal_column("'" + value.replace("'", "''") + "'")


def number(value: int) -> ColumnElement[Any]:
    """An inline integer: the statement's text then depends on the plan alone."""
    return literal_column(str(int(value)))


class Dialect(ABC):
    """How one engine spells JSON, and each kind of value."""

    name = ""

    @abstractmethod
    def obj(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]: ...

    @abstractmethod
    def object_key(self, key: str) -> str:
        """How `obj` writes a key (a GraphQL name) whose value is an object."""

    @abstractmethod
    def array(self, value: ColumnElement[Any], rank: ColumnElement[Any] | None) -> Any: ...

    @abstractmethod
    def flag(self, condition: ColumnElement[bool]) -> ColumnElement[Any]: ...

    def constant(self, value: str | bool) -> ColumnElement[Any]:
        if isinstance(value, bool):
            return self.truth(value)
        return text(value)

    @abstractmethod
    def truth(self, value: bool) -> ColumnElement[Any]: ...

    @abstractmethod
    def decline(self) -> ColumnElement[Any]: ...

    @abstractmethod
    def global_id(self, type_name: str, pk: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def value(
        self,
        column: Column[Any],
        expr: ColumnElement[Any],
        labels: Sequence[tuple[int, str]] | None,
        int32: bool,
    ) -> ColumnElement[Any]:
        kind = python_type(column)
        if labels is not None:
            if kind is not int:
                raise Unsupported(f"{column.name} is not an integer code")
            if not labels:
                return self._nullable(expr, self.decline())
            named = case(
                {number(code): text(name) for code, name in labels},
                value=expr,
                else_=self.decline(),
            )
            return self._nullable(expr, named)
        if isinstance(column.type, Fixed):
            return self._nullable(expr, self.money(expr, column.type.scale))
        if isinstance(column.type, UTCDateTime):
            return self._nullable(expr, self.moment(expr))
        if kind is bool:
            return self.boolean(expr)
        if kind is int:
            if not int32 or not self.wide(column):
                return expr
            low, high = INT32
            fits = and_(expr >= number(low), expr <= number(high))
            too_wide = self._nullable(expr, self.json(self.decline()))
            return case((fits, self.json(expr)), else_=too_wide)
        if kind is date:
            return self.day(expr)
        if kind is str:
            return expr
        # Plain DateTime and Numeric columns, floats...: their Python rendering differs.
        raise Unsupported(f"{column.name}: {column.type!r} is not a type this path formats")

    def wide(self, column: Column[Any]) -> bool:
        """Whether the column holds integers past 32 bits."""
        return True

    def json(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """`value` as a JSON value, where CASE branches must share a type."""
        return value

    def _nullable(self, expr: ColumnElement[Any], value: ColumnElement[Any]) -> ColumnElement[Any]:
        return case((expr.is_(None), null()), else_=value)

    @abstractmethod
    def money(self, expr: ColumnElement[Any], scale: int) -> ColumnElement[Any]: ...

    def average(
        self, total: ColumnElement[Any], n: ColumnElement[Any], scale: int
    ) -> ColumnElement[Any]:
        """A money column's mean as `resolvers.core.aggregates` answers it: the exact sum
        over the count, rounded half up (away from zero) to the column's scale, "-" kept
        on a negative mean that rounds to zero (Decimal's "-0.00"); null without values."""
        sign = case((total < number(0), text("-")), else_=text(""))
        mean = sign.concat(self.rounded_mean(func.abs(total), n, scale))
        return case((n == number(0), null()), (total.is_(None), null()), else_=mean)

    @abstractmethod
    def rounded_mean(
        self, magnitude: ColumnElement[Any], n: ColumnElement[Any], scale: int
    ) -> ColumnElement[Any]:
        """The text of `magnitude / n` rounded half up to `scale` digits (both positive)."""

    @abstractmethod
    def moment(self, expr: ColumnElement[Any]) -> ColumnElement[Any]: ...

    @abstractmethod
    def day(self, expr: ColumnElement[Any]) -> ColumnElement[Any]: ...

    @abstractmethod
    def boolean(self, expr: ColumnElement[Any]) -> ColumnElement[Any]: ...


def _pairs(pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> list[ColumnElement[Any]]:
    if len(pairs) > 50:
        # PostgreSQL takes at most 100 function arguments.
        raise Unsupported("more than 50 fields on one object")
    args: list[ColumnElement[Any]] = []
    for key, value in pairs:
        args += [text(key), value]
    return args


class SQLite(Dialect):
    name = "sqlite"

    def obj(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]:
        return func.json_object(*_pairs(pairs))

    def object_key(self, key: str) -> str:
        return f'"{key}":{{'

    def array(self, value: ColumnElement[Any], rank: ColumnElement[Any] | None) -> Any:
        # Fed by a subquery that is already in order.
        return func.json_group_array(value)

    def flag(self, condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return case((condition, func.json("true")), else_=func.json("false"))

    def truth(self, value: bool) -> ColumnElement[Any]:
        return func.json("true" if value else "false")

    def decline(self) -> ColumnElement[Any]:
        return func.char(number(1)).concat(text(DECLINE_MARK)).concat(func.char(number(1)))

    def global_id(self, type_name: str, pk: ColumnElement[Any]) -> ColumnElement[Any]:
        encoded: ColumnElement[Any] = getattr(func, GLOBAL_ID_FUNCTION)(text(type_name), pk)
        return encoded

    def money(self, expr: ColumnElement[Any], scale: int) -> ColumnElement[Any]:
        sign = case((expr < number(0), text("-")), else_=text(""))
        units = func.abs(expr)
        if scale == 0:
            return sign.concat(cast(units, Text))
        factor = number(10**scale)
        # Integer division: SQLAlchemy's `/` would make it true division.
        whole = cast(units.op("/")(factor), Text)
        fraction = func.substr(
            text("0" * scale).concat(cast(units.op("%")(factor), Text)),
            number(-scale),
            number(scale),
        )
        return sign.concat(whole).concat(text(".")).concat(fraction)

    def rounded_mean(
        self, magnitude: ColumnElement[Any], n: ColumnElement[Any], scale: int
    ) -> ColumnElement[Any]:
        # Scaled integers: floor((2m + n) / 2n) is m / n rounded half up, exactly.
        two = number(2)
        # Grouped: a custom operator binds loosest, and money() divides it again.
        units = (two * magnitude + n).self_group().op("/")((two * n).self_group()).self_group()
        return self.money(units, scale)

    def moment(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" (naive UTC); a time stored
        # without its fraction is 19 characters long.
        base = (
            func.substr(expr, number(1), number(10))
            .concat(text("T"))
            .concat(func.substr(expr, number(12), number(8)))
        )
        fraction = func.substr(expr, number(20))
        with_fraction = base.concat(
            case((fraction == text(".000000"), text("")), else_=fraction)
        ).concat(text("+00:00"))
        return case(
            (func.length(expr) == number(26), with_fraction),
            (func.length(expr) == number(19), base.concat(text("+00:00"))),
            else_=self.decline(),
        )

    def day(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        return case(
            (func.length(expr) == number(10), expr), (expr.is_(None), null()), else_=self.decline()
        )

    def boolean(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        return case(
            (expr.is_(None), null()),
            (expr != number(0), func.json("true")),
            else_=func.json("false"),
        )


class PostgreSQL(Dialect):
    name = "postgresql"

    def obj(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]:
        return func.json_build_object(*_pairs(pairs))

    def object_key(self, key: str) -> str:
        # json_build_object's own spacing.
        return f'"{key}" : {{'

    def array(self, value: ColumnElement[Any], rank: ColumnElement[Any] | None) -> Any:
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        ordered = func.json_agg(value if rank is None else aggregate_order_by(value, rank))
        return func.coalesce(ordered, literal_column("'[]'::json"))

    def flag(self, condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return condition

    def wide(self, column: Column[Any]) -> bool:
        return isinstance(column.type, BigInteger)

    def json(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.to_json(value)

    def truth(self, value: bool) -> ColumnElement[Any]:
        return literal_column("true" if value else "false")

    def decline(self) -> ColumnElement[Any]:
        return func.chr(number(1)).concat(text(DECLINE_MARK)).concat(func.chr(number(1)))

    def global_id(self, type_name: str, pk: ColumnElement[Any]) -> ColumnElement[Any]:
        raw = func.convert_to(text(f"{type_name}:").concat(cast(pk, Text)), text("UTF8"))
        # encode() wraps base64 at 76 characters; an id is far shorter, but be exact.
        return func.replace(func.encode(raw, text("base64")), literal_column("E'\\n'"), text(""))

    def money(self, expr: ColumnElement[Any], scale: int) -> ColumnElement[Any]:
        return cast(func.round(expr, number(scale)), Text)

    def rounded_mean(
        self, magnitude: ColumnElement[Any], n: ColumnElement[Any], scale: int
    ) -> ColumnElement[Any]:
        # NUMERIC division keeps 16 significant digits at least; round() goes half away
        # from zero, as ROUND_HALF_UP does.
        return cast(func.round(magnitude / n, number(scale)), Text)

    def moment(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        utc = func.timezone(text("UTC"), expr)
        seconds = func.to_char(utc, text('YYYY-MM-DD"T"HH24:MI:SS'))
        micro = func.to_char(utc, text("US"))
        fraction = case((micro == text("000000"), text("")), else_=text(".").concat(micro))
        return seconds.concat(fraction).concat(text("+00:00"))

    def day(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.to_char(expr, text("YYYY-MM-DD"))

    def boolean(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        return expr


DIALECTS: dict[str, Dialect] = {"sqlite": SQLite(), "postgresql": PostgreSQL()}
