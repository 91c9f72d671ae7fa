"""What Perfex's forms for invoices, estimates, credit notes, proposals and contracts
send, in the service layer's names."""

from __future__ import annotations

from resolvers import contracts, credit_notes, estimates, proposals
from resolvers.invoices import InvoiceFields
from rest_compat.perfex.bodies import Repeats, chain, lines, optional, recurring, reference
from rest_compat.renames import FieldMap, Target, flag, integers

# Shared by the three documents' forms.
DOCUMENT_FIELDS: dict[str, Target] = {
    "clientid": "customer_id",
    "newitems": "new_items",
    "items": "item_updates",
    "removed_items": integers("removed_items"),
    "adminnote": "admin_note",
    "clientnote": "client_note",
    "project_id": reference("project_id"),
    "include_shipping": flag("include_shipping"),
    "discount_percent": optional("discount_percent"),
    "adjustment": optional("adjustment"),
    "date": optional("date"),
    "subtotal": optional("subtotal"),
    "total": optional("total"),
}
# Read-only fields a client echoes back from a read; accepted, not stored.
DOCUMENT_READ_ONLY = frozenset(
    {"id", "datecreated", "addedfrom", "hash", "sent", "datesend", "deleted_customer_name",
     "number_format", "show_quantity_as", "total_left_to_pay", "customfields", "attachments",
     "client", "payments", "items_count", "task_id", "expense_id", "token", "short_link",
     "save_and_send", "save_and_record_payment"}
)  # fmt: skip
DOCUMENT_SCHEMA = {
    "newitems[N][description]": {"type": "string", "description": "A new line (also "
                                 "long_description, qty, rate, unit, order, taxname[])"},
    "items[N][itemid]": {"type": "string", "description": "A stored line to change"},
    "removed_items[]": {"type": "string", "description": "Ids of lines to remove"},
    "custom_fields[invoice][ID]": {"type": "string", "description": "A custom field's value"},
}  # fmt: skip
prepare_document = chain(lines, recurring)

INVOICE_IN = FieldMap(
    fields={
        **DOCUMENT_FIELDS,
        "duedate": optional("due_date"),
        "sale_agent": reference("sale_agent_id"),
        "show_shipping_on_invoice": flag("show_shipping", "show_shipping_on_invoice"),
        "cancel_overdue_reminders": flag("cancel_overdue_reminders"),
        "allowed_payment_modes": integers("allowed_payment_modes"),
        "recurring": Repeats("recurring", "recurring_type"),
        "subscription_id": reference("subscription_id"),
    },
    ignore=DOCUMENT_READ_ONLY | {"custom_recurring", "is_recurring_from", "total_cycles"},
    model=InvoiceFields,
    required=(
        "clientid",
        "number",
        "date",
        "currency",
        "newitems",
        "subtotal",
        "total",
        "billing_street",
        "allowed_payment_modes",
    ),  # fmt: skip
    schema=DOCUMENT_SCHEMA,
)
ESTIMATE_IN = FieldMap(
    fields={
        **DOCUMENT_FIELDS,
        "duedate": optional("expiry_date"),
        "expirydate": optional("expiry_date"),
        "reference": "reference_no",
        "sale_agent": reference("sale_agent_id"),
        "show_shipping_on_estimate": flag("show_shipping", "show_shipping_on_estimate"),
    },
    ignore=DOCUMENT_READ_ONLY | {"invoiceid", "invoiced_date", "pipeline_order"},
    model=estimates.EstimateFields,
    required=("clientid", "number", "date", "currency", "newitems", "subtotal", "total"),
    schema=DOCUMENT_SCHEMA,
)
CREDIT_NOTE_IN = FieldMap(
    fields={
        **DOCUMENT_FIELDS,
        "show_shipping_on_credit_note": flag("show_shipping", "show_shipping_on_credit_note"),
    },
    ignore=DOCUMENT_READ_ONLY | {"credit_note_id"},
    model=credit_notes.CreditNoteFields,
    required=("clientid", "date", "number", "currency", "newitems", "subtotal", "total"),
    schema=DOCUMENT_SCHEMA,
)

PROPOSAL_IN = FieldMap(
    fields={
        # The document names some fields with a capital ("Related", "Assigned", "Email").
        "Related": "rel_type",
        "related": "rel_type",
        "Assigned": reference("assigned_id"),
        "assigned": reference("assigned_id"),
        "Email": "email",
        "newitems": "new_items",
        "items": "item_updates",
        "removed_items": integers("removed_items"),
        "date": optional("date"),
        "open_till": optional("open_till"),
        "allow_comments": flag("allow_comments"),
        "discount_percent": optional("discount_percent"),
        "adjustment": optional("adjustment"),
        "subtotal": optional("subtotal"),
        "total": optional("total"),
    },
    ignore=frozenset(
        {
            "id",
            "hash",
            "datecreated",
            "addedfrom",
            "estimate_id",
            "invoice_id",
            "date_converted",
            "pipeline_order",
            "is_expiry_notified",
            "customfields",
            "attachments",
            "show_quantity_as",
            "short_link",
            "save_and_send",
        }
    ),  # fmt: skip
    model=proposals.ProposalFields,
    required=(
        "subject",
        "Related",
        "rel_id",
        "proposal_to",
        "date",
        "currency",
        "Email",
        "newitems",
    ),  # fmt: skip
    schema={"newitems[N][description]": {"type": "string", "description": "A new line"}},
)
prepare_proposal = lines

CONTRACT_IN = FieldMap(
    fields={
        "client": "customer_id",
        "datestart": optional("start_date"),
        "dateend": optional("end_date"),
        "contract_type": reference("contract_type_id"),
        "contract_value": optional("contract_value"),
        "project_id": reference("project_id"),
        "not_visible_to_client": flag("not_visible_to_client"),
    },
    ignore=frozenset(
        {
            "id",
            "hash",
            "dateadded",
            "addedfrom",
            "isexpirynotified",
            "trash",
            "signed",
            "signature",
            "marked_as_signed",
            "customfields",
            "attachments",
            "short_link",
        }
    ),  # fmt: skip
    model=contracts.ContractFields,
    required=("subject", "datestart", "client"),
    schema={"custom_fields[contracts][ID]": {"type": "string"}},
)
