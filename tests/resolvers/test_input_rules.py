"""The one input rule both transports apply: text no engine stores, and numbers past
every column, refused naming the field; whole numbers read from ASCII digits only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from resolvers.core.errors import Invalid
from resolvers.core.numbers import ID_MAX, whole_number
from resolvers.core.validation import check_data, parse


class Line(BaseModel):
    description: str = ""
    qty: Decimal = Decimal(1)


class Doc(BaseModel):
    customer_id: int | None = None
    ratio: float | None = None
    items: list[Line] = []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"items": [{"description": "a\x00"}]}, "items.0.description"),
        ({"items": [{"description": "\udfff"}]}, "items.0.description"),
        ({"note\x00": 1}, "body"),
        ({"customer_id": 2**31}, "customer_id"),
        ({"customer_id": -(2**31) - 1}, "customer_id"),
        ({"ratio": "inf"}, "ratio"),
        ({"ratio": "nan"}, "ratio"),
        ({"items": [{"qty": "1e999999999"}]}, "items.0.qty"),
        ({"items": [{"qty": "10000000000000"}]}, "items.0.qty"),
    ],
)
def test_parse_refuses_what_no_column_holds_naming_the_field(
    data: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        parse(Doc, data)
    assert list(refused.value.errors) == [field]


def test_parse_keeps_what_columns_hold() -> None:
    doc = parse(Doc, {"customer_id": 2**31 - 1, "items": [{"qty": "9999999999999.99"}]})
    assert doc.customer_id == 2**31 - 1
    assert doc.items[0].qty == Decimal("9999999999999.99")


def test_nested_input_is_walked_without_recursion() -> None:
    deep: Any = "ok"
    for _ in range(60):
        deep = {"a": deep}
    check_data(deep)
    for _ in range(10):
        deep = [deep]
    with pytest.raises(Invalid):
        check_data(deep)


@pytest.mark.parametrize(
    ("value", "number"),
    [("17", 17), (" 17 ", 17), (17, 17), ("²", None), ("٣", None), ("1_0", None), ("-1", None),
     ("", None), (True, None), (str(ID_MAX), ID_MAX), (str(ID_MAX + 1), None), ("9" * 5000, None),
     (1.0, None)],
)  # fmt: skip
def test_whole_numbers_are_ascii_digits_within_the_id_range(value: Any, number: int | None) -> None:
    assert whole_number(value) == number
