"""Tech9's Perfex API (`/api/`, header `Authtoken`): JSON bodies, integer ids."""

from __future__ import annotations

from rest_compat.ids import IntegerIds
from rest_compat.routing import Dialect

DIALECT = Dialect(name="tech9", ids=IntegerIds(), security=("authtoken", "bearer"))
