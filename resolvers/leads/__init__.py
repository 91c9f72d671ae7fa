"""Leads: prospects with a status, a source and an assignee, convertible to customers."""

from resolvers.leads.actions import LeadConversion, convert_lead
from resolvers.leads.resource import (
    LEADS,
    RESOURCE,
    LeadFields,
    create_lead,
    delete_lead,
    get_lead,
    list_leads,
    restore_lead,
    split_name,
    update_lead,
)

__all__ = [
    "LEADS",
    "RESOURCE",
    "LeadConversion",
    "LeadFields",
    "convert_lead",
    "create_lead",
    "delete_lead",
    "get_lead",
    "list_leads",
    "restore_lead",
    "split_name",
    "update_lead",
]
