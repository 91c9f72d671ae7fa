"""The expected failures of the service layer. Each transport renders them in its dialect."""

from __future__ import annotations

from collections.abc import Collection, Mapping


class DomainError(Exception):
    code = "ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    code = "NOT_FOUND"

    def __init__(self, resource: str, key: object) -> None:
        super().__init__(f"{resource} {key} was not found")
        self.resource = resource
        self.key = key


class Invalid(DomainError):
    """Bad input; `errors` names each field with what is wrong with it."""

    code = "INVALID"

    def __init__(self, errors: Mapping[str, str], message: str = "Validation failed") -> None:
        super().__init__(message)
        self.errors = dict(errors)

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls({name: message}, message)


class Missing(Invalid):
    """A field names a record that does not exist (`no customer 9`): input well formed,
    about data that is not there. GraphQL answers it as any invalid field; REST as a
    record not found (404), naming the field, so a client tells it from a malformed body."""


class Conflict(DomainError):
    code = "CONFLICT"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def partly_stored(before: object, sent: Collection[str], *names: str) -> bool:
    """Whether a rule over `names` reads a value the record holds: an update (`before`)
    that sends fewer than all of them."""
    return bool(before) and not set(names) <= set(sent)


def refusal(field: str, message: str, *, stored: bool) -> Invalid | Conflict:
    """A rule over several values (a second tax repeating the first): the body's own values
    breaking it are invalid input; where a value the record holds takes part (`stored`),
    each sent value is valid and the record's state refuses them."""
    return Conflict(message, field=field) if stored else Invalid.field(field, message)


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "Missing or invalid credentials") -> None:
        super().__init__(message)


class Forbidden(DomainError):
    code = "FORBIDDEN"

    def __init__(self, resource: str, action: str) -> None:
        super().__init__(f"This credential may not {action} {resource}")
        self.resource = resource
        self.action = action


class Stale(Conflict):
    """The caller's copy is out of date (If-Match, expectedUpdatedAt): re-read, then retry.

    A Conflict, so every place that answers conflicts answers this one too."""

    code = "STALE"

    def __init__(self, resource: str, key: object) -> None:
        super().__init__(
            f"{resource} {key} was changed since it was read; read it again and retry",
            field="expected_updated_at",
        )
        self.resource = resource
        self.key = key
