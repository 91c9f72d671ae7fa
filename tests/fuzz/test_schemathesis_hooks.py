"""The schemathesis hooks keep a valid body valid while making it name a consistent set of
demo records: dates in order, one customer's references, a proposal's party, a task's
milestone, figures the stored lines bound."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NOT_SET
from schemathesis.generation import GenerationMode

from tests.fuzz import schemathesis_hooks as hooks

DATE = {"type": "string", "format": "date"}
ID = {"type": "integer", "minimum": 1}
NULLABLE_ID = {"anyOf": [ID, {"type": "null"}]}


def case(path: str, **path_parameters: Any) -> Any:
    return SimpleNamespace(operation=SimpleNamespace(path=path), path_parameters=path_parameters)


def test_a_date_pair_is_given_whole_and_in_order() -> None:
    documented = {"start_date": DATE, "deadline": DATE, "name": {"type": "string"}}

    swapped = hooks._dates_in_order(
        {"start_date": "2026-05-18", "deadline": "2000-01-01"}, documented
    )
    alone = hooks._dates_in_order({"deadline": "2000-01-01"}, documented)
    cleared = hooks._dates_in_order({"start_date": "2000-01-01", "deadline": None}, documented)
    timed = hooks._dates_in_order(
        {"start_date": "2000-01-01"}, {"start_date": DATE, "deadline": {"format": "date-time"}}
    )

    assert swapped == {"start_date": "2000-01-01", "deadline": "2026-05-18"}
    assert alone == {"deadline": "2000-01-01", "start_date": "2000-01-01"}
    assert cleared == {"start_date": "2000-01-01", "deadline": None}
    assert timed == {"start_date": "2000-01-01"}
    # Two spellings of one date (perfex's and tech9's due date): the other is not added.
    invoice = {"date": DATE, "duedate": DATE, "due_date": DATE}
    assert hooks._dates_in_order({"date": "2001-01-01", "due_date": None}, invoice) == {
        "date": "2001-01-01",
        "due_date": None,
    }
    assert hooks._dates_in_order({"date": "2001-01-01"}, invoice) == {
        "date": "2001-01-01",
        "duedate": "2001-01-01",
    }


def test_an_update_naming_a_customer_names_its_documented_references_too() -> None:
    documented = {"clientid": ID, "client": ID, "project_id": ID, "subject": {}}
    credit = case("/api/v1/credit-notes/{id}", id=10)
    ticket = case("/api/v1/tickets/{id}", id=17)

    named = hooks._one_customer(credit, {"project_id": 1}, documented)
    moved = hooks._one_customer(ticket, {"customer_id": 1, "project_id": 1}, {"customer_id": ID})
    untouched = hooks._one_customer(credit, {"subject": "x"}, documented)

    assert named == {"project_id": 1, "clientid": 1} and credit.path_parameters == {"id": 10}
    # v1's ticket body cannot name its contact: the first ticket's is the first customer's.
    assert moved == {"customer_id": 1, "project_id": 1} and ticket.path_parameters == {"id": 1}
    assert untouched == {"subject": "x"}


def test_a_proposal_names_the_kind_of_its_party() -> None:
    documented = {"rel_type": {}, "customer_id": ID, "lead_id": ID}

    both = hooks._proposal_consistent({"lead_id": 1, "customer_id": 1}, documented)
    lead = hooks._proposal_consistent({"lead_id": 1}, documented)

    assert both == {"customer_id": 1, "rel_type": "customer"}
    assert lead == {"lead_id": 1, "rel_type": "lead"}


def test_a_task_moved_off_its_project_leaves_its_milestone() -> None:
    documented = {"customer_id": NULLABLE_ID, "milestone_id": NULLABLE_ID}
    form = {"customer_id": ID, "milestone_id": ID, "milestone": {"anyOf": [{**ID, "minimum": 0}]}}

    to_customer = hooks._task_consistent(case("/api/tasks/{id}"), {"customer_id": 1}, documented)
    to_none = hooks._task_consistent(case("/api/v1/tasks/{id}"), {"customer_id": None}, documented)
    as_form = hooks._task_consistent(case("/api/tasks/{id}"), {"customer_id": 1}, form)

    assert to_customer == {"customer_id": 1, "milestone_id": None}
    assert to_none == {"customer_id": None, "milestone_id": None}
    assert as_form == {"customer_id": 1, "milestone": 0}


def test_figures_the_stored_lines_bound_are_within_any_total() -> None:
    assert hooks._figures({"adjustment": "-20.5"}) == {"adjustment": "20.5"}
    assert hooks._figures({"adjustment": -3}) == {"adjustment": 3}
    assert hooks._figures({"adjustment": "4"}) == {"adjustment": "4"}
    assert hooks._figures({"discount_total": 2.5e11}) == {"discount_total": 0}
    assert hooks._figures({"discount_total": "12.5"}) == {"discount_total": "0"}


# A line's figures as the document gives them (a number bounded below the figures' bound,
# or its text), under each dialect's names; the lines a property lists, by reference too.
FIGURE = {"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": 1e12},
                    {"type": "string", "pattern": "^\\d{1,12}$"}, {"type": "null"}]}  # fmt: skip
ORDER = {"type": "integer", "maximum": 1_000_000}


def lines_of(**figures: Any) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "object", "properties": figures}}


def test_lines_past_their_share_of_the_figures_bound_are_one_unit_at_one() -> None:
    documented = {
        "newitems": {"type": "array", "items": {"$ref": "#/components/schemas/NewLine"}},
        "items": lines_of(qty=FIGURE, unit_price=FIGURE, item_order=ORDER),
    }
    schemas = {"NewLine": {"type": "object", "properties": {"qty": FIGURE, "rate": FIGURE}}}
    big = {"qty": "999999999999", "rate": 999999999999.5, "description": "x"}
    fits = {"qty": 2, "rate": "10.50"}
    body = hooks._lines_within(
        {"newitems": [big, fits], "items": [{"unit_price": 3e12, "item_order": 900_000}]},
        documented,
        schemas,
    )
    assert body == {
        "newitems": [{"qty": "1", "rate": 1, "description": "x"}, {"qty": 2, "rate": "10.50"}],
        "items": [{"unit_price": 1, "item_order": 900_000}],
    }
    many = [{"qty": 1, "unit_price": 999999999999} for _ in range(200)]
    total = sum(
        Decimal(str(line["qty"])) * Decimal(str(line["unit_price"]))
        for line in hooks._lines_within({"items": many}, documented)["items"]
    )
    assert total <= hooks.LINES_BUDGET
    tags = {"tags": ["a"], "qty": 5}
    assert hooks._lines_within(dict(tags), {"tags": {"type": "array"}, "qty": FIGURE}) == tags


def test_a_lines_figures_are_read_under_the_names_its_schema_gives_them() -> None:
    # v2's rate is `amount`, and a quantity may be text: the line the whole run refused
    # ("the figures come to more than 9999999999999.99").
    documented = {"items": {"anyOf": [{"type": "null"}, lines_of(qty=FIGURE, amount=FIGURE)]}}
    line = {"amount": 628181051947.2493, "qty": "97"}

    body = hooks._lines_within({"items": [{"amount": 1, "qty": "2"}, line]}, documented)

    assert body == {"items": [{"amount": 1, "qty": "2"}, {"amount": 1, "qty": "1"}]}


def test_a_figure_a_line_leaves_to_its_catalogue_item_counts_within_the_budget() -> None:
    # The item's rate is data (a whole run refused this quote's figures): counted at its
    # most, the line's own quantity is the one made 1.
    documented = {"items": lines_of(qty=FIGURE, amount=FIGURE, item_id=ORDER)}
    lines = [{"qty": 989448798473.9835, "item_id": 1, "tax2_id": 2}, {"item_id": 1}]

    body = hooks._lines_within({"items": lines}, documented)

    assert body == {"items": [{"qty": 1, "item_id": 1, "tax2_id": 2}, {"item_id": 1}]}
    small = {"items": [{"qty": "3", "item_id": 1}]}
    assert hooks._lines_within(small, documented) == {"items": [{"qty": "3", "item_id": 1}]}


def test_a_valid_case_carries_no_nul_in_any_text_keys_included() -> None:
    # The coverage phase draws text without --generation-allow-x00 false's alphabet.
    body = {"website": "a\x00b", "tags": ["\x00"], "meta": {"k\x00": "\x00"}, "qty": 0}
    assert hooks._no_nul(body) == {"website": "axb", "tags": ["x"], "meta": {"kx": "x"}, "qty": 0}
    assert hooks._no_nul(b"\x00") == b"\x00"  # bytes are a file's, sent as they are


def test_a_timesheet_ends_after_it_starts() -> None:
    documented = {"start_time": {"format": "date-time"}, "end_time": {"format": "date-time"}}

    late = hooks._dates_in_order({"start_time": "3094-08-07T07:18:59-16:39"}, documented)
    equal = hooks._dates_in_order(
        {"start_time": "2000-01-01T00:00:00+00:00", "end_time": "2000-01-01T00:00:00+00:00"},
        documented,
    )

    assert late["end_time"] == "3094-08-07T07:19:59-16:39"
    assert equal["end_time"] == "2000-01-01T00:01:00+00:00"


def test_a_second_tax_is_another_than_the_first_stored_or_given() -> None:
    assert hooks._one_tax_each({"tax": 1}, {"tax": {}, "tax2": {}}) == {"tax": 1, "tax2": 2}
    assert hooks._one_tax_each({"tax_id": "1", "tax2_id": "1"}) == {"tax_id": "1", "tax2_id": "2"}
    assert hooks._one_tax_each({"tax_id": 1}) == {"tax_id": 1}


def test_a_valid_case_sent_without_its_optional_body_stays_valid() -> None:
    """An update may leave its body out; the hook must not make schemathesis judge that
    case invalid (it would then expect a refusal of a request the document allows)."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/api/things/{id}": {
                "put": {
                    "parameters": [{"name": "id", "in": "path", "required": True,
                                    "schema": {"type": "integer", "minimum": 1}}],
                    "requestBody": {"required": False, "content": {"application/json": {
                        "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                    }}},
                    "responses": {"200": {"description": "updated"}},
                }
            }
        },
    }  # fmt: skip
    operation = schemathesis.openapi.from_dict(document)["/api/things/{id}"]["PUT"]
    modes: list[GenerationMode] = []

    @given(operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(max_examples=400, database=None, suppress_health_check=list(HealthCheck))
    def draw(drawn: Any) -> None:
        if drawn.body is NOT_SET:
            modes.append(hooks.map_case(None, drawn).meta.generation.mode)  # type: ignore[arg-type]

    draw()

    assert modes and set(modes) == {GenerationMode.POSITIVE}
