"""A subscription's taxes as one list of at most two, the cap held by the service."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.database import Database
from resolvers import subscriptions
from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.models import Tax
from tests.resolvers.test_subscriptions import id_named, make_customer, subscribe


async def test_a_list_of_taxes_fills_both_slots_and_an_empty_one_clears_them(
    ctx: Ctx, db: Database
) -> None:
    vat, gst = await id_named(db, Tax, "VAT"), await id_named(db, Tax, "GST")
    customer = await make_customer(db)
    row = await subscribe(ctx, customer["id"], taxes=[vat, gst])
    assert (row["tax_id"], row["tax2_id"]) == (vat, gst)
    cleared = await subscriptions.update_subscription(ctx, row["id"], {"taxes": []})
    assert (cleared["tax_id"], cleared["tax2_id"]) == (None, None)


@pytest.mark.parametrize(
    "change",
    [{"taxes": [1, 2, 3]}, {"taxes": [1, 1]}, {"taxes": [1], "tax2_id": 2}],
)
async def test_more_than_two_a_repeat_or_both_forms_are_refused_naming_taxes(
    ctx: Ctx, db: Database, change: dict[str, Any]
) -> None:
    customer = await make_customer(db)
    with pytest.raises(Invalid) as refused:
        await subscribe(ctx, customer["id"], **change)
    assert list(refused.value.errors) == ["taxes"]
