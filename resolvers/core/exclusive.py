"""Fields a write takes one of, not both (a task hangs off a project or a customer; a
reply is a staff member's or a contact's): declared once beside the model, checked by the
service with it and stated by the model's JSON schema from it (`not` both given), which
the OpenAPI document states under each client name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from resolvers.core.errors import Invalid

# Any value but null (said without naming null, which a form's schema never offers).
NOT_NULL: dict[str, Any] = {"type": ["string", "number", "boolean", "array", "object"]}


@dataclass(frozen=True)
class NotBoth:
    """`first` and `second` are not both given. A field named in `null_counts` is given
    when it is sent at all (null too); any other only when it holds a value other than
    null and the `blank` ones (a reference's 0)."""

    first: str
    second: str
    message: str
    # The field the refusal names.
    named: str
    null_counts: tuple[str, ...] = ()
    blank: tuple[Any, ...] = ()

    def given(self, data: Mapping[str, Any], name: str) -> bool:
        if name not in data:
            return False
        return name in self.null_counts or data[name] not in (None, *self.blank)

    def check(self, data: Mapping[str, Any], at: str = "") -> None:
        """Refuse `data` (the fields as sent, unset ones absent) naming both, naming the
        field under the path `at` (a line's "items.0.")."""
        if self.given(data, self.first) and self.given(data, self.second):
            raise Invalid.field(at + self.named, self.message)

    def schema(self) -> dict[str, Any]:
        """The rule as JSON Schema states it: `not` both given."""
        blank = {"not": {"enum": [None, *self.blank]}} if self.blank else NOT_NULL
        given = {n: {} if n in self.null_counts else blank for n in (self.first, self.second)}
        return {"not": {"required": [self.first, self.second], "properties": given}}


# What each model declares; a model's subclasses share its rules.
_DECLARED: dict[type[BaseModel], tuple[NotBoth, ...]] = {}


def declare(model: type[BaseModel], *rules: NotBoth) -> tuple[NotBoth, ...]:
    _DECLARED[model] = _DECLARED.get(model, ()) + rules
    return rules


def rules_of(model: type[BaseModel]) -> tuple[NotBoth, ...]:
    """The rules `model` (or a model it extends) declares."""
    return tuple(rule for base, rules in _DECLARED.items() if issubclass(model, base)
                 for rule in rules)  # fmt: skip
