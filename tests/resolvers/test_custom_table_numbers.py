"""Numbers written to the operator's own tables (perfex's thirdparty/customtable paths):
what the column cannot hold is refused naming the column, never left to fail in the
driver (SQLite refuses an int past 64 bits, PostgreSQL past the column's type, NaN)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid, NotFound
from resolvers.custom_tables import create_custom_row, get_custom_row, parse_custom_tables
from tests.auth.test_custom_tables import shoes  # noqa: F401  (the operator's table)

TABLES = parse_custom_tables("shoes")
pytestmark = pytest.mark.usefixtures("shoes")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("shoenumber", "123456789012345678901234567890"),
        ("shoenumber", 123456789012345678901234567890),
        ("shoenumber", "9223372036854775808"),
        ("shoenumber", 2**31),
        ("shoenumber", "²"),
        ("shoenumber", "1_000"),
        ("shoenumber", 1.5),
        ("price", "NaN"),
        ("price", "Infinity"),
        ("price", "-inf"),
        ("price", "1e999999999"),
        ("price", float("nan")),
        ("price", "123456789012.5"),
        ("price", "12,5"),
    ],
)
async def test_numbers_the_column_cannot_hold_are_refused_naming_it(
    ctx: Ctx, column: str, value: object
) -> None:
    with pytest.raises(Invalid) as refused:
        await create_custom_row(ctx, TABLES, "shoes", {column: value})
    assert list(refused.value.errors) == [column]


async def test_numbers_in_range_are_stored(ctx: Ctx) -> None:
    made = await create_custom_row(
        ctx, TABLES, "shoes", {"shoenumber": 2**31 - 1, "price": "99999999.99"}
    )
    assert made["shoenumber"] == 2**31 - 1
    assert made["price"] == Decimal("99999999.99")
    assert (await create_custom_row(ctx, TABLES, "shoes", {"price": 1e2}))["price"] == 100


async def test_an_id_past_the_key_column_names_no_row(ctx: Ctx) -> None:
    for row_id in (2**31, 2**63, 10**30):
        with pytest.raises(NotFound):
            await get_custom_row(ctx, TABLES, "shoes", row_id)
