"""Staff members: the people who sign in, own tokens and get work assigned."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Link, Record, fk, moment, money


class Staff(Record, table=True):
    __tablename__ = "staff"
    email: str = Field(max_length=191, unique=True)
    firstname: str = Field(max_length=100)
    lastname: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=50)
    facebook: str = Field(default="", max_length=191)
    linkedin: str = Field(default="", max_length=191)
    skype: str = Field(default="", max_length=100)
    password_hash: str = Field(default="", max_length=255)
    role_id: int | None = fk("roles.id")
    is_admin: bool = False
    active: bool = True
    hourly_rate: Decimal = money()
    default_language: str = Field(default="", max_length=40)
    direction: str = Field(default="", max_length=3)
    email_signature: str = ""
    last_login_at: datetime | None = moment()
    password_changed_at: datetime | None = moment()


class StaffDepartment(Link, table=True):
    __tablename__ = "staff_departments"
    __table_args__ = (UniqueConstraint("staff_id", "department_id"),)
    staff_id: int = fk("staff.id", nullable=False, ondelete="CASCADE")
    department_id: int = fk("departments.id", nullable=False, ondelete="CASCADE")


class StaffPermission(Link, table=True):
    """A capability granted to one staff member beyond their role."""

    __tablename__ = "staff_permissions"
    __table_args__ = (UniqueConstraint("staff_id", "resource", "action"),)
    staff_id: int = fk("staff.id", nullable=False, ondelete="CASCADE")
    resource: str = Field(max_length=50)
    action: str = Field(max_length=20)
