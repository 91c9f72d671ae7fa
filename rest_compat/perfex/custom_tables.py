"""perfex's thirdparty/customtable paths: the reader hands over the declared tables, the
shapers answer every value as a string, as Perfex's MySQL rows come out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from starlette.responses import Response

from resolvers import custom_tables
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.custom_tables import CustomTables
from rest_compat.envelopes import perfex_time, reply
from rest_compat.errors import BadRequest
from rest_compat.readers import body_data
from rest_compat.reply_schemas import (
    ANY_RECORD,
    BOOLEAN,
    INTEGER,
    STRING,
    array,
    describe,
    obj_with,
    replies,
)
from rest_compat.routing import Args, Call, Operation, Shaper

NO_TABLES = CustomTables()


def declared(call: Call) -> CustomTables:
    """What create_app parsed from CRM_CUSTOM_TABLES; an app without it declares none."""
    found = getattr(call.request.app.state, "custom_tables", None)
    return found if isinstance(found, CustomTables) else NO_TABLES


async def table(call: Call) -> Args:
    return (declared(call), call.path("table_name")), {}


async def table_and_id(call: Call) -> Args:
    return (declared(call), call.path("table_name"), call.id()), {}


async def table_and_body(call: Call) -> Args:
    return (declared(call), call.path("table_name"), body_data(call)), {}


async def table_id_and_body(call: Call) -> Args:
    return (declared(call), call.path("table_name"), call.id(), body_data(call)), {}


def column_errors_are_400(operation: Operation) -> Operation:
    """The document answers an unknown column with 400 and only a message; other perfex
    writes answer a refused field with 404."""

    async def run(ctx: Ctx, *args: Any) -> Any:
        try:
            return await operation(ctx, *args)
        except Invalid as exc:
            raise BadRequest(exc.message) from None

    return run


def value(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, datetime):
        return perfex_time(v) if v.tzinfo else v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date | Decimal):
        return str(v)
    if isinstance(v, bytes):
        return v.decode(errors="replace")
    return str(v)


def shown(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: value(v) for k, v in row.items()}


# A row's columns are the operator's, known only once a request names the table: an
# open object, said so in the document.
OPERATOR_ROW = {
    **ANY_RECORD,
    "description": "A row of an operator-defined table: its columns (and their names) "
    "are the table's own, so the record is an open object.",
}


@replies(array(OPERATOR_ROW))
async def rows_shown(call: Call, result: Sequence[Row]) -> Response:
    return reply([shown(r) for r in result])


@replies(OPERATOR_ROW)
async def row_shown(call: Call, result: Row) -> Response:
    return reply(shown(result))


def done(message: str, status: int = 200) -> Shaper:
    async def shape(call: Call, result: Row) -> Response:
        body: dict[str, Any] = {"status": True, "message": message}
        if call.row.method == "POST":
            # The service shows the key first, whatever the table calls it.
            body["id"] = call.encode(int(next(iter(result.values()))))
        return reply(body, status)

    return describe(shape, obj_with({"status": BOOLEAN, "message": STRING}, {"id": INTEGER}))


create = column_errors_are_400(custom_tables.create_custom_row)
update = column_errors_are_400(custom_tables.update_custom_row)
