"""Reading files."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.files import FILES, list_files
from schema.fields import connection_field, record_field


@strawberry.type
class FileQuery:
    file = record_field(FILES)
    files = connection_field(
        FILES, list_files, description="Files, newest first unless ordered otherwise.",
        order=[Order("created_at", "desc")],
    )  # fmt: skip
