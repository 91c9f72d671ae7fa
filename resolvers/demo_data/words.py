"""The demo data's raw material (words.toml): names, phrases, markets and the product
catalogue, typed as the seeder draws from them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Market:
    iso2: str
    currency: str
    taxes: tuple[str, ...]
    calling: str
    tld: str
    suffixes: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]  # city, state, zip pattern ('#' is a digit)


def _market(spec: dict[str, Any]) -> Market:
    cities = tuple((city, state, zip_) for city, state, zip_ in spec["cities"])
    return Market(
        spec["iso2"],
        spec["currency"],
        tuple(spec["taxes"]),
        spec["calling"],
        spec["tld"],
        tuple(spec["suffixes"]),
        cities,
    )


_WORDS: dict[str, Any] = tomllib.loads(
    resources.files(__package__).joinpath("words.toml").read_text("utf-8")
)
FIRST: list[str] = _WORDS["first"]
LAST: list[str] = _WORDS["last"]
BRANDS: list[str] = _WORDS["brands"]
TRADES: list[str] = _WORDS["trades"]
STREETS: list[str] = _WORDS["streets"]
TITLES: list[str] = _WORDS["titles"]
PROJECTS: list[str] = _WORDS["projects"]
TASKS: list[str] = _WORDS["tasks"]
CHECKLIST: list[str] = _WORDS["checklist"]
CHAT: list[str] = _WORDS["chat"]
TICKETS: list[str] = _WORDS["tickets"]
NOTES: list[str] = _WORDS["notes"]
DISCUSSIONS: list[str] = _WORDS["discussions"]
SUPPORT: list[str] = _WORDS["support"]
CALENDAR: list[str] = _WORDS["calendar"]
FILES: list[str] = _WORDS["files"]
TERMS: dict[str, str] = _WORDS["terms"]
CONTRACTS: dict[str, str] = _WORDS["contracts"]
PLANS: list[tuple[str, str]] = [(name, price) for name, price in _WORDS["plans"]]
EXPENSES: dict[str, tuple[list[str], int, int]] = {
    category: (names, lo, hi) for category, (names, lo, hi) in _WORDS["expenses"].items()
}
FIELDS: list[tuple[str, str, str, list[str]]] = [
    (to, name, kind, options) for to, name, kind, options in _WORDS["fields"]
]
CATALOGUE: list[list[str]] = _WORDS["catalogue"]
QTY: dict[str, tuple[int, int]] = {unit: (lo, hi) for unit, (lo, hi) in _WORDS["qty"].items()}
MARKETS = [_market(spec) for spec in _WORDS["markets"]]
MARKET_WEIGHTS: list[int] = [spec["weight"] for spec in _WORDS["markets"]]
