"""Field maps: a dialect's request field names and values -> the service layer's.

Each dialect names fields its own way (`phonenumber`, `account`, `first_name`,
`address1`); the service layer uses the columns' names. A map renames what the client
sends, converts values written the dialect's way ("on" for a checked box), drops the
read-only fields clients echo back from a read, and names the client's field in errors.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from resolvers.core.errors import Invalid
from resolvers.core.nulls import NOT_NULL
from resolvers.core.numbers import whole_number

# A target is a service field name, or a function of the value giving service fields.
Target = str | Callable[[Any], Mapping[str, Any]]


@dataclass(frozen=True)
class FieldMap:
    fields: Mapping[str, Target]
    # Read-only or unsupported fields a client may send back: accepted and not stored.
    ignore: frozenset[str] = frozenset()
    # Lists of records inside the body, each read with its own map (ninja's contacts).
    nested: Mapping[str, FieldMap] = field(default_factory=dict)
    # The service input model, for the OpenAPI document's types.
    model: type[BaseModel] | None = None
    # Names the client must send (for the OpenAPI document).
    required: tuple[str, ...] = ()
    # Extra documentation: name -> JSON schema, for fields the model does not describe.
    schema: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # The body's arguments, not a record's changes (an action's value, a sign-in, an
    # upload): `required` holds for every method, not only for a create.
    whole: bool = False
    # The model's fields the body takes, where it takes fewer than all (empty: all).
    only: tuple[str, ...] = ()
    # Names a create takes and an update refuses (what the record hangs off, fixed once
    # written): the document leaves them out of an update's body.
    create_only: tuple[str, ...] = ()
    # The media types the reader takes, where it takes fewer than the dialect's (an upload
    # is multipart/form-data alone); empty: the dialect's own.
    media: tuple[str, ...] = ()

    def to_service(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Unknown names pass through unchanged, so the service refuses them by name. Two
        names of one field (v1's `clientid` and `customer_id`) are refused: one of them."""
        out: dict[str, Any] = {}
        given: dict[str, str] = {}
        for name, value in data.items():
            if name in self.ignore:
                continue
            if name in self.nested and value is None:
                # The document states a nested list as a list, never null (openapi's
                # body_schema): a null is refused by name, not read as the field left out.
                raise Invalid.field(name, NOT_NULL)
            if name in self.nested and isinstance(value, list):
                inner = self.nested[name]
                out[name] = [inner.to_service(v) if isinstance(v, Mapping) else v for v in value]
                continue
            target = self.fields.get(name, name)
            if (service := self.service_of(name)) is not None:
                if service in given:
                    raise Invalid.field(given[service], f"given again as {name}: give one of them")
                given[service] = name
            if isinstance(target, str):
                out[target] = value
            else:
                out.update(target(value))
        return out

    def missing(self, body: Mapping[str, Any]) -> Invalid | None:
        """Where `required` holds (a create, a whole body), the refusal of a body leaving
        out any of its names, naming each: the document states `required` from this same
        list, and the service would store a record the dialect's own clients never make
        (Perfex's invoice with no number)."""
        given = {self.service_of(name) or name for name in body}
        heads = dict.fromkeys(name.split("[", 1)[0] for name in self.required)
        # Any name of the field gives it (v1's `clientid` for `customer_id`).
        absent = {n: "is required" for n in heads if (self.service_of(n) or n) not in given}
        return Invalid(absent, f"Required: {', '.join(absent)}") if absent else None

    def service_of(self, name: str) -> str | None:
        """The one service field a body name writes: its rename, a converting Into's
        field, or the name itself where no map says; None for a conversion that writes
        several."""
        target = self.fields.get(name, name)
        service = target if isinstance(target, str) else getattr(target, "service", None)
        return service if isinstance(service, str) else None

    def client_name(self, service_name: str, sent: Collection[str] = ()) -> str:
        """The client's name for a service field, "contacts.0.firstname" included. Where
        several names reach one field (v1's userid, clientid...), the one in `sent` (the
        body's keys) wins: the error names what this client wrote."""
        head, _, rest = service_name.partition(".")
        if head in self.nested and rest:
            index, _, inner = rest.partition(".")
            return (
                f"{head}.{index}.{self.nested[head].client_name(inner)}" if inner else service_name
            )
        names = [
            name
            for name, target in self.fields.items()
            if target == head or getattr(target, "service", None) == head
        ]
        if not names:
            return service_name
        chosen = next((n for n in names if n in sent), names[0])
        return chosen + (f".{rest}" if rest else "")


class Into:
    """A target writing one service field from the client's value; it knows that
    field's name, so errors about it name the client's field."""

    def __init__(
        self,
        service: str,
        convert: Callable[[Any], Any],
        words: tuple[str, ...] = (),
        blank: bool = False,
        zero: bool = False,
    ) -> None:
        self.service = service
        self._convert = convert
        # Text the conversion reads besides the service field's own values (any case,
        # spaces around), for the OpenAPI document.
        self.words = words
        # Blank text is none (null), where the field takes null; 0 too, if `zero`.
        self.blank = blank
        self.zero = zero

    def __call__(self, value: Any) -> Mapping[str, Any]:
        return {self.service: self._convert(value)}


def is_blank(value: Any) -> bool:
    """None, or text of spaces alone: how a form leaves a field out."""
    return value is None or (isinstance(value, str) and not value.strip())


def boolean(value: Any) -> bool:
    """A checkbox or flag the way PHP forms send it: "on", "1", "true", "yes"."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return text in ("1", "on", "true", "yes")


FLAG_ON = ("1", "on", "true", "yes")
FLAG_OFF = ("", "0", "off", "false", "no")


def flag(service: str, client: str | None = None) -> Into:
    """A checkbox as PHP forms send it: "on", "1", "true", "yes" or its own name for
    checked, "", "0", "off", "false" or "no" for not, any case, spaces around. Any other
    value goes to the service's flag as sent, which refuses it naming the field."""
    name = client or service

    def convert(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return value
        text = str(value).strip().lower()
        if text in FLAG_ON or text == name.lower():
            return True
        return False if text in FLAG_OFF else value

    return Into(service, convert, words=(*FLAG_ON, *FLAG_OFF, name))


def integers(service: str) -> Into:
    """A list of ids sent as strings ("1", "2") or a single comma-separated string. An
    entry that is no id (null, blank, a flag, a fraction), or a value that is no list,
    reaches the model as sent, which refuses it by name as the document's list of integers
    says."""

    def entry(item: Any) -> Any:
        if not isinstance(item, str):
            return item
        number = whole_number(item)
        # A number past any id stays text, refused by the model naming the field.
        return item.strip() if number is None else number

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        # Anything but a list (null, which the model reads as none) reaches it as sent.
        return [entry(item) for item in value] if isinstance(value, list) else value

    return Into(service, convert)
