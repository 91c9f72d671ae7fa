"""The one way schema/ turns a global id a client sent into the database id the service
layer takes. Every wrong id is refused alike, naming the input field: an `Invalid` that
a mutation renders as a userError and a query as an error whose `extensions.fields` name
the field."""

from __future__ import annotations

from resolvers.core.errors import Invalid
from schema.node import RowType, decode_global_id


def decode_id(value: str | None, kind: str | type[RowType], field: str = "id") -> int:
    """The database id inside `value`, which must be a global id of `kind` (a GraphQL
    type name, or the type itself). None is refused too: it reaches here only from
    fields that take an id or a databaseId and were given neither."""
    type_name = kind if isinstance(kind, str) else kind.graphql_name()
    if value is None:
        raise Invalid.field(field, "give an id or a databaseId")
    found, key = decode_global_id(value, field)
    if found != type_name:
        raise Invalid.field(field, f"is a {found} id, not a {type_name} id")
    return key
