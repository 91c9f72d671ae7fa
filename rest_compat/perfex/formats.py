"""How Perfex writes values: every one a string, money with two decimals, dates as
"YYYY-MM-DD", times as "YYYY-MM-DD HH:MM:SS", a missing reference as "0"."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from resolvers.custom_fields import CHOICE_TYPES
from rest_compat.envelopes import perfex_time
from rest_compat.perfex.fields import ref, text, yes

__all__ = ["amount", "day", "php_list", "read_custom", "ref", "stamp", "text", "yes"]

stamp = perfex_time


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
