"""How Perfex writes values: every one a string, money with two decimals, dates as
"YYYY-MM-DD", times as "YYYY-MM-DD HH:MM:SS", a missing reference as "0"."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from resolvers.custom_fields import CHOICE_TYPES
from rest_compat.envelopes import perfex_time
from rest_compat.records import Dialect, Format

__all__ = ["PERFEX", "amount", "day", "php_list", "read_custom", "ref", "stamp", "text", "yes"]

stamp = perfex_time


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def ref(value: int | None) -> str:
    return "0" if value is None else str(value)


def yes(value: bool | None) -> str:
    return "1" if value else "0"


def amount(value: Decimal | None) -> str | None:
    """Money as Perfex shows it ("1200.00"), rendered from the Decimal, never a float."""
    return None if value is None else f"{value:.2f}"


def day(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date().isoformat()
    return value.isoformat()


def day_time(value: dt.date | None) -> str | None:
    """A date where Perfex keeps a datetime ("2019-01-02 00:00:00": task dates)."""
    return None if value is None else f"{value.isoformat()} 00:00:00"


def php_list(csv: str) -> str:
    """Ids stored "1,2" as Perfex's serialized PHP array: a:2:{i:0;s:1:"1";i:1;s:1:"2";}."""
    items = [part for part in csv.split(",") if part]
    body = "".join(f'i:{i};s:{len(v)}:"{v}";' for i, v in enumerate(items))
    return f"a:{len(items)}:{{{body}}}"


def read_custom(values: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A record's custom fields as its reads show them: label and value, choices joined
    ("Option 1, Option 2"); unset ones are left out, as Perfex leaves them."""
    shown = []
    for field in values:
        value = field["value"]
        if not value:
            continue
        if field["type"] in CHOICE_TYPES and value.startswith("["):
            value = ", ".join(json.loads(value))
        shown.append({"label": field["label"], "value": value})
    return shown


def _or_none(value: Any) -> Any:
    return value or None


# Perfex's record fields (rest_compat.records): every value a string or null.
PERFEX = Dialect(
    "rest_compat.perfex",
    {
        "same": Format(lambda v: v, str, "value"),
        "str": Format(str, str, "text"),
        "text": Format(text, str | None),
        "ref": Format(ref, str, "ref"),
        "yes": Format(yes, str, "flag"),
        "null": Format(lambda v: None, None, "null", reads_column=False),
        "stamp": Format(stamp, str, "time"),
        "day": Format(day, str | None),
        "day_time": Format(day_time, str | None),
        "amount": Format(amount, str | None),
        "or_none": Format(_or_none, str | None),
        "php_list": Format(php_list, str),
        "number": Format(lambda v: 0 if v is None else int(v), int),
    },
)
