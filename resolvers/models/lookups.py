"""Reference lists the documents look up by id: currencies, taxes, statuses, sources..."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Named, Record, money


class Currency(Record, table=True):
    __tablename__ = "currencies"
    name: str = Field(max_length=10, unique=True)
    symbol: str = Field(default="", max_length=10)
    decimal_separator: str = Field(default=".", max_length=2)
    thousand_separator: str = Field(default=",", max_length=2)
    placement: str = Field(default="before", max_length=10)
    is_default: bool = False


class Tax(Record, table=True):
    __tablename__ = "taxes"
    name: str = Field(max_length=100)
    rate: Decimal = money()


class Country(Record, table=True):
    __tablename__ = "countries"
    iso2: str = Field(max_length=2, unique=True)
    iso3: str = Field(default="", max_length=3)
    short_name: str = Field(max_length=100)
    long_name: str = Field(default="", max_length=150)
    calling_code: str = Field(default="", max_length=10)


class PaymentMode(Record, table=True):
    __tablename__ = "payment_modes"
    name: str = Field(max_length=100)
    description: str | None = None
    show_on_pdf: bool = False
    invoices_only: bool = False
    expenses_only: bool = False
    selected_by_default: bool = False
    active: bool = True


class CustomerGroup(Named, table=True):
    __tablename__ = "customer_groups"


class LeadStatus(Named, table=True):
    __tablename__ = "lead_statuses"
    status_order: int = 0
    color: str = Field(default="#28B8DA", max_length=10)
    is_default: bool = False


class LeadSource(Named, table=True):
    __tablename__ = "lead_sources"


class TicketStatus(Record, table=True):
    __tablename__ = "ticket_statuses"
    name: str = Field(max_length=50, unique=True)
    is_default: bool = False
    color: str = Field(default="#777777", max_length=10)
    status_order: int = 0


class TicketPriority(Record, table=True):
    __tablename__ = "ticket_priorities"
    name: str = Field(max_length=50, unique=True)


class TicketService(Named, table=True):
    __tablename__ = "ticket_services"


class Department(Named, table=True):
    __tablename__ = "departments"
    email: str | None = Field(default=None, max_length=100)
    hide_from_client: bool = False


class Role(Named, table=True):
    __tablename__ = "roles"
    # "resource:action" strings, the same grammar API tokens carry.
    permissions: str = Field(default="")


class ContractType(Named, table=True):
    __tablename__ = "contract_types"


class ItemGroup(Named, table=True):
    __tablename__ = "item_groups"


class ExpenseCategory(Named, table=True):
    __tablename__ = "expense_categories"
    description: str | None = None
