"""tech9's field names and reply shapes, one module per group of domains."""

from rest_compat.tech9.fields.customers import (
    CONTACT_IN,
    CUSTOMER_IN,
    LISTED_JSON,
    customer,
)

__all__ = ["CONTACT_IN", "CUSTOMER_IN", "LISTED_JSON", "customer"]
