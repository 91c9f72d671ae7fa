"""v1's field names: Perfex's names (`userid`, `clientid`, `datestart`) with JSON types.

Each domain's module holds its request field map (`X_IN`) and how its records are shown.
"""

from rest_compat.v1.fields.base import Shape
from rest_compat.v1.fields.customers import CONTACT_IN, CUSTOMER_IN, contact, customer

__all__ = ["CONTACT_IN", "CUSTOMER_IN", "Shape", "contact", "customer"]
