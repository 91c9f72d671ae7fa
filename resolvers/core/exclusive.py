"""Fields a write takes one of, not both (a task hangs off a project or a customer; a
reply is a staff member's or a contact's): declared once beside the model, checked by the
service with it and stated by the OpenAPI document from it (`not` both given)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from resolvers.core.errors import Invalid


@dataclass(frozen=True)
class NotBoth:
    """`first` and `second` are not both given. A field named in `null_counts` is given
    when it is sent at all (null too); any other only when it holds a value."""

    first: str
    second: str
    message: str
    # The field the refusal names.
    named: str
    null_counts: tuple[str, ...] = ()

    def given(self, data: Mapping[str, Any], name: str) -> bool:
        if name not in data:
            return False
        return name in self.null_counts or data[name] is not None

    def check(self, data: Mapping[str, Any]) -> None:
        """Refuse `data` (the fields as sent, unset ones absent) naming both."""
        if self.given(data, self.first) and self.given(data, self.second):
            raise Invalid.field(self.named, self.message)


# What each model declares; a model's subclasses share its rules.
_DECLARED: dict[type[BaseModel], tuple[NotBoth, ...]] = {}


def declare(model: type[BaseModel], *rules: NotBoth) -> tuple[NotBoth, ...]:
    _DECLARED[model] = _DECLARED.get(model, ()) + rules
    return rules


def rules_of(model: type[BaseModel]) -> tuple[NotBoth, ...]:
    """The rules `model` (or a model it extends) declares."""
    return tuple(rule for base, rules in _DECLARED.items() if issubclass(model, base)
                 for rule in rules)  # fmt: skip
