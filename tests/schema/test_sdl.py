"""The committed schema.graphql is what the code serves: clients and reviewers read it."""

from __future__ import annotations

import difflib
from pathlib import Path

from schema import schema

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_graphql_is_up_to_date() -> None:
    assert SDL.exists(), "schema.graphql is missing: run `make schema` and commit it"
    committed = SDL.read_text()
    current = schema.as_str() + "\n"

    diff = list(
        difflib.unified_diff(
            committed.splitlines(), current.splitlines(), "schema.graphql", "code", lineterm=""
        )
    )

    assert not diff, "schema.graphql is stale: run `make schema` and commit it\n" + "\n".join(
        diff[:60]
    )
