"""Staff members: sign-in and the accounts behind it, their roles, departments and grants."""

from resolvers.staff.access import (
    activate_staff,
    change_password,
    deactivate_staff,
    departments_by_staff_id,
    list_staff_departments,
    list_staff_roles,
    set_staff_permissions,
    staff_permissions,
)
from resolvers.staff.core import (
    MIN_PASSWORD,
    RESOURCE,
    STAFF,
    StaffCreate,
    StaffFields,
    create_staff,
    delete_staff,
    get_staff,
    list_staff,
    login,
    restore_staff,
    update_staff,
)

__all__ = [
    "MIN_PASSWORD",
    "RESOURCE",
    "STAFF",
    "StaffCreate",
    "StaffFields",
    "activate_staff",
    "change_password",
    "create_staff",
    "deactivate_staff",
    "delete_staff",
    "departments_by_staff_id",
    "get_staff",
    "list_staff",
    "list_staff_departments",
    "list_staff_roles",
    "login",
    "restore_staff",
    "set_staff_permissions",
    "staff_permissions",
    "update_staff",
]
