"""The fixed code lists: Perfex keeps task and project statuses, priorities and billing
types as numbers, not tables. Each list says the name a code stands for (what replies
and the documents' enums show) and every name a client may send for it. Validation in
the service layer, reply shapes and the OpenAPI enums in rest_compat all read them here,
so a code is named the same everywhere.

Ticket statuses and priorities are tables (reference rows); what lives here for them is
only the words the other documents use for a row's name."""

from __future__ import annotations

# Code -> the name replies and the documents' enums show; name -> code for every name a
# client may send (compared without case, spaces or dashes: projects.common.coded).
TASK_STATUS_NAMES = {1: "not_started", 2: "awaiting_feedback", 3: "testing", 4: "in_progress",
                     5: "completed"}  # fmt: skip
TASK_STATUSES = {"not_started": 1, "awaiting_feedback": 2, "testing": 3, "in_progress": 4,
                 "complete": 5, "completed": 5, "done": 5}  # fmt: skip
TASK_PRIORITY_NAMES = {1: "low", 2: "medium", 3: "high", 4: "urgent"}
TASK_PRIORITIES = {"low": 1, "medium": 2, "normal": 2, "high": 3, "urgent": 4}

PROJECT_STATUSES = {"not_started": 1, "in_progress": 2, "on_hold": 3, "cancelled": 4,
                    "canceled": 4, "finished": 5, "complete": 5, "completed": 5}  # fmt: skip
PROJECT_BILLING_TYPE_NAMES = {1: "fixed", 2: "project_hours", 3: "task_hours"}
PROJECT_BILLING_TYPES = {"fixed": 1, "fixed_rate": 1, "project_hours": 2, "task_hours": 3}

# Ticket status and priority rows by name: the reference statuses the ticket rules lean
# on, and the words the other documents use for them ("resolved" is v1's, "Pending" v2's).
TICKET_OPEN, TICKET_ANSWERED, TICKET_CLOSED = "open", "answered", "closed"
TICKET_STATUS_ALIASES = {
    "resolved": TICKET_CLOSED,
    "completed": TICKET_CLOSED,
    "pending": "on_hold",
    "new": TICKET_OPEN,
    "reopened": TICKET_OPEN,
    "replied": TICKET_ANSWERED,
}
TICKET_PRIORITY_ALIASES = {"normal": "medium"}
