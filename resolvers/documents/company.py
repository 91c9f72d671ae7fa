"""Who the documents come from: the seller's name and address as settings give them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Company:
    name: str = "Your Company"
    # Printed line by line under the name.
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    vat: str = ""

    def lines(self) -> tuple[str, ...]:
        extra = (
            self.email,
            self.phone,
            f"VAT: {self.vat}" if self.vat else "",
        )
        return tuple(line for line in (*self.address, *extra) if line)
