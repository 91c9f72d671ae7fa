"""Every table of the domain. Importing this package registers them all on `metadata`."""

from resolvers.models.base import Link, Record, metadata, model_of, table_of
from resolvers.models.calendar import CalendarEvent
from resolvers.models.contracts import Contract, ContractComment, ContractRenewal
from resolvers.models.credit_notes import (
    CreditApplied,
    CreditNote,
    CreditNoteItem,
    CreditNoteRefund,
)
from resolvers.models.custom_fields import CustomField, CustomFieldValue
from resolvers.models.customers import Contact, Customer, CustomerGroupMember
from resolvers.models.estimates import Estimate, EstimateItem
from resolvers.models.events import Event
from resolvers.models.expenses import Expense
from resolvers.models.files import File
from resolvers.models.idempotency import IdempotencyKey
from resolvers.models.invoices import Invoice, InvoiceItem, Payment
from resolvers.models.items import Item
from resolvers.models.leads import Lead
from resolvers.models.lookups import (
    ContractType,
    Country,
    Currency,
    CustomerGroup,
    Department,
    ExpenseCategory,
    ItemGroup,
    LeadSource,
    LeadStatus,
    PaymentMode,
    Role,
    Tax,
    TicketPriority,
    TicketService,
    TicketStatus,
)
from resolvers.models.notes import Note
from resolvers.models.projects import (
    DiscussionComment,
    Milestone,
    Project,
    ProjectDiscussion,
    ProjectMember,
)
from resolvers.models.proposals import Proposal, ProposalComment, ProposalItem
from resolvers.models.staff import Staff, StaffDepartment, StaffPermission
from resolvers.models.subscriptions import Subscription
from resolvers.models.tasks import (
    ChecklistItem,
    Task,
    TaskAssignee,
    TaskComment,
    TaskFollower,
    Timesheet,
)
from resolvers.models.tickets import Ticket, TicketReply
from resolvers.models.tokens import ApiToken
from resolvers.models.transactions import Account, Transaction
from resolvers.models.webhooks import Webhook, WebhookDelivery

__all__ = [
    "Account",
    "ApiToken",
    "CalendarEvent",
    "ChecklistItem",
    "Contact",
    "Contract",
    "ContractComment",
    "ContractRenewal",
    "ContractType",
    "Country",
    "CreditApplied",
    "CreditNote",
    "CreditNoteItem",
    "CreditNoteRefund",
    "Currency",
    "CustomField",
    "CustomFieldValue",
    "Customer",
    "CustomerGroup",
    "CustomerGroupMember",
    "Department",
    "DiscussionComment",
    "Estimate",
    "EstimateItem",
    "Event",
    "Expense",
    "ExpenseCategory",
    "File",
    "IdempotencyKey",
    "Invoice",
    "InvoiceItem",
    "Item",
    "ItemGroup",
    "Lead",
    "LeadSource",
    "LeadStatus",
    "Link",
    "Milestone",
    "Note",
    "Payment",
    "PaymentMode",
    "Project",
    "ProjectDiscussion",
    "ProjectMember",
    "Proposal",
    "ProposalComment",
    "ProposalItem",
    "Record",
    "Role",
    "Staff",
    "StaffDepartment",
    "StaffPermission",
    "Subscription",
    "Task",
    "TaskAssignee",
    "TaskComment",
    "TaskFollower",
    "Tax",
    "Ticket",
    "TicketPriority",
    "TicketReply",
    "TicketService",
    "TicketStatus",
    "Timesheet",
    "Transaction",
    "Webhook",
    "WebhookDelivery",
    "metadata",
    "model_of",
    "table_of",
]
