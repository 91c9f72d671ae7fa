"""The fixed code lists: the name each code is shown by is a name a client may send for
it, and every code a client may send has a name to show."""

from __future__ import annotations

import pytest

from resolvers.reference import codes


@pytest.mark.parametrize(
    ("shown", "sent"),
    [
        (codes.TASK_STATUS_NAMES, codes.TASK_STATUSES),
        (codes.TASK_PRIORITY_NAMES, codes.TASK_PRIORITIES),
        (codes.PROJECT_BILLING_TYPE_NAMES, codes.PROJECT_BILLING_TYPES),
    ],
)
def test_each_shown_name_sends_its_code(shown: dict[int, str], sent: dict[str, int]) -> None:
    assert {sent[name] for name in shown.values()} == set(shown)
    assert all(sent[name] == code for code, name in shown.items())
    assert set(sent.values()) == set(shown)


def test_the_tech9_task_document_shows_the_names_the_service_takes() -> None:
    from rest_compat.tech9.fields.work import TASK_SCHEMA

    assert TASK_SCHEMA["status"]["enum"] == list(codes.TASK_STATUS_NAMES.values())
    assert all(name in codes.TASK_STATUSES for name in TASK_SCHEMA["status"]["enum"])
    assert all(name in codes.TASK_PRIORITIES for name in TASK_SCHEMA["priority"]["enum"])
