"""Staff members: Perfex's `phonenumber`, the role as `role`; never a password hash."""

from __future__ import annotations

from resolvers.staff import StaffCreate
from resolvers.staff.access import PasswordChange
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

STAFF_IN = FieldMap(
    fields={"phonenumber": "phone", "admin": "is_admin"},
    ignore=READ_ONLY | {"last_login_at", "password_changed_at"},
    model=StaffCreate,
    required=("firstname", "email", "password"),
    # An update refuses it, naming change_password (resolvers.staff.StaffUpdate).
    create_only=("password",),
)

STAFF = Shape(names={"phone": "phonenumber", "role_id": "role"}, table="staff")
LOGIN_IN = FieldMap(
    fields={},
    required=("email", "password"),
    # The reader refuses a blank one of either (rest_compat.v1.routes.staff.credentials).
    schema={"email": {"type": "string", "format": "email"},
            "password": {"type": "string", "pattern": r"\S"}},
)  # fmt: skip
PASSWORD_IN = FieldMap(fields={}, model=PasswordChange, required=("password",), whole=True)
