"""Input models are validated once, here, for every transport."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from resolvers.errors import Invalid

M = TypeVar("M", bound=BaseModel)


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def parse(model: type[M], data: Mapping[str, Any]) -> M:
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors(include_url=False):
            name = _field_name(tuple(err["loc"]))
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "Unknown field"
            errors.setdefault(name, message)
        first = next(iter(errors.items()))
        raise Invalid(errors, f"{first[0]}: {first[1]}") from None
