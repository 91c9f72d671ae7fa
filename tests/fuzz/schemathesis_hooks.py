"""Schemathesis hooks for .ci/schemathesis.sh (SCHEMATHESIS_HOOKS=tests.fuzz.schemathesis_hooks):
strategies for the GraphQL schema's own scalars, which it cannot guess."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# The gateway's Decimal takes a string ("12.50") or a number; both are worth sending. Only
# values it takes: a query schemathesis calls valid must be answered without errors (its
# positive_data_acceptance check), and NaN, Infinity, "1e309", "abc" and "" are refused
# by name in tests/fuzz (test_bad_input.py) instead.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(
            min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=2
        )
        .map(str)
        .map(nodes.String),
        st.integers(min_value=-(10**12), max_value=10**12).map(nodes.Int),
    ),
)
# A file part of a multipart request: a query alone can only send null for it.
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
# Any JSON value (a custom table row's values): text, whole numbers and flags (schemathesis
# sends null itself where the argument may be null).
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.text(max_size=20).map(nodes.String),
        st.integers(min_value=-(10**6), max_value=10**6).map(nodes.Int),
        st.booleans().map(nodes.Boolean),
    ),
)


@schemathesis.check
def graphql_no_unexpected_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> None:
    """The gateway labels every expected failure (`extensions.code`: INVALID, NOT_FOUND...)
    and masks anything else as "Unexpected error.": that, or a 5xx, is a server error.
    (Schemathesis' own GraphQL check trusts only Apollo's and graphql-java's labels.)"""
    if response.status_code >= 500:
        raise AssertionError(f"server error {response.status_code}: {response.text[:300]}")
    if "graphql" not in case.operation.label.lower() and not case.operation.label.startswith(
        ("Query.", "Mutation.", "Subscription.")
    ):
        return
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"not JSON: {response.text[:300]}") from None
    for error in body.get("errors") or [] if isinstance(body, dict) else []:
        code = (error.get("extensions") or {}).get("code")
        if error.get("message") == "Unexpected error." or code == "INTERNAL":
            raise AssertionError(f"an unexpected error: {error}")
