"""Inputs name other records by global id, the service layer by database id (or by a
name or code): turning one into the other, and the service's field names back into the
input's, so a userError points at the field the client sent."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

from strawberry.utils.str_converters import to_camel_case

from resolvers.core.errors import Conflict, Invalid
from schema.ids import decode_id
from schema.inputs import given
from schema.node import encode_global_id

T = TypeVar("T")
# An input field naming a record by global id -> the type it must name, or (that type,
# the service's field) where the service calls the field otherwise.
References = Mapping[str, str | tuple[str, str]]


def targets(references: References) -> dict[str, tuple[str, str]]:
    """Input field -> (type name, service field)."""
    return {f: (r, f) if isinstance(r, str) else r for f, r in references.items()}


def service_data(data: object, references: References | None = None) -> dict[str, Any]:
    """The fields the client sent, with each reference as a database id; a list of ids
    converts item by item; null stays null; enums become their values. `custom_fields`
    becomes {field id: value}."""
    values = {k: v.value if isinstance(v, Enum) else v for k, v in given(data).items()}
    for field, (type_name, target) in targets(references or {}).items():
        if field not in values:
            continue
        sent = values.pop(field)
        name = to_camel_case(field)
        if sent is None:
            values[target] = None
        elif isinstance(sent, list):
            values[target] = [decode_id(v, type_name, name) for v in sent]
        else:
            values[target] = decode_id(sent, type_name, name)
    if "custom_fields" in values:
        values["custom_fields"] = custom_values(values["custom_fields"])
    return values


def custom_values(entries: list[Any] | None, field: str = "customFields") -> dict[int | str, Any]:
    """[{customFieldId, value}] as the service's {field id: value}."""
    found: dict[int | str, Any] = {}
    for entry in entries or []:
        pk = decode_id(entry.custom_field_id, "CustomField", field)
        found[pk] = entry.value
    return found


def renamed(references: References) -> dict[str, str]:
    """Service field -> input field, for errors."""
    return {t: field for field, (_, t) in targets(references).items() if t != field}


# The service names a custom value as Perfex's form does: custom_fields[leads][3].
_CUSTOM_VALUE = re.compile(r"^custom_fields(?:\[[a-z_]+\])?\[(\d+)\]$")


def _input_name(name: str, names: Mapping[str, str]) -> str:
    """The input field a service field name stands for; a custom value's is its list and
    the CustomField's global id: customFields[Q3VzdG9tRmllbGQ6Mw==]."""
    custom = _CUSTOM_VALUE.match(name)
    if custom is not None:
        field = to_camel_case(names.get("custom_fields", "custom_fields"))
        return f"{field}[{encode_global_id('CustomField', int(custom.group(1)))}]"
    if name in names:
        return names[name]
    # A nested field is renamed part by part: "items.0.currency_id" -> "items.0.currency".
    return ".".join(names.get(part, part) for part in name.split("."))


async def naming(call: Callable[[], Awaitable[T]], names: Mapping[str, str]) -> T:
    """Run a service call; errors about its fields name the input's fields instead."""
    try:
        return await call()
    except Invalid as exc:
        errors = {_input_name(k, names): v for k, v in exc.errors.items()}
        raise Invalid(errors, exc.message) from None
    except Conflict as exc:
        if exc.field is not None and exc.field in names:
            raise Conflict(exc.message, field=names[exc.field]) from None
        raise
