"""CRM_ARGON2_PROFILE: production hashes at RFC 9106's cost unless told otherwise; the
suite's cheap profile changes new hashes only, and an unknown name is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gateway.config_check import check
from gateway.settings import Settings
from resolvers.core import identity

SECRET = {"CRM_SECRET_KEY": "x" * 48}


@pytest.fixture
def profile() -> Iterator[None]:
    before = identity._profile
    yield
    identity.use_password_profile(before)


def test_the_default_is_rfc_9106_low_memory() -> None:
    assert Settings.from_env(SECRET).argon2_profile == "RFC_9106_LOW_MEMORY"
    assert Settings.from_env({**SECRET, "CRM_ARGON2_PROFILE": " cheapest "}).argon2_profile == (
        "CHEAPEST"
    )


def test_a_profile_sets_the_cost_of_new_hashes_only(profile: None) -> None:
    # given a hash made at production cost
    identity.use_password_profile("RFC_9106_LOW_MEMORY")
    strong = identity.hash_password("pw")
    assert "$m=65536,t=3,p=4$" in strong
    # when the cheap profile is in effect
    identity.use_password_profile("CHEAPEST")
    cheap = identity.hash_password("pw")
    # then new hashes are cheap, and both kinds verify at their own cost
    assert "$m=8,t=1,p=1$" in cheap
    assert identity.verify_password(strong, "pw") and identity.verify_password(cheap, "pw")
    assert not identity.verify_password(strong, "other")


def test_an_unknown_profile_is_refused_by_check_config() -> None:
    _, errors, _ = check({**SECRET, "CRM_ARGON2_PROFILE": "weakest"})
    assert errors == [
        "CRM_ARGON2_PROFILE: expected one of RFC_9106_LOW_MEMORY, RFC_9106_HIGH_MEMORY, CHEAPEST"
    ]
