"""The rules the service enforces on a body's values that a model's plain JSON schema does
not state, written into the OpenAPI document from the same declarations the service
checks with: which fields take null (resolvers.core.nulls, from the table's columns), what
text a Decimal takes, which email domains email-validator refuses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any, get_args

import email_validator
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema
from sqlalchemy import Table

from resolvers import numbering
from resolvers.core import exclusive, nulls, validation
from resolvers.core.numbers import ID_MAX
from resolvers.core.patterns import FALSE_WORDS, PY_SPACE, TRUE_WORDS, any_word
from resolvers.core.resources import REGISTRY, Resource
from resolvers.estimates.actions import ConvertFields
from resolvers.expenses import ExpenseFields
from resolvers.invoices.inputs import InvoiceFields
from resolvers.leads.actions import LeadConversion
from resolvers.leads.resource import LeadFields
from resolvers.line_items.documents import NumberedFields
from resolvers.line_items.inputs import LineItemInput, LineItemsFields
from resolvers.notes import REL_TYPES, NoteCreate, NoteFields
from resolvers.proposals.rules import ProposalFields
from resolvers.subscriptions import SubscriptionFields
from resolvers.tasks import rules as task_rules
from resolvers.tasks.checklist import ChecklistFields
from resolvers.tasks.rules import TaskFields
from resolvers.tickets.replies import ReplyCreate
from resolvers.tickets.resource import TicketFields
from resolvers.webhooks import guard
from resolvers.webhooks.resource import WebhookFields
from rest_compat.readers import any_case_of, either

# email-validator refuses these domains (RFC 6761 special-use names) wherever a model
# says EmailStr, deliverability checks or not.
SPECIAL_USE = any_word(email_validator.SPECIAL_USE_DOMAIN_NAMES)
EMAIL_PATTERN = rf"^(?![\s\S]*@(?:[^@]*\.)?(?:{SPECIAL_USE})\.?$)"


def decimal_text(number: JsonSchemaValue) -> str:
    """The text a Decimal field takes, bounded as its number is: digits with an optional
    fraction, a sign only where the field takes negatives, and no more whole digits than
    its maximum has (so any such text is within it)."""
    minimum = number.get("minimum", number.get("exclusiveMinimum"))
    maximum = number.get("maximum", number.get("exclusiveMaximum"))
    sign = "" if minimum is not None and Decimal(str(minimum)) >= 0 else "-?"
    # Above zero: some digit other than 0.
    nonzero = "(?=[0-9.]*[1-9])" if number.get("exclusiveMinimum") == 0 else ""
    if "minimum" in number and 0 < Decimal(str(minimum)) <= 1:
        nonzero = _at_least(Decimal(str(minimum)))
    if maximum is None:
        whole = r"\d+"
    else:
        top = str(int(Decimal(str(maximum))))
        digits = len(top) if set(top) == {"9"} else len(top) - 1
        whole = rf"\d{{1,{max(digits, 1)}}}"
    step = number.get("multipleOf")
    exponent = Decimal(str(step)).normalize().as_tuple().exponent if step else None
    # No more fraction digits than the places it keeps, besides trailing zeros.
    fraction = r"\d+" if not isinstance(exponent, int) else rf"\d{{1,{-exponent}}}0*|0+"
    return rf"^{nonzero}{sign}{whole}(\.(?:{fraction}))?$"


def _digits(number: JsonSchemaValue, most: int | None, places: int | None) -> None:
    """A Decimal's digits as pydantic counts them (leading and trailing zeros aside): at
    most `places` in the fraction (a multiple of 10**-places), and so at most `most -
    places` whole ones (below 10**(most - places), either sign)."""
    if places is not None:
        number["multipleOf"] = float(Decimal(1).scaleb(-places))
    if most is None:
        return
    top = 10 ** (most - (places or 0))
    if "maximum" not in number or number["maximum"] >= top:
        number.pop("maximum", None)
        number["exclusiveMaximum"] = min(number.get("exclusiveMaximum", top), top)
    if "minimum" not in number and "exclusiveMinimum" not in number:
        number["exclusiveMinimum"] = -top


def _at_least(minimum: Decimal) -> str:
    """A lookahead for text at least `minimum`, a power of ten up to 1 (0.01: a cent):
    a non-zero whole digit, or one within the fraction's first places."""
    exponent = minimum.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"a decimal minimum of {minimum} has no pattern here")
    places = -exponent
    if minimum.normalize() != Decimal(1).scaleb(-places):
        raise ValueError(f"a decimal minimum of {minimum} has no pattern here")
    fraction = "" if places <= 0 else rf"|0*\.0{{0,{places - 1}}}[1-9]"
    return rf"(?=0*[1-9]{fraction})"


# What pydantic's lax bool takes besides true and false (its str_to_bool words, any
# case, and the numbers 0 and 1): what every model's flag takes from a client.
BOOL_WORDS = (*FALSE_WORDS, *TRUE_WORDS)
BOOL_TEXT = rf"^(?:{any_word(BOOL_WORDS)})$"


class DocumentedJsonSchema(GenerateJsonSchema):
    """Pydantic's JSON schema with the rules its validators apply beyond the types."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        # Every model, nested ones too (a document's lines): its references' least id
        # and its "not both" rules (resolvers.core.exclusive).
        shown = super().model_schema(schema)
        model = schema["cls"]
        for name, floor in reference_floors(model).items():
            if name in shown.get("properties", {}):
                least_id(shown["properties"][name], floor)
        if rules := exclusive.rules_of(model):
            shown["allOf"] = [rule.schema() for rule in rules]
        return shown

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        # Every whole number a model reads is refused past a 32-bit column's range
        # (resolvers.core.validation, after the model): within the model's own bounds.
        shown = super().int_schema(schema)
        low, high = -validation.INT_BOUND, validation.INT_BOUND - 1
        shown["minimum"] = max(shown.get("minimum", low), low)
        shown["maximum"] = min(shown.get("maximum", high), high)
        return shown

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]},
                          {"type": "string", "pattern": BOOL_TEXT}]}  # fmt: skip

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        shown = super().decimal_schema(schema)
        variants = shown.get("anyOf")
        if not variants:
            return shown
        number: JsonSchemaValue = next((v for v in variants if v.get("type") == "number"), {})
        _digits(number, schema.get("max_digits"), schema.get("decimal_places"))
        for variant in variants:
            if variant.get("type") == "string" and "pattern" not in variant:
                variant["pattern"] = decimal_text(number)
        return shown


# A reference id names a record: ids start at 1 (0 too where the field reads 0 as none),
# so a lower one names nothing and is refused (the dialect's "no such record" answer).
# A model's references are its table's foreign keys and its resource's relations (a
# `one` relation's name or column, a `through` list's name); these the service looks up
# in code with nothing declared beside the model: (model, field).
CHECKED_REFERENCES: tuple[tuple[type[BaseModel], str], ...] = (
    (ChecklistFields, "assigned_id"),
    (ReplyCreate, "staff_id"),
    (ReplyCreate, "contact_id"),
    (LeadConversion, "default_currency"),
    (LineItemInput, "id"),
    (LineItemInput, "item_id"),
    (LineItemInput, "tax_id"),
    (LineItemInput, "tax2_id"),
    (LineItemsFields, "removed_items"),
    (InvoiceFields, "allowed_payment_modes"),
    (SubscriptionFields, "taxes"),
    (NoteFields, "rel_id"),
    (TaskFields, "rel_id"),
    (ProposalFields, "rel_id"),
)


def _resource_of(model: type[BaseModel]) -> Resource | None:
    table = table_of_model(model)
    return next((r for r in REGISTRY.values() if r.table is table), None)


def reference_floors(model: type[BaseModel]) -> dict[str, int]:
    """The fields that name a record by id in the model's body, each with its least id
    (`_floor`)."""
    table = table_of_model(model)
    # Each reference with the column it writes.
    columns = {name: name for base, name in CHECKED_REFERENCES if issubclass(model, base)}
    if table is not None:
        columns.update((c.name, c.name) for c in table.columns if c.foreign_keys)
    resource = _resource_of(model)
    for name, relation in (resource.relations if resource else {}).items():
        if relation.kind == "one":
            columns.update({name: relation.column, relation.column: relation.column})
        elif relation.kind == "through":
            columns[name] = name
    return {name: _floor(model, name, table, column) for name, column in columns.items()}


def _floor(model: type[BaseModel], name: str, table: Table | None, column: str) -> int:
    """1, or 0 where 0 reads as none: the field's own validator says so (a line's "no
    tax"), or the field takes an id or a code (`int | str`), which resolvers.lookups
    finds reading 0 as none (Perfex), and its column keeps none."""
    field = model.model_fields.get(name)
    if field is None:
        return 1  # read beside the model (a payment's invoice)
    shown: Any = (
        Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    )
    try:
        if TypeAdapter(shown).validate_python(0) is None:
            return 0
    except ValidationError:
        return 1
    coded = str in get_args(field.annotation)
    return 0 if coded and (table is None or nulls.takes_null(table, column)) else 1


def least_id(schema: dict[str, Any], floor: int) -> None:
    for variant in schema.get("anyOf", [schema]):
        shown = variant.get("items", {}) if variant.get("type") == "array" else variant
        if shown.get("type") == "integer":
            shown["minimum"] = max(shown.get("minimum", floor), floor)


def emails_refused(node: Any) -> Any:
    """Every `format: email` in `node` with the domains email-validator refuses (EmailStr
    writes its own schema, type and format alone)."""
    if isinstance(node, dict):
        out = {k: emails_refused(v) for k, v in node.items()}
        if out.get("format") == "email" and "pattern" not in out:
            out["pattern"] = EMAIL_PATTERN
        return out
    if isinstance(node, list):
        return [emails_refused(v) for v in node]
    return node


def _at_most(top: int) -> str:
    """An ECMA-262 alternation for the whole numbers 1 to `top`, no leading zeros."""
    digits = str(top)
    parts = [rf"[1-9]\d{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    for i, digit in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(digit) > low:
            parts.append(rf"{digits[:i]}[{low}-{int(digit) - 1}]\d{{{len(digits) - i - 1}}}")
    return "|".join([*parts, digits])


# A document number as numbering.parse_number reads text: stripped, any prefix ending in
# a non-digit, then 1 to MAX_NUMBER in ASCII digits (leading zeros taken).
DOCUMENT_NUMBER_TEXT = (
    rf"^{PY_SPACE}*(?:[\s\S]*[^0-9])?0*(?:{_at_most(numbering.MAX_NUMBER)}){PY_SPACE}*$"
)

# What pydantic's str_strip_whitespace trims from a model's text (pydantic-core trims
# Unicode White_Space, which is neither ECMA-262's \\s nor Python's str.strip()).
MODEL_SPACE = r"[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def stripped_kind(words: Iterable[str]) -> str:
    """One of `words` in any case, or none (blank), as a model that strips its text and
    lower-cases it reads it (a task's rel_type)."""
    return rf"^{MODEL_SPACE}*(?:{any_word(words)})?{MODEL_SPACE}*$"


def _letters_any_case(pattern: str) -> str:
    # A pattern of lower-case words and no escapes, matched as a reader that lower-cases.
    return re.sub("[a-z]", lambda m: f"[{m[0]}{m[0].upper()}]", pattern)


# Text rules a service checks in code after the model (a webhook URL is parsed by the
# guard that calls it, a document number by numbering.parse_number): (model, field) ->
# what its text must match, from the checker's own declaration.
TEXT_RULES: tuple[tuple[type[BaseModel], str, str], ...] = (
    (WebhookFields, "url", guard.URL_PATTERN),
    (NumberedFields, "number", DOCUMENT_NUMBER_TEXT),
    (ConvertFields, "number", DOCUMENT_NUMBER_TEXT),
    (NoteCreate, "rel_type", any_case_of(REL_TYPES)),
    (TaskFields, "rel_type", stripped_kind([*task_rules.REL_TYPES, *task_rules.REL_ALIASES])),
    (
        TaskFields,
        "repeat_every",
        rf"^{MODEL_SPACE}*(?:{_letters_any_case(task_rules.REPEAT)}){MODEL_SPACE}*$",
    ),
)
# Whole-number bounds a service checks in code after the model, the same way.
NUMBER_RULES: tuple[tuple[type[BaseModel], str, int, int], ...] = (
    (NumberedFields, "number", 1, numbering.MAX_NUMBER),
    (ConvertFields, "number", 1, numbering.MAX_NUMBER),
)


def _text_rule(schema: dict[str, Any], pattern: str) -> None:
    for variant in schema.get("anyOf", [schema]):
        if variant.get("type") == "string":
            variant["pattern"] = pattern


def _number_rule(schema: dict[str, Any], low: int, high: int) -> None:
    for variant in schema.get("anyOf", [schema]):
        if variant.get("type") == "integer":
            variant.update(minimum=low, maximum=high)


BOUNDS = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")


def _stated_beside(schema: dict[str, Any]) -> None:
    """A rule a model states beside a validator that checks it in its own words
    (`json_schema_extra`: a bound, the codes taken) sits beside an optional field's or a
    Decimal's `anyOf`, where it holds for no variant: moved onto the number or integer,
    and a Decimal's text pattern follows its bounds."""
    variants = schema.get("anyOf", [])
    codes = schema.pop("enum", None) if variants else None
    if codes is not None:
        for variant in variants:
            if variant.get("type") == "integer":
                variant["enum"] = codes
    number = next((v for v in variants if v.get("type") == "number"), None)
    stated = {k: schema.pop(k) for k in BOUNDS if k in schema}
    if number is None or not stated:
        schema.update(stated)
        return
    number.update(stated)
    for variant in variants:
        if variant.get("type") == "string" and "pattern" in variant:
            variant["pattern"] = decimal_text(number)


# What pydantic's str_strip_whitespace keeps.
NOT_SPACE = f"[^{MODEL_SPACE[1:]}"


def _not_blank(schema: dict[str, Any]) -> None:
    """A model that strips its text measures a minimum length after stripping: text
    that must not be empty must hold something besides spaces."""
    for variant in schema.get("anyOf", [schema]):
        if variant.get("type") == "string" and variant.get("minLength", 0) >= 1:
            variant.setdefault("pattern", NOT_SPACE)


# A record of a reference list named by id or by name (a lead's status or source, a
# ticket's status or priority), as the lookups read it: an id from 1, or text holding more
# than spaces that is no zero; which names and ids exist is the data's to say. (model,
# field, whether null and "" are taken, meaning none.)
NAMED_RULES: tuple[tuple[type[BaseModel], str, bool], ...] = (
    (ExpenseFields, "category", False),
    (LeadFields, "status", False),
    (LeadFields, "source", False),
    (TicketFields, "status", False),
    (TicketFields, "priority", True),
    (ReplyCreate, "status", True),
)
NAME_OR_ID_TEXT = rf"^(?!{PY_SPACE}*0+{PY_SPACE}*$)[\s\S]*?[^{PY_SPACE[1:]}"


def named_field(model: type[BaseModel], name: str) -> bool:
    """Whether the model's `name` names a record by id or name (NAMED_RULES)."""
    return any(issubclass(model, base) and name == field for base, field, _ in NAMED_RULES)


def _named_rule(schema: dict[str, Any], none: bool) -> None:
    text = either(NAME_OR_ID_TEXT, "^$") if none else NAME_OR_ID_TEXT
    shown = {k: v for k, v in schema.items() if k == "description"}
    schema.clear()
    schema.update(shown)
    schema["anyOf"] = [
        # whole_number's range: past it an id names nothing, as a missing one does.
        {"type": "integer", "minimum": 1, "maximum": ID_MAX},
        {"type": "string", "pattern": text},
        *([{"type": "null"}] if none else []),
    ]


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    shown: dict[str, Any] = emails_refused(
        model.model_json_schema(schema_generator=DocumentedJsonSchema)
    )
    properties = shown.get("properties", {})
    for schema in properties.values():
        _stated_beside(schema)
        if model.model_config.get("str_strip_whitespace"):
            _not_blank(schema)
    for base, name, pattern in TEXT_RULES:
        if issubclass(model, base) and name in properties:
            _text_rule(properties[name], pattern)
    for base, name, low, high in NUMBER_RULES:
        if issubclass(model, base) and name in properties:
            _number_rule(properties[name], low, high)
    for base, name, none in NAMED_RULES:
        if issubclass(model, base) and name in properties:
            _named_rule(properties[name], none)
    for name, codes in _codes_checked(model).items():
        for variant in properties.get(name, {}).get("anyOf", []):
            if variant.get("type") == "integer":
                variant["enum"] = list(codes)
    return shown


def _codes_checked(model: type[BaseModel]) -> dict[str, tuple[int, ...]]:
    """Fields a validator holds to a few codes in its own words (a client may set an
    invoice's status only to 1 or 6: line_items.inputs.status_among), by field."""
    found: dict[str, tuple[int, ...]] = {}
    for decorator in model.__pydantic_decorators__.field_validators.values():
        codes = getattr(decorator.func, "codes", None)
        if codes is not None:
            found.update(dict.fromkeys(decorator.info.fields, tuple(codes)))
    return found


def _stem(model: type[BaseModel]) -> str:
    name = re.sub(r"(Fields|Create|Input|Update)$", "", model.__name__)
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# Models that write a table no resource's verbs nor their name lead to (a task's
# checklist item, a ticket's reply): (model, resource).
WRITTEN_TO: tuple[tuple[type[BaseModel], str], ...] = (
    (ChecklistFields, "task_checklist_items"),
    (ReplyCreate, "ticket_replies"),
)


def table_of_model(model: type[BaseModel]) -> Table | None:
    """The table a service input model writes: the resource whose verbs take it (or a
    model it extends), else the one WRITTEN_TO names, else the resource named as the
    model is (CustomerFields -> customers), else None (its nulls follow the model alone)."""
    for resource in REGISTRY.values():
        verbs = resource.verbs
        for taken in (verbs.create, verbs.update) if verbs else ():
            if taken is not None and (issubclass(model, taken) or issubclass(taken, model)):
                return resource.table
    for base, name in WRITTEN_TO:
        if issubclass(model, base):
            return REGISTRY[name].table
    stem = _stem(model)
    for name in (stem, f"{stem}s", stem.replace("_", "")):
        if name in REGISTRY:
            return REGISTRY[name].table
    return None


def fixed_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields an update refuses (the resource's `fixed`: what a record hangs off),
    for the resource whose verbs take `model`."""
    for resource in REGISTRY.values():
        verbs = resource.verbs
        for taken in (verbs.create, verbs.update) if verbs else ():
            if taken is not None and (issubclass(model, taken) or issubclass(taken, model)):
                return tuple(verbs.fixed) if verbs else ()
    return ()


# Fields that are no column whose null the service refuses in code (a proposal's rel_id
# names the party its rel_type needs: proposals.rules): (model, field).
NULL_REFUSED: tuple[tuple[type[BaseModel], str], ...] = (
    (ProposalFields, "rel_id"),
    (NumberedFields, "items"),
    (NumberedFields, "new_items"),
)


def takes_null(
    table: Table | None, service_name: str, model: type[BaseModel] | None = None
) -> bool | None:
    """Whether the service keeps a null for this field (None: the table does not say)."""
    if model is not None and any(
        issubclass(model, base) and service_name == name for base, name in NULL_REFUSED
    ):
        return False
    if service_name == "custom_fields":
        # A record's custom values are no column: the generic verbs read a null as none
        # (resolvers.core.writes), for every resource.
        return True
    if table is None or service_name not in table.columns:
        return None
    return nulls.takes_null(table, service_name)
