"""From a gathered record to the sheet it prints, one function per kind of document."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace
from decimal import Decimal

from resolvers import numbering
from resolvers.core.context import Row
from resolvers.documents.company import Company
from resolvers.documents.gather import Gathered
from resolvers.documents.sheet import Money, Party, Sheet, figures, lines_of
from resolvers.totals import ZERO

_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\s*/?\s*>", re.IGNORECASE)


def seller_of(company: Company) -> Party:
    return Party("From", company.name, company.lines())


def money_of(g: Gathered) -> Money:
    c = g.currency
    if c is None:
        return Money("")
    return Money(str(c["name"]), c["decimal_separator"] or ".", c["thousand_separator"])


def day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _address(g: Gathered, source: Row, prefix: str) -> tuple[str, ...]:
    street = source.get(f"{prefix}street", "") or ""
    place = " ".join(
        part
        for part in (
            source.get(f"{prefix}city", ""),
            source.get(f"{prefix}state", ""),
            source.get(f"{prefix}zip", ""),
        )  # fmt: skip
        if part
    )
    country_id = source.get(f"{prefix}country_id")
    country = g.country_names.get(country_id, "") if country_id is not None else ""
    return tuple(line for line in (*street.splitlines(), place, country) if line)


def buyer_of(g: Gathered) -> Party:
    """The customer as the document addresses it: its own billing address first."""
    name = g.customer["company"] if g.customer is not None else ""
    lines = _address(g, g.row, "billing_")
    if not lines and g.customer is not None:
        lines = _address(g, g.customer, "billing_") or _address(g, g.customer, "")
    vat = g.customer["vat"] if g.customer is not None else ""
    return Party("Bill to", name, (*lines, *([f"VAT: {vat}"] if vat else [])))


def ship_to_of(g: Gathered) -> Party | None:
    row = g.row
    if not (row.get("include_shipping") and row.get("show_shipping")):
        return None
    lines = _address(g, row, "shipping_")
    return Party("Ship to", "", lines) if lines else None


def _notes(row: Row) -> tuple[tuple[str, str], ...]:
    return tuple(
        (label, row[key]) for label, key in (("Note", "client_note"), ("Terms", "terms"))
        if row.get(key)
    )  # fmt: skip


def _priced(
    g: Gathered,
    company: Company,
    title: str,
    resource: str,
    dates: tuple[tuple[str, str], ...],
    settlement: list[tuple[str, Decimal]],
) -> Sheet:
    fmt = money_of(g)
    totals = figures(g.row, g.items, fmt, g.tax_names)
    emphasised = {"Total"}
    for index, (label, value) in enumerate(settlement):
        last = index == len(settlement) - 1
        totals.append((label, fmt.with_code(value) if last else fmt(value)))
        if last:
            emphasised.add(label)
    return Sheet(
        title=title,
        number=numbering.formatted_number(resource, g.row),
        dates=tuple((label, value) for label, value in dates if value),
        seller=seller_of(company),
        buyer=buyer_of(g),
        ship_to=ship_to_of(g),
        currency=fmt.code,
        subject=str(g.row.get("subject") or ""),
        lines=lines_of(g.items, fmt, g.tax_names),
        totals=tuple(totals),
        emphasised=frozenset(emphasised),
        notes=_notes(g.row),
    )


def invoice_sheet(g: Gathered, company: Company) -> Sheet:
    row = g.row
    settlement = [("Amount paid", row["amount_paid"])]
    if row["credits_applied"] != ZERO:
        settlement.append(("Credits applied", row["credits_applied"]))
    settlement.append(("Amount due", row["amount_due"]))
    dates = (("Invoice date", day(row["date"])), ("Due date", day(row["due_date"])))
    return _priced(g, company, "Invoice", "invoices", dates, settlement)


def estimate_sheet(g: Gathered, company: Company) -> Sheet:
    row = g.row
    dates = (("Estimate date", day(row["date"])), ("Expiry date", day(row["expiry_date"])),
             ("Reference", row["reference_no"]))  # fmt: skip
    return _priced(g, company, "Estimate", "estimates", dates, [])


def credit_note_sheet(g: Gathered, company: Company) -> Sheet:
    row = g.row
    used = row["total"] - row["remaining_amount"]
    settlement = [("Credits used", used), ("Remaining credit", row["remaining_amount"])]
    dates = (("Credit note date", day(row["date"])), ("Reference", row["reference_no"]))
    return _priced(g, company, "Credit note", "credit_notes", dates, settlement)


def proposal_sheet(g: Gathered, company: Company) -> Sheet:
    row = g.row
    dates = (("Date", day(row["date"])), ("Open till", day(row["open_till"])))
    sheet = _priced(g, company, "Proposal", "proposals", dates, [])
    # A proposal carries its recipient's details itself (it may go to a lead).
    place = " ".join(p for p in (row["city"], row["state"], row["zip"]) if p)
    country = g.country_names.get(row["country_id"], "") if row["country_id"] else ""
    address = (*row["address"].splitlines(), place, country)
    if not any(address) and g.customer is not None:
        address = _address(g, g.customer, "billing_") or _address(g, g.customer, "")
    lines = (*address, row["email"], row["phone"])
    buyer = Party("To", row["proposal_to"], tuple(line for line in lines if line))
    content = text_of(row["content"])
    notes = ((("Proposal", content),) if content else ()) + sheet.notes
    return replace(sheet, buyer=buyer, ship_to=None, notes=notes)


def contract_sheet(g: Gathered, company: Company) -> Sheet:
    row = g.row
    fmt = money_of(g)
    dates = (("Start date", day(row["start_date"])), ("End date", day(row["end_date"])))
    totals: tuple[tuple[str, str], ...] = ()
    if row["contract_value"] is not None:
        totals = (("Contract value", fmt.with_code(row["contract_value"])),)
    notes = tuple(
        (label, text)
        for label, text in (
            ("Description", row["description"]),
            ("Contract", text_of(row["content"])),
        )  # fmt: skip
        if text
    )
    return Sheet(
        title="Contract",
        number=f"CONTRACT-{int(row['id']):0{numbering.DIGITS}d}",
        dates=tuple((label, value) for label, value in dates if value),
        seller=seller_of(company),
        buyer=buyer_of(g),
        currency=fmt.code,
        subject=row["subject"],
        totals=totals,
        emphasised=frozenset({"Contract value"}),
        notes=notes,
    )


def text_of(markup: str) -> str:
    """Rich text (Perfex stores contract and proposal bodies as HTML) as plain lines."""
    text = _BREAKS.sub("\n", markup or "")
    return html.unescape(_TAGS.sub("", text)).strip()
