"""Customers: their records, contact sets, listings, batches, merges and purges.

A package of one domain: `core` holds the input models and the single-record verbs,
the other modules build on it. Import from here: `from resolvers import customers`.
"""

from resolvers.customers.actions import (
    BULK_ACTIONS,
    MAX_BATCH,
    ItemResult,
    batch_item_errors,
    bulk_customers,
    create_customers,
    merge_customers,
    purge_customer,
)
from resolvers.customers.contact_sets import (
    create_customer_with_contacts,
    update_customer_with_contacts,
)
from resolvers.customers.reads import (
    CustomerQuery,
    balances_by_customer_id,
    country_codes_by_id,
    find_customers,
)
from resolvers.customers.resource import (
    CUSTOMERS,
    RESOURCE,
    CustomerFields,
    create_customer,
    customers,
    delete_customer,
    get_customer,
    list_customers,
    restore_customer,
    update_customer,
)

__all__ = [
    "CUSTOMERS",
    "MAX_BATCH",
    "RESOURCE",
    "BULK_ACTIONS",
    "ItemResult",
    "CustomerFields",
    "CustomerQuery",
    "balances_by_customer_id",
    "batch_item_errors",
    "bulk_customers",
    "country_codes_by_id",
    "create_customer",
    "create_customer_with_contacts",
    "create_customers",
    "customers",
    "delete_customer",
    "find_customers",
    "get_customer",
    "list_customers",
    "merge_customers",
    "purge_customer",
    "restore_customer",
    "update_customer",
    "update_customer_with_contacts",
]
