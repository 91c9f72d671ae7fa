"""Rows of the operator's own tables (CRM_CUSTOM_TABLES), as Perfex's customtable paths."""
