"""A perfex create leaving out a field its row requires is refused naming that field, in
the row's own failure body: the document lists the row's `required`, and the server
holds the same list (rest_compat.routing), for every row that declares one."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx
import pytest

from rest_compat import route_tables
from rest_compat.routing import Endpoint
from tests.rest_compat.conftest import SETTINGS

FORM = {"content-type": "application/x-www-form-urlencoded"}


def _requiring() -> list[tuple[Endpoint, str]]:
    """(row, a name it requires) for every perfex row whose body requires fields."""
    found = [
        (row, name.split("[", 1)[0])
        for dialect, rows in route_tables(SETTINGS)
        if dialect.name == "perfex"
        for row in rows
        if row.fields is not None
        and (row.method == "POST" or row.fields.whole)
        for name in row.fields.required
    ]  # fmt: skip
    assert found, "no perfex row requires a field"
    return found


@pytest.mark.parametrize(
    ("row", "name"), _requiring(), ids=lambda v: v if isinstance(v, str) else f"{v.method} {v.path}"
)
async def test_a_body_without_a_required_field_is_refused_naming_it(
    client: httpx.AsyncClient, token: str, row: Endpoint, name: str
) -> None:
    assert row.fields is not None
    others = {n.split("[", 1)[0] for n in row.fields.required} - {name}
    path = re.sub(r"\{[^}]+\}", "1", row.path)
    headers = {**FORM, "Authtoken": token}

    response = await client.request(
        row.method, path, content=urlencode(dict.fromkeys(sorted(others), "1")), headers=headers
    )

    assert 400 <= response.status_code < 500, response.text
    body = response.json()
    assert body.get("status", body.get("paymentmode")) is False, body
    assert name in body["errors"], body
    assert not others & set(body["errors"]), body
