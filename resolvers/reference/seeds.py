"""The reference lists a new CRM starts with (resolvers.reference_data inserts each once,
when its table is empty), and the table each fills: seeds.toml, and the countries
pycountry knows."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib import resources
from typing import Any

import pycountry
from sqlmodel import SQLModel

from resolvers.models import Country, model_of

Rows = list[dict[str, Any]]


def countries() -> Rows:
    return [
        {
            "iso2": c.alpha_2,
            "iso3": c.alpha_3,
            "short_name": getattr(c, "common_name", c.name),
            "long_name": getattr(c, "official_name", c.name),
        }
        for c in pycountry.countries
    ]


def _lists() -> dict[str, Rows]:
    text = resources.files(__package__).joinpath("seeds.toml").read_text("utf-8")
    # Rates are money: Decimal, never float.
    lists: dict[str, Rows] = tomllib.loads(text, parse_float=Decimal)
    return lists


REFERENCE: Sequence[tuple[type[SQLModel], Rows | Callable[[], Rows]]] = (
    (Country, countries),
    *((model_of(table), rows) for table, rows in _lists().items()),
)
