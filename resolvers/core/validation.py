"""Input models are validated once, here, for every transport; and the one rule for text
no engine can store, which both transports apply to everything a client sends."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, get_args

from annotated_types import MaxLen
from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, ValidationError
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from resolvers.core.errors import Invalid


def _not_flag(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "must be a number, not true or false")
    return value


# Digits with an optional sign and fraction: text pydantic's lax mode reads as Unix
# seconds for a date or a time.
_NUMBER_TEXT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]*)?")
TEMPORAL = ("date", "datetime", "time")


def _not_number(value: Any) -> Any:
    # A date or a time is ISO 8601 text, as every document writes it: lax mode would read
    # a number (or its text) as Unix seconds, which no document says.
    if isinstance(value, int | float | Decimal) or (
        isinstance(value, str) and _NUMBER_TEXT.fullmatch(value)
    ):
        raise PydanticCustomError("temporal_type", "must be ISO 8601 text, not a number")
    return value


def _kinds(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return set().union(*map(_kinds, schema))
    if isinstance(schema, dict):
        return {str(schema.get("type"))}.union(*map(_kinds, schema.values()))
    return set()


def _numbers_only(schema: Any, wrap: bool = True) -> Any:
    """`schema` with every number in it refusing true and false, which pydantic's lax mode
    reads as 1 and 0 and the document (integer, number) does not offer. A validator or a
    union around a number checks first (a reference reading 0 as none would take false;
    a union's errors name its members, `category.int`, which a wrapped one would rename).
    Every date and time refuses a number the same way (_not_number); a validator around
    one that reads Unix seconds itself (a subscription's billing times) runs first."""
    if isinstance(schema, list):
        return [_numbers_only(s, wrap) for s in schema]
    if not isinstance(schema, dict):
        return schema
    kinds, kind = _kinds(schema), str(schema.get("type"))
    out = {k: _numbers_only(v, k != "choices") for k, v in schema.items()}
    if kind in TEMPORAL:
        return core_schema.no_info_before_validator_function(_not_number, out)
    if wrap and (
        kind in ("int", "float")
        or (kind.startswith("function-") or kind == "union")
        and "bool" not in kinds
        and kinds & {"int", "float"}
    ):
        return core_schema.no_info_before_validator_function(_not_flag, out)
    return out


class Fields(BaseModel):
    """What a client writes to a service: unknown fields refused, text trimmed, no number
    given as true or false and no date or time as a number (_numbers_only)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema: CoreSchema = _numbers_only(handler(source))
        return schema


M = TypeVar("M", bound=BaseModel)

# PostgreSQL refuses a NUL in text, and neither engine takes half of a UTF-16 pair (a
# lone surrogate, which JSON's "\ud800" escape carries): either would fail in the driver.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Every integer column is 32-bit on PostgreSQL, and every amount is NUMERIC(15, 2): a
# number past these bounds would fail in the driver, so it is refused as the client's.
INT_BOUND = 2**31
AMOUNT_DIGITS = 13
AMOUNT_BOUND = Decimal(10) ** AMOUNT_DIGITS
# Nested input deeper than this is refused before it is walked (JSON bodies are bounded
# by their parsers already; this keeps the walk itself bounded).
MAX_NESTING = 64


def text_problem(value: str) -> str | None:
    """What makes `value` unstorable, or None."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "must not contain NUL characters"
    return "must be valid Unicode text (it holds a lone surrogate)"


def check_text(value: str, field: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise Invalid.field(field, problem)
    return value


def check_data(data: Any, field: str = "") -> None:
    """Refuse unstorable text anywhere in nested input, keys included, naming the field
    by its path ("items.0.description")."""
    stack: list[tuple[Any, str, int]] = [(data, field, 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            check_text(value, path or "body")
            continue
        if depth > MAX_NESTING:
            raise Invalid.field(path or "body", f"nests deeper than {MAX_NESTING} levels")
        if isinstance(value, Mapping):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                if isinstance(key, str):
                    check_text(key, path or "body")
                stack.append((item, name, depth + 1))
        elif isinstance(value, (list, tuple)):
            stack.extend((item, f"{path}.{i}" if path else str(i), depth + 1)
                         for i, item in enumerate(value))  # fmt: skip


def number_problem(value: Any) -> str | None:
    """What keeps `value` (an int, Decimal or float) out of every numeric column, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (
            None
            if -INT_BOUND <= value < INT_BOUND
            else f"must be between {-INT_BOUND} and {INT_BOUND - 1}"
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "must be a finite number"
        # adjusted(): the power of ten of the leading digit, without abs() overflowing
        # on 1e999999999.
        small = value.is_zero() or value.adjusted() < AMOUNT_DIGITS
        return None if small else f"must be less than {AMOUNT_BOUND:,} in size"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "must be a finite number"
        return None if abs(value) < AMOUNT_BOUND else f"must be less than {AMOUNT_BOUND:,} in size"
    return None


def _check_numbers(value: Any, path: str, depth: int = 0) -> None:
    if depth > MAX_NESTING:
        return
    if isinstance(value, BaseModel):
        for name, item in value:
            _check_numbers(item, f"{path}.{name}" if path else name, depth + 1)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_numbers(item, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_numbers(item, f"{path}.{i}" if path else str(i), depth + 1)
    else:
        problem = number_problem(value)
        if problem is not None:
            raise Invalid.field(path or "body", problem)


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


@cache
def _max_lengths(model: type[BaseModel]) -> dict[str, int]:
    """Each text field's max_length, by the name a client sends."""
    found: dict[str, int] = {}
    for name, field in model.model_fields.items():
        for rule in field.metadata:
            if isinstance(rule, MaxLen):
                found[field.alias or name] = rule.max_length
    return found


def _models_in(annotation: Any) -> tuple[type[BaseModel], ...]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (annotation,)
    return tuple(m for arg in get_args(annotation) for m in _models_in(arg))


@cache
def _nested(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields holding another model (a document's lines), by the name a client sends."""
    found: dict[str, type[BaseModel]] = {}
    for name, field in model.model_fields.items():
        inner = _models_in(field.annotation)
        if len(inner) == 1:
            found[field.alias or name] = inner[0]
    return found


def _check_lengths(model: type[BaseModel], data: Mapping[str, Any], path: str = "") -> None:
    """The document's maxLength counts text as sent, and the model trims before it counts:
    text padded past its bound is refused as sent, never trimmed into it."""
    for name, most in _max_lengths(model).items():
        value = data.get(name)
        if isinstance(value, str) and len(value) > most:
            message = f"String should have at most {most} characters"
            raise Invalid({path + name: message}, f"{path}{name}: {message}")
    for name, inner in _nested(model).items():
        value = data.get(name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, Mapping):
                where = f"{path}{name}.{i}." if isinstance(value, list) else f"{path}{name}."
                _check_lengths(inner, item, where)


def parse(model: type[M], data: Mapping[str, Any]) -> M:
    check_data(data)
    _check_lengths(model, data)
    try:
        parsed = model.model_validate(dict(data))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors(include_url=False):
            name = _field_name(tuple(err["loc"]))
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "Unknown field"
            errors.setdefault(name, message)
        first = next(iter(errors.items()))
        raise Invalid(errors, f"{first[0]}: {first[1]}") from None
    _check_numbers(parsed, "")
    return parsed


def next_position(highest: int | None) -> int:
    """One past the highest position, never past the column's 32-bit range: a client may
    set a position to the last one, and a record added after it then shares it."""
    return min((highest or 0) + 1, INT_BOUND - 1)
