"""A splice puts its fields where the class names it, in the schema's order, and makes
fresh resolver fields for each type that uses it."""

from __future__ import annotations

import strawberry

from schema.inputs import given
from schema.splice import Column, Made, Splice, spliced, unset

HEAD = Splice(number=int, label=Column(str, "Shown to customers."))


def shout() -> str:
    return "HI"


TAIL = Splice(shout=Made(lambda: strawberry.field(resolver=shout, description="Loud.")))


@strawberry.type
@spliced
class Doc:
    first: bool
    _head: Splice = HEAD
    last: int
    _tail: Splice = TAIL

    @strawberry.field
    def after(self) -> str:
        return "after"


def test_splice_keeps_the_declared_order_and_descriptions() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def doc(self) -> Doc:
            return Doc(first=True, number=1, label="a", last=2)  # type: ignore[call-arg]

    schema = strawberry.Schema(query=Query)
    fields = schema.get_type_by_name("Doc").fields  # type: ignore[union-attr]
    assert [f.name for f in fields] == ["first", "number", "label", "last", "shout", "after"]
    assert fields[2].description == "Shown to customers."
    result = schema.execute_sync("{ doc { first number label last shout after } }")
    assert result.errors is None
    assert result.data == {
        "doc": {
            "first": True,
            "number": 1,
            "label": "a",
            "last": 2,
            "shout": "HI",
            "after": "after",
        }
    }


def test_each_type_gets_its_own_fields() -> None:
    @strawberry.type
    @spliced
    class One:
        _tail: Splice = TAIL

    @strawberry.type
    @spliced
    class Two:
        _tail: Splice = TAIL

    one = One.__strawberry_definition__.fields[0]  # type: ignore[attr-defined]
    two = Two.__strawberry_definition__.fields[0]  # type: ignore[attr-defined]
    assert one is not two
    assert one.origin is One and two.origin is Two


@strawberry.input
@spliced
class Pay:
    first: str
    _money: Splice = Splice(amount=unset(int | None, "In cents."), note=unset(str | None))
    last: bool | None = strawberry.UNSET


seen: list[dict[str, object]] = []


@strawberry.type
class PayQuery:
    @strawberry.field
    def pay(self, input: Pay) -> bool:
        seen.append(given(input))
        return True


def test_an_input_splice_leaves_out_what_the_client_does_not_send() -> None:
    # Given an input whose middle fields come from a splice of fields a client may omit
    seen.clear()
    schema = strawberry.Schema(query=PayQuery)
    fields = schema.get_type_by_name("Pay").fields  # type: ignore[union-attr]
    assert [f.name for f in fields] == ["first", "amount", "note", "last"]
    assert fields[1].description == "In cents."

    # When a client sends some of them, one as null
    result = schema.execute_sync('{ pay(input: {first: "a", note: null}) }')

    # Then only what it sent is given, the null as None
    assert result.errors is None
    assert seen == [{"first": "a", "note": None}]
