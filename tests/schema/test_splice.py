"""A splice puts its fields where the class names it, in the schema's order, and makes
fresh resolver fields for each type that uses it."""

from __future__ import annotations

import strawberry

from schema.splice import Column, Made, Splice, spliced

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
