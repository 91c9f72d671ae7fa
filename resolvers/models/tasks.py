"""Tasks with assignees, followers, checklists, comments, and the timesheets (timers) on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Link, Record, fk, moment, money
from resolvers.models.types import UTCDateTime


class Task(Record, table=True):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_rel", "rel_type", "rel_id"),)
    name: str = Field(max_length=191, index=True)
    description: str = ""
    # Perfex codes: 1 low, 2 medium, 3 high, 4 urgent.
    priority: int = 2
    # Perfex codes: 1 not started, 2 awaiting feedback, 3 testing, 4 in progress, 5 complete.
    status: int = Field(default=1, index=True)
    start_date: dt.date
    due_date: dt.date | None = None
    completed_at: dt.datetime | None = moment()
    # What the task hangs off, as the documents name it; project and customer also get a
    # real foreign key below so the graph can join them.
    rel_type: str = Field(default="", max_length=20)
    rel_id: int | None = None
    project_id: int | None = fk("projects.id")
    customer_id: int | None = fk("customers.id")
    milestone_id: int | None = fk("milestones.id")
    is_public: bool = False
    billable: bool = False
    hourly_rate: Decimal = money()
    repeat_every: str = Field(default="", max_length=20)
    cycles: int = 0
    total_cycles: int = 0
    visible_to_client: bool = False
    added_by_id: int | None = fk("staff.id", index=False)
    tags: str = ""


class TaskAssignee(Link, table=True):
    __tablename__ = "task_assignees"
    __table_args__ = (UniqueConstraint("task_id", "staff_id"),)
    task_id: int = fk("tasks.id", nullable=False, ondelete="CASCADE")
    staff_id: int = fk("staff.id", nullable=False, ondelete="CASCADE")
    assigned_by_id: int | None = fk("staff.id", index=False)


class TaskFollower(Link, table=True):
    __tablename__ = "task_followers"
    __table_args__ = (UniqueConstraint("task_id", "staff_id"),)
    task_id: int = fk("tasks.id", nullable=False, ondelete="CASCADE")
    staff_id: int = fk("staff.id", nullable=False, ondelete="CASCADE")


class ChecklistItem(Record, table=True):
    __tablename__ = "task_checklist_items"
    task_id: int = fk("tasks.id", nullable=False, ondelete="CASCADE")
    description: str
    finished: bool = False
    finished_by_id: int | None = fk("staff.id", index=False)
    finished_at: dt.datetime | None = moment()
    list_order: int = 0
    assigned_id: int | None = fk("staff.id", index=False)
    added_by_id: int | None = fk("staff.id", index=False)


class TaskComment(Record, table=True):
    __tablename__ = "task_comments"
    task_id: int = fk("tasks.id", nullable=False, ondelete="CASCADE")
    content: str
    staff_id: int | None = fk("staff.id", index=False)
    contact_id: int | None = fk("contacts.id", index=False)


class Timesheet(Record, table=True):
    """Time logged on a task; an open row (no end_time) is a running timer."""

    __tablename__ = "timesheets"
    task_id: int = fk("tasks.id", nullable=False)
    staff_id: int = fk("staff.id", nullable=False)
    start_time: dt.datetime = Field(sa_type=UTCDateTime)
    end_time: dt.datetime | None = moment()
    hourly_rate: Decimal = money()
    note: str = ""
