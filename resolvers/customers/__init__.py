"""Customers: their records, contact sets, listings, batches, merges and purges.

A package of one domain: `core` holds the input models and the single-record verbs,
the other modules build on it. Import from here: `from resolvers import customers`.
"""

from resolvers.customers.actions import (
    BULK_ACTIONS,
    MAX_BATCH,
    BulkAction,
    ItemResult,
    batch_item_errors,
    bulk_customers,
    create_customers,
    merge_customers,
    purge_customer,
)
from resolvers.customers.contact_sets import (
    create_customer_with_contacts,
    set_primary_email,
    sync_contacts,
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
    CustomerCreate,
    CustomerFields,
    change_customer,
    create_customer,
    customer_columns,
    customers,
    delete_customer,
    get_customer,
    insert_customer,
    list_customers,
    restore_customer,
    update_customer,
)

__all__ = [
    "CUSTOMERS",
    "MAX_BATCH",
    "RESOURCE",
    "BULK_ACTIONS",
    "BulkAction",
    "ItemResult",
    "CustomerCreate",
    "CustomerFields",
    "CustomerQuery",
    "balances_by_customer_id",
    "batch_item_errors",
    "bulk_customers",
    "change_customer",
    "country_codes_by_id",
    "create_customer",
    "create_customer_with_contacts",
    "create_customers",
    "customer_columns",
    "customers",
    "delete_customer",
    "find_customers",
    "get_customer",
    "insert_customer",
    "list_customers",
    "merge_customers",
    "purge_customer",
    "restore_customer",
    "set_primary_email",
    "sync_contacts",
    "update_customer",
    "update_customer_with_contacts",
]
