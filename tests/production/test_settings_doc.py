"""docs/settings.md cannot drift from the code: every variable `Settings.from_env` reads
is documented, and each default written as a literal is what `check-config` prints."""

from __future__ import annotations

import re
from pathlib import Path

from gateway.config_check import UNSET, check, variables

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"
ROW = re.compile(r"^\| `(?P<name>[A-Z0-9_]+)` \| (?P<default>[^|]*) \|")


def documented() -> dict[str, str]:
    rows = (ROW.match(line) for line in DOC.read_text().splitlines())
    return {m["name"]: m["default"].strip() for m in rows if m}


def test_every_setting_is_documented() -> None:
    missing = [name for name in variables() if name not in documented()]
    assert not missing, f"add these to docs/settings.md: {missing}"


def test_documented_defaults_are_the_ones_in_effect() -> None:
    # given an empty environment
    lines, errors, _ = check({})
    assert not errors
    effective = dict(line.split("=", 1) for line in lines)
    for name, default in documented().items():
        if name not in effective:
            continue  # HOST/PORT and PROMETHEUS_MULTIPROC_DIR belong to `serve`
        # then a literal default is exactly what check-config prints
        if re.fullmatch(r"`[^`]*`", default):
            assert effective[name] == default.strip("`"), name
        elif default == "unset":
            assert effective[name] == UNSET, name
