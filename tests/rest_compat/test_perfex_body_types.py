"""perfex bodies hold to the types /openapi.json states, as forms and as JSON: a blank in
a list of ids is no id."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from gateway.database import Database
from resolvers.demo_data import seed_demo
from tests.factories import make_token


@pytest.fixture
async def demo_token(db: Database, tmp_path: Path) -> str:
    """A token over the demo data: record 1 of every kind exists."""
    await seed_demo(db, customers=2, storage_dir=tmp_path)
    return (await make_token(db, "*")).token


def auth(token: str) -> dict[str, str]:
    return {"authtoken": token}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/subscriptions/1", "taxes"),
        ("/api/tasks/1", "assignees"),
        ("/api/tasks/1", "followers"),
        ("/api/projects/1", "project_members"),
    ],
)
@pytest.mark.parametrize("blank", [{"{field}": ""}, {"{field}[]": ["", "1"]}, {"{field}": "1,,2"}])
async def test_a_blank_in_a_form_list_of_ids_is_refused_naming_the_field(
    client: httpx.AsyncClient, demo_token: str, path: str, field: str, blank: dict[str, object]
) -> None:
    form = {key.format(field=field): value for key, value in blank.items()}

    response = await client.put(path, data=form, headers=auth(demo_token))

    assert 400 <= response.status_code < 500, response.text
    assert any(name.split(".")[0] == field for name in response.json()["errors"]), response.text
