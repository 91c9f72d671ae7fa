"""perfex rows for the operator's own tables (Thirdparty – Custom Table)."""

from __future__ import annotations

from resolvers import custom_tables
from rest_compat.perfex import custom_tables as ct
from rest_compat.routing import Endpoint as R

PATH = "/api/thirdparty/customtable/{table_name}"

ROUTES = [
    R("GET", PATH, custom_tables.list_custom_rows, ct.table, ct.rows_shown,
      "Thirdparty – Get All Records from Custom Table"),
    R("GET", PATH + "/{id}", custom_tables.get_custom_row, ct.table_and_id, ct.row_shown,
      "Thirdparty – Get Record from Custom Table by ID"),
    R("POST", PATH, ct.create, ct.table_and_body, ct.done("Record created successfully", 201),
      "Thirdparty – Insert Record into Custom Table", status=201),
    R("PUT", PATH + "/{id}", ct.update, ct.table_id_and_body,
      ct.done("Record updated successfully"), "Thirdparty – Update Record in Custom Table"),
    R("DELETE", PATH + "/{id}", custom_tables.delete_custom_row, ct.table_and_id,
      ct.done("Record deleted successfully"), "Thirdparty – Delete Record from Custom Table"),
]  # fmt: skip
