"""Projects, their members, milestones and discussions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Link, Record, fk, money


class Project(Record, table=True):
    __tablename__ = "projects"
    name: str = Field(max_length=191, index=True)
    description: str = ""
    # Perfex codes: 1 not started, 2 in progress, 3 on hold, 4 cancelled, 5 finished.
    status: int = Field(default=1, index=True)
    customer_id: int = fk("customers.id", nullable=False)
    # Perfex codes: 1 fixed rate, 2 project hours, 3 task hours.
    billing_type: int = 1
    start_date: dt.date
    deadline: dt.date | None = None
    date_finished: dt.date | None = None
    progress: int = 0
    progress_from_tasks: bool = True
    project_cost: Decimal = money()
    project_rate_per_hour: Decimal = money()
    estimated_hours: Decimal = money()
    added_by_id: int | None = fk("staff.id", index=False)
    tags: str = ""


class ProjectMember(Link, table=True):
    __tablename__ = "project_members"
    __table_args__ = (UniqueConstraint("project_id", "staff_id"),)
    project_id: int = fk("projects.id", nullable=False, ondelete="CASCADE")
    staff_id: int = fk("staff.id", nullable=False, ondelete="CASCADE")


class Milestone(Record, table=True):
    __tablename__ = "milestones"
    project_id: int = fk("projects.id", nullable=False)
    name: str = Field(max_length=191)
    description: str = ""
    description_visible_to_customer: bool = False
    due_date: dt.date
    color: str | None = Field(default=None, max_length=10)
    milestone_order: int = 0


class ProjectDiscussion(Record, table=True):
    __tablename__ = "project_discussions"
    project_id: int = fk("projects.id", nullable=False)
    subject: str = Field(max_length=191)
    description: str = ""
    show_to_customer: bool = False
    staff_id: int | None = fk("staff.id", index=False)
    contact_id: int | None = fk("contacts.id", index=False)


class DiscussionComment(Record, table=True):
    __tablename__ = "project_discussion_comments"
    discussion_id: int = fk("project_discussions.id", nullable=False, ondelete="CASCADE")
    content: str
    staff_id: int | None = fk("staff.id", index=False)
    contact_id: int | None = fk("contacts.id", index=False)
