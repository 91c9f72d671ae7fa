"""Global ids (schema.node.encode_global_id: base64 of "Type:pk") computed by SQLite.

SQLite has no base64, and a Python function called per row makes the reading thread
take the GIL for every id. But in base64 of "Type:" + the id's digits every output
character depends on at most one digit (a digit byte's high bits are always 0b0011), so
for ids of n digits the encoding is fixed text and, per digit, a pick from ten
characters: plain SQL arithmetic. Ids below zero or of more than MAX_DIGITS digits use
the registered Python function.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column

GLOBAL_ID_FUNCTION = "crm_global_id"
MAX_DIGITS = 12


def sqlite_global_id(type_name: str, pk: int | None) -> str | None:
    """schema.node.encode_global_id as a deterministic SQLite function."""
    if pk is None:
        return None
    return _encode(type_name, pk)


def _encode(type_name: str, pk: int | str) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


# A run of fixed text, or (digit position from the left, the ten characters it picks from).
Piece = str | tuple[int, str]


@cache
def pieces(type_name: str, digits: int) -> tuple[Piece, ...]:
    """The encoding of "Type:" + a `digits`-digit id, character by character."""
    zeros = "0" * digits
    fixed = _encode(type_name, zeros)
    found: list[Piece] = []
    for at, char in enumerate(fixed):
        picks = [
            (
                i,
                "".join(
                    _encode(type_name, zeros[:i] + str(d) + zeros[i + 1 :])[at] for d in range(10)
                ),
            )
            for i in range(digits)
        ]
        varying = [(i, chars) for i, chars in picks if len(set(chars)) > 1]
        if len(varying) > 1:
            raise AssertionError(f"{type_name}: character {at} depends on two digits")
        if varying:
            found.append(varying[0])
        elif found and isinstance(found[-1], str):
            found[-1] += char
        else:
            found.append(char)
    return tuple(found)


def _literal(value: str) -> ColumnElement[Any]:
    return literal_column("'" + value.replace("'", "''") + "'")


def _digit(pk: ColumnElement[Any], position: int, digits: int) -> ColumnElement[Any]:
    power = 10 ** (digits - 1 - position)
    shifted = pk.op("/")(literal_column(str(power))) if power > 1 else pk
    return shifted.op("%")(literal_column("10"))


def sqlite_global_id_sql(type_name: str, pk: ColumnElement[Any]) -> ColumnElement[Any]:
    fallback = getattr(func, GLOBAL_ID_FUNCTION)(_literal(type_name), pk)
    branches: list[tuple[ColumnElement[bool], ColumnElement[Any]]] = [
        (pk < literal_column("0"), fallback)
    ]
    for digits in range(1, MAX_DIGITS + 1):
        parts: list[ColumnElement[Any]] = []
        for piece in pieces(type_name, digits):
            if isinstance(piece, str):
                parts.append(_literal(piece))
            else:
                position, chars = piece
                pick = _digit(pk, position, digits).op("+")(literal_column("1"))
                parts.append(func.substr(_literal(chars), pick, literal_column("1")))
        encoded = parts[0]
        for part in parts[1:]:
            encoded = encoded.concat(part)
        branches.append((pk < literal_column(str(10**digits)), encoded))
    return case(*branches, else_=fallback)
