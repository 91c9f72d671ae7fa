"""Customers (Perfex "clients"), their group memberships and their contacts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Link, Record, fk, moment


class Customer(Record, table=True):
    __tablename__ = "customers"
    company: str = Field(max_length=191, index=True)
    vat: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=50)
    website: str = Field(default="", max_length=191)
    address: str = Field(default="", max_length=191)
    city: str = Field(default="", max_length=100)
    state: str = Field(default="", max_length=100)
    zip: str = Field(default="", max_length=20)
    country_id: int | None = fk("countries.id")
    billing_street: str = Field(default="", max_length=191)
    billing_city: str = Field(default="", max_length=100)
    billing_state: str = Field(default="", max_length=100)
    billing_zip: str = Field(default="", max_length=20)
    billing_country_id: int | None = fk("countries.id")
    shipping_street: str = Field(default="", max_length=191)
    shipping_city: str = Field(default="", max_length=100)
    shipping_state: str = Field(default="", max_length=100)
    shipping_zip: str = Field(default="", max_length=20)
    shipping_country_id: int | None = fk("countries.id")
    default_language: str = Field(default="", max_length=40)
    default_currency_id: int | None = fk("currencies.id")
    active: bool = True
    added_by_id: int | None = fk("staff.id")
    show_primary_contact: bool = False
    registration_confirmed: bool = True
    latitude: str | None = Field(default=None, max_length=40)
    longitude: str | None = Field(default=None, max_length=40)
    # ninja's own fields: a reference number and an id of the customer's choosing.
    number: str = Field(default="", max_length=40)
    id_number: str = Field(default="", max_length=40)
    private_notes: str = ""
    public_notes: str = ""
    archived_at: datetime | None = moment()


class CustomerGroupMember(Link, table=True):
    __tablename__ = "customer_group_members"
    __table_args__ = (UniqueConstraint("customer_id", "group_id"),)
    customer_id: int = fk("customers.id", nullable=False, ondelete="CASCADE")
    group_id: int = fk("customer_groups.id", nullable=False, ondelete="CASCADE")


class Contact(Record, table=True):
    __tablename__ = "contacts"
    customer_id: int = fk("customers.id", nullable=False)
    is_primary: bool = False
    firstname: str = Field(max_length=100)
    lastname: str = Field(default="", max_length=100)
    email: str = Field(max_length=191, index=True)
    phone: str = Field(default="", max_length=50)
    title: str = Field(default="", max_length=100)
    password_hash: str = Field(default="", max_length=255)
    active: bool = True
    direction: str = Field(default="", max_length=3)
    # Perfex's six customer-area permissions: 1 invoices ... 6 projects, comma separated.
    permissions: str = Field(default="", max_length=40)
    invoice_emails: bool = True
    estimate_emails: bool = True
    credit_note_emails: bool = True
    contract_emails: bool = True
    task_emails: bool = True
    project_emails: bool = True
    ticket_emails: bool = True
    last_login_at: datetime | None = moment()
