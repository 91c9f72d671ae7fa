"""Perfex's REST module (`/api/`, header `authtoken`): form bodies, string values."""

from __future__ import annotations

from rest_compat.ids import IntegerIds
from rest_compat.routing import Dialect

DIALECT = Dialect(name="perfex", ids=IntegerIds(), security=("authtoken", "bearer"))
