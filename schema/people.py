"""The query and mutation roots of leads, staff, lookups, expenses, notes, calendar,
custom fields, files, transactions and reports; schema/__init__.py merges them."""

from __future__ import annotations

from schema.calendar.mutations import CalendarMutation
from schema.calendar.queries import CalendarQuery
from schema.custom_fields.mutations import CustomFieldDefinitionMutation, CustomFieldMutation
from schema.custom_fields.queries import CustomFieldQuery
from schema.expenses.mutations import ExpenseMutation
from schema.expenses.queries import ExpenseQuery
from schema.files.mutations import FileMutation, FileWrites
from schema.files.queries import FileQuery
from schema.leads.mutations import LeadConversionMutation, LeadMutation
from schema.leads.queries import LeadQuery
from schema.lookups.mutations import LookupMutation
from schema.lookups.queries import LookupQuery
from schema.notes.mutations import NoteMutation
from schema.notes.queries import NoteQuery
from schema.reports.queries import ReportQuery
from schema.staff.mutations import StaffAdminMutation, StaffWrites
from schema.staff.queries import StaffQuery
from schema.transactions.mutations import TransactionDeleteMutation, TransactionMutation
from schema.transactions.queries import TransactionQuery

QUERIES: tuple[type, ...] = (
    LeadQuery, StaffQuery, LookupQuery, ExpenseQuery, NoteQuery, CalendarQuery,
    CustomFieldQuery, TransactionQuery, ReportQuery, FileQuery,
)  # fmt: skip
MUTATIONS: tuple[type, ...] = (
    LeadMutation, LeadConversionMutation, StaffWrites, StaffAdminMutation, LookupMutation,
    ExpenseMutation, NoteMutation, CalendarMutation, CustomFieldDefinitionMutation,
    CustomFieldMutation, TransactionMutation, TransactionDeleteMutation, FileMutation, FileWrites,
)  # fmt: skip
