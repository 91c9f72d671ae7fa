"""The one id decoder: a global id of the named type gives its database id; any other
id is refused naming the input field."""

from __future__ import annotations

import pytest

from resolvers.core.errors import Invalid
from schema.customers.types import CustomerType
from schema.ids import decode_id
from schema.node import encode_global_id


def test_an_id_of_the_named_type_gives_its_database_id() -> None:
    assert decode_id(encode_global_id("Customer", 7), "Customer", "customerId") == 7
    assert decode_id(encode_global_id("Customer", 7), CustomerType) == 7


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (encode_global_id("Staff", 7), "is a Staff id, not a Customer id"),
        ("nope", "'nope' is not a global id this API issued"),
        (None, "give an id or a databaseId"),
    ],
)
def test_any_other_value_is_refused_naming_the_field(value: str | None, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        decode_id(value, CustomerType, "customerId")
    assert refused.value.errors == {"customerId": message}
