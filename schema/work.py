"""The query and mutation roots of projects, milestones, tasks, timesheets, tickets
and contracts; schema/__init__.py merges them."""

from __future__ import annotations

from schema.contracts.mutations import ContractMutation
from schema.contracts.queries import ContractQuery
from schema.milestones.mutations import MilestoneMutation
from schema.milestones.queries import MilestoneQuery
from schema.projects.mutations import DiscussionMutation, ProjectMutation, ProjectPartsMutation
from schema.projects.queries import ProjectQuery
from schema.tasks.checklist import TaskPartsMutation
from schema.tasks.mutations import TaskMutation, TaskPeopleMutation
from schema.tasks.queries import TaskQuery
from schema.tickets.mutations import TicketMutation, TicketVerbMutation
from schema.tickets.queries import TicketQuery
from schema.timesheets.mutations import TimerMutation, TimesheetMutation
from schema.timesheets.queries import TimesheetQuery

QUERIES: tuple[type, ...] = (
    ProjectQuery,
    MilestoneQuery,
    TaskQuery,
    TimesheetQuery,
    TicketQuery,
    ContractQuery,
)
MUTATIONS: tuple[type, ...] = (
    ProjectMutation,
    ProjectPartsMutation,
    DiscussionMutation,
    MilestoneMutation,
    TaskMutation,
    TaskPeopleMutation,
    TaskPartsMutation,
    TimesheetMutation,
    TimerMutation,
    TicketVerbMutation,
    TicketMutation,
    ContractMutation,
)
