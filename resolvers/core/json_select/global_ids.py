"""Global ids (schema.node.encode_global_id: base64 of "Type:pk") computed by SQLite.

SQLite has no base64: the database registers `sqlite_global_id` as a deterministic
function (gateway/database.py) and the statement calls it once per object. SQLite reads
run on the event loop's own thread, so the call hands the GIL to no one; it costs less
than spelling the base64 out in SQL arithmetic, a pick from ten characters per digit
(~0.6 against ~1.0 us of CPU a row, docs/performance.md, "Compiled shapes").
"""

from __future__ import annotations

import base64

GLOBAL_ID_FUNCTION = "crm_global_id"


def sqlite_global_id(type_name: str, pk: int | None) -> str | None:
    """schema.node.encode_global_id as a deterministic SQLite function."""
    if pk is None:
        return None
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()
