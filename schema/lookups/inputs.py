"""What clients may write to each reference list (countries are fixed)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.optional import optional


@strawberry.input(description="A row of a list that has only a name.")
class NameInput:
    name: str | None = strawberry.UNSET


@strawberry.input
class CurrencyInput:
    name: str | None = optional("The ISO 4217 code: USD, EUR...")
    symbol: str | None = strawberry.UNSET
    decimal_separator: str | None = strawberry.UNSET
    thousand_separator: str | None = strawberry.UNSET
    placement: str | None = optional("before or after.")
    is_default: bool | None = strawberry.UNSET


@strawberry.input
class TaxInput:
    name: str | None = strawberry.UNSET
    rate: Decimal | None = optional("A percentage from 0 to 100.")


@strawberry.input
class PaymentModeInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    show_on_pdf: bool | None = strawberry.UNSET
    invoices_only: bool | None = strawberry.UNSET
    expenses_only: bool | None = strawberry.UNSET
    selected_by_default: bool | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.input(description="A lead or ticket status.")
class StatusInput:
    name: str | None = strawberry.UNSET
    status_order: int | None = strawberry.UNSET
    color: str | None = optional("#rgb or #rrggbb.")
    is_default: bool | None = strawberry.UNSET


@strawberry.input
class DepartmentInput:
    name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    hide_from_client: bool | None = strawberry.UNSET


@strawberry.input
class RoleInput:
    name: str | None = strawberry.UNSET
    permissions: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description='Grants as "resource:action", or "*".'
    )


@strawberry.input
class ExpenseCategoryInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class AccountInput:
    name: str | None = strawberry.UNSET
    number: str | None = strawberry.UNSET
    currency_id: strawberry.ID | None = strawberry.UNSET
    opening_balance: Decimal | None = strawberry.UNSET
