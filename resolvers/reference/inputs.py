"""What clients may write to each reference list."""

from __future__ import annotations

from decimal import Decimal

from pydantic import EmailStr, Field, field_validator

from resolvers.core.validation import Fields


class LookupInput(Fields):
    """Any reference list's fields: what the lookup writers take."""


class NamedFields(LookupInput):
    name: str | None = Field(default=None, min_length=1, max_length=100)


class NamedCreate(NamedFields):
    name: str = Field(min_length=1, max_length=100)


class TaxFields(NamedFields):
    rate: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)


class TaxCreate(TaxFields):
    name: str = Field(min_length=1, max_length=100)
    rate: Decimal = Field(ge=0, le=100, decimal_places=2)


class PaymentModeFields(NamedFields):
    description: str | None = Field(default=None, max_length=5000)
    show_on_pdf: bool | None = None
    invoices_only: bool | None = None
    expenses_only: bool | None = None
    selected_by_default: bool | None = None
    active: bool | None = None


class PaymentModeCreate(PaymentModeFields):
    name: str = Field(min_length=1, max_length=100)


class ExpenseCategoryFields(NamedFields):
    description: str | None = Field(default=None, max_length=5000)


class ExpenseCategoryCreate(ExpenseCategoryFields):
    name: str = Field(min_length=1, max_length=100)


class DepartmentFields(NamedFields):
    email: EmailStr | None = None
    hide_from_client: bool | None = None


class DepartmentCreate(DepartmentFields):
    name: str = Field(min_length=1, max_length=100)


class StatusFields(NamedFields):
    status_order: int | None = Field(default=None, ge=0)
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$")
    is_default: bool | None = None


class StatusCreate(StatusFields):
    name: str = Field(min_length=1, max_length=50)


class CurrencyFields(LookupInput):
    name: str | None = Field(default=None, pattern=r"^[A-Za-z]{3,10}$")
    symbol: str | None = Field(default=None, max_length=10)
    decimal_separator: str | None = Field(default=None, min_length=1, max_length=2)
    thousand_separator: str | None = Field(default=None, max_length=2)
    placement: str | None = Field(default=None, pattern="^(before|after)$")
    is_default: bool | None = None

    @field_validator("name")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class CurrencyCreate(CurrencyFields):
    name: str = Field(pattern=r"^[A-Za-z]{3,10}$")


class RoleFields(NamedFields):
    # "resource:action" grants, the grammar API tokens use; "*" is everything.
    permissions: list[str] | None = Field(default=None, max_length=200)


class RoleCreate(RoleFields):
    name: str = Field(min_length=1, max_length=100)


class AccountFields(NamedFields):
    number: str | None = Field(default=None, max_length=50)
    # A currency id or its code ("USD").
    currency: int | str | None = None
    opening_balance: Decimal | None = Field(default=None, decimal_places=2)


class AccountCreate(AccountFields):
    name: str = Field(min_length=1, max_length=100)
