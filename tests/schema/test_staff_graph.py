"""Staff over GraphQL: profiles with roles and departments (never a password), account
administration, passwords and grants, and signing in still working."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from gateway.database import Database
from resolvers import calendar, leads, staff
from resolvers.core.context import Ctx, Row
from schema import schema
from tests.factories import make_token
from tests.schema.graph import data, error_code, global_id, gql, statements
from tests.schema.test_leads_graph import named

NESTED = """
query Staff($first: Int!) {
  staff(first: $first, orderBy: [{field: EMAIL}]) {
    nodes {
      email
      role { name permissions }
      departments { nodes { name } }
      calendarEvents { totalCount }
      assignedLeads(first: 1) { nodes { name } }
      customFields { label value }
    }
  }
}
"""

CREATE = """
mutation($input: StaffInput!) {
  createStaff(input: $input) {
    record { databaseId email firstname hourlyRate isAdmin role { name }
             departments { nodes { name } } }
    userErrors { field code message }
  }
}
"""

UPDATE = """
mutation($id: ID!, $input: StaffInput!) {
  updateStaff(id: $id, input: $input) {
    record { firstname phone } userErrors { field code message }
  }
}
"""

LIFECYCLE = """
mutation($id: ID!) {
  deactivateStaff(id: $id) { record { active } userErrors { code } }
  activateStaff(id: $id) { record { active } userErrors { code } }
  deleteStaff(id: $id) { record { email } userErrors { code } }
  restoreStaff(id: $id) { record { email } userErrors { code } }
}
"""

PASSWORD = """
mutation($id: ID!, $password: String!) {
  changePassword(id: $id, password: $password) {
    record { passwordChangedAt } userErrors { field code message }
  }
}
"""

LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token userErrors { field code } }
}
"""

PERMISSIONS = """
mutation($id: ID!, $permissions: [String!]!) {
  setStaffPermissions(id: $id, permissions: $permissions) {
    permissions userErrors { field code message }
  }
}
"""


async def make_member(ctx: Ctx, n: int = 0, **fields: Any) -> Row:
    return await staff.create_staff(
        ctx, {"email": f"member{n:02}@example.com", "firstname": f"Member{n:02}",
              "password": "long-enough-secret", "hourly_rate": Decimal(10 * (n + 1)),
              **fields},
    )  # fmt: skip


async def populate(ctx: Ctx, count: int) -> list[Row]:
    role = await named(ctx, "roles", "Employee")
    sales = await named(ctx, "departments", "Sales")
    support = await named(ctx, "departments", "Support")
    made = [
        await make_member(ctx, n, role=role, departments=[sales, support]) for n in range(count)
    ]
    for member in made:
        await calendar.create_calendar_event(
            ctx, {"title": "Pipeline review", "start": "2026-03-02T09:00:00Z",
                  "staff_id": member["id"]},
        )  # fmt: skip
        await leads.create_lead(ctx, {"name": "Lina Haddad", "assigned_id": member["id"]})
    return made


async def test_nested_reads_cost_the_same_for_one_member_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await populate(ctx, 20)

    one = await gql(client, token, NESTED, first=1)
    twenty = await gql(client, token, NESTED, first=20)

    # staff page; role; departments page; events count; leads page; custom fields: 2
    assert statements(one) == statements(twenty) == 7
    nodes = data(twenty)["staff"]["nodes"]
    assert len(nodes) == 20
    assert nodes[0]["role"]["name"] == "Employee"
    assert "leads:create" in nodes[0]["role"]["permissions"]
    assert nodes[0]["departments"]["nodes"] == [{"name": "Sales"}, {"name": "Support"}]
    assert nodes[0]["calendarEvents"] == {"totalCount": 1}
    assert nodes[0]["assignedLeads"]["nodes"] == [{"name": "Lina Haddad"}]
    assert nodes[0]["customFields"] == []


async def test_no_password_is_ever_exposed(client: httpx.AsyncClient, token: str) -> None:
    sdl = schema.as_str()

    asked = await gql(client, token, "{ staff { nodes { passwordHash } } }")
    filtered = await gql(
        client, token, '{ staff(filter: {passwordHash: {eq: "x"}}) { totalCount } }'
    )

    assert "passwordHash" not in sdl and "password_hash" not in sdl
    assert "passwordHash" in asked["errors"][0]["message"]
    assert "passwordHash" in filtered["errors"][0]["message"]


async def test_filter_order_and_figures_over_hourly_rate(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(3):
        await make_member(ctx, n)
    query = """
    { staff(filter: {hourlyRate: {gt: "10"}}, orderBy: [{field: HOURLY_RATE, direction: DESC}])
      { nodes { email } aggregate { count sum { hourlyRate } avg { hourlyRate } } } }
    """

    got = data(await gql(client, token, query))["staff"]

    assert [n["email"] for n in got["nodes"]] == ["member02@example.com", "member01@example.com"]
    assert got["aggregate"] == {
        "count": 2, "sum": {"hourlyRate": "50.00"}, "avg": {"hourlyRate": "25.00"},
    }  # fmt: skip


async def test_create_a_member_with_a_role_and_departments(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    admin = await named(ctx, "roles", "Administrator")
    billing = await named(ctx, "departments", "Billing")

    body = await gql(
        client, token, CREATE,
        input={"email": "Nadia@Example.com", "firstname": "Nadia", "password": "12345678x",
               "hourlyRate": "42.5", "roleId": global_id("Role", admin),
               "departmentIds": [global_id("Department", billing)]},
    )  # fmt: skip

    payload = data(body)["createStaff"]
    assert payload["userErrors"] == []
    assert payload["record"] == {
        "databaseId": payload["record"]["databaseId"],
        "email": "nadia@example.com",
        "firstname": "Nadia",
        "hourlyRate": "42.50",
        "isAdmin": True,
        "role": {"name": "Administrator"},
        "departments": {"nodes": [{"name": "Billing"}]},
    }


async def test_bad_member_input_is_a_user_error_naming_the_field(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await make_member(ctx)
    cases = [
        ({"email": "member00@example.com", "firstname": "Dup", "password": "12345678x"},
         "email", "CONFLICT"),
        ({"email": "new@example.com", "firstname": "Short", "password": "1234"},
         "password", "INVALID"),
        ({"email": "new@example.com", "firstname": "X", "password": "12345678x",
          "roleId": global_id("Department", 1)}, "roleId", "INVALID"),
        ({"email": "new@example.com", "firstname": "X", "password": "12345678x",
          "departmentIds": [global_id("Department", 999)]}, "departmentIds", "INVALID"),
    ]  # fmt: skip

    for given, field, code in cases:
        payload = data(await gql(client, token, CREATE, input=given))["createStaff"]
        assert payload["record"] is None, given
        assert (payload["userErrors"][0]["field"], payload["userErrors"][0]["code"]) == (
            field, code,
        ), given  # fmt: skip


async def test_update_refuses_a_password_and_changes_the_rest(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    member = await make_member(ctx)
    member_id = global_id("Staff", member["id"])

    refused = await gql(client, token, UPDATE, id=member_id, input={"password": "new-secret-1"})
    changed = await gql(client, token, UPDATE, id=member_id, input={"phone": "+971 4 000"})

    assert data(refused)["updateStaff"]["userErrors"][0]["field"] == "password"
    assert data(changed)["updateStaff"] == {
        "record": {"firstname": "Member00", "phone": "+971 4 000"}, "userErrors": [],
    }  # fmt: skip


async def test_deactivate_activate_delete_and_restore(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    member = await make_member(ctx)

    body = await gql(client, token, LIFECYCLE, id=global_id("Staff", member["id"]))

    assert data(body) == {
        "deactivateStaff": {"record": {"active": False}, "userErrors": []},
        "activateStaff": {"record": {"active": True}, "userErrors": []},
        "deleteStaff": {"record": {"email": "member00@example.com"}, "userErrors": []},
        "restoreStaff": {"record": {"email": "member00@example.com"}, "userErrors": []},
    }


async def test_a_changed_password_signs_in(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    member = await make_member(ctx)
    member_id = global_id("Staff", member["id"])

    short = await gql(client, token, PASSWORD, id=member_id, password="short")
    changed = await gql(client, token, PASSWORD, id=member_id, password="a-brand-new-secret")
    old = await gql(
        client, token, LOGIN, email="member00@example.com", password="long-enough-secret"
    )
    new = await gql(
        client, token, LOGIN, email="member00@example.com", password="a-brand-new-secret"
    )

    assert data(short)["changePassword"]["userErrors"][0]["field"] == "password"
    assert data(changed)["changePassword"]["record"]["passwordChangedAt"] is not None
    assert data(old)["login"] == {"token": None, "userErrors": [
        {"field": "password", "code": "UNAUTHENTICATED"}]}  # fmt: skip
    assert data(new)["login"]["token"]


async def test_grants_are_set_and_read(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    member = await make_member(ctx, role=await named(ctx, "roles", "Employee"))
    member_id = global_id("Staff", member["id"])

    granted = await gql(
        client, token, PERMISSIONS, id=member_id, permissions=["invoices:get", "invoices:get"]
    )
    unknown = await gql(client, token, PERMISSIONS, id=member_id, permissions=["planets:get"])
    everything = await gql(client, token, PERMISSIONS, id=member_id, permissions=["*"])
    read = await gql(client, token, "query($id: ID!) { staffPermissions(id: $id) }", id=member_id)

    permissions = data(granted)["setStaffPermissions"]["permissions"]
    assert "invoices:get" in permissions and "leads:create" in permissions
    assert data(unknown)["setStaffPermissions"] == {
        "permissions": None,
        "userErrors": [data(unknown)["setStaffPermissions"]["userErrors"][0]],
    }
    assert data(unknown)["setStaffPermissions"]["userErrors"][0]["field"] == "permissions"
    assert data(everything)["setStaffPermissions"]["userErrors"][0]["field"] == "permissions"
    assert data(read)["staffPermissions"] == permissions


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    member = await make_member(ctx)
    reader = (await make_token(db, "staff:get", name="reader")).token
    stranger = (await make_token(db, "leads:get", name="stranger")).token

    denied = await gql(client, stranger, "{ staff { nodes { email } } }")
    write = await gql(client, reader, LIFECYCLE, id=global_id("Staff", member["id"]))
    grants = await gql(
        client, reader, PERMISSIONS, id=global_id("Staff", member["id"]), permissions=[]
    )

    assert error_code(denied) == "FORBIDDEN"
    assert error_code(write) == "FORBIDDEN"
    assert error_code(grants) == "FORBIDDEN"


async def test_members_roles_and_departments_round_trip_through_node(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    member = await make_member(ctx)
    query = "query($id: ID!) { node(id: $id) { __typename id } }"
    wanted = [
        ("Staff", member["id"]),
        ("Role", await named(ctx, "roles", "Accountant")),
        ("Department", await named(ctx, "departments", "Support")),
    ]

    for type_name, pk in wanted:
        node = data(await gql(client, token, query, id=global_id(type_name, pk)))["node"]
        assert node == {"__typename": type_name, "id": global_id(type_name, pk)}
    single = await gql(
        client, token, "query($id: Int!) { staffMember(databaseId: $id) { email } }",
        id=member["id"],
    )  # fmt: skip
    assert data(single)["staffMember"] == {"email": "member00@example.com"}
