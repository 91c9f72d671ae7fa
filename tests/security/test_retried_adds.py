"""A client that retries an add whose reply it lost gets the record as it stands: assigning
a staff member already on a task, following it again, adding a project member twice.
Over REST (`POST /api/v1/tasks/{id}/assign`) and GraphQL, against a real gateway."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.security.conftest import Live

pytestmark = pytest.mark.server

ADDS = """
mutation($task: ID!, $project: ID!, $staff: ID!) {
  assignTask(id: $task, staffId: $staff) {
    record { assignees { nodes { databaseId } } } userErrors { code }
  }
  addTaskFollower(id: $task, staffId: $staff) {
    record { followers { nodes { databaseId } } } userErrors { code }
  }
  addProjectMember(id: $project, staffId: $staff) {
    record { members { nodes { databaseId } } } userErrors { code }
  }
}
"""


def gid(kind: str, pk: int) -> str:
    return base64.b64encode(f"{kind}:{pk}".encode()).decode()


def test_a_retried_rest_assign_answers_the_task_as_it_stands(live: Live) -> None:
    headers = {"X-API-KEY": live.token}
    with httpx.Client(base_url=live.base, headers=headers, timeout=30) as client:
        task = client.post("/api/v1/tasks", json={"name": "Retried assign"}).json()
        path = f"/api/v1/tasks/{task['id']}/assign"
        first = client.post(path, json={"staff_id": 2})
        again = client.post(path, json={"staff_id": 2})

    assert first.status_code == 200, first.text
    assert again.status_code == 200, again.text
    assert again.json() == first.json()


def test_retried_graphql_adds_answer_the_record_as_it_stands(live: Live) -> None:
    headers = {"X-API-KEY": live.token}
    with httpx.Client(base_url=live.base, headers=headers, timeout=30) as client:
        task = client.post("/api/v1/tasks", json={"name": "Retried follow"}).json()
    variables = {
        "task": gid("Task", task["id"]),
        "project": gid("Project", 1),
        "staff": gid("Staff", 3),
    }
    bearer = {"Authorization": f"Bearer {live.token}"}

    def run() -> dict[str, dict[str, object]]:
        reply = httpx.post(
            f"{live.base}/graphql",
            json={"query": ADDS, "variables": variables},
            headers=bearer,
            timeout=30,
        ).json()
        assert "errors" not in reply, reply
        found: dict[str, dict[str, object]] = reply["data"]
        return found

    first, again = run(), run()
    for name in ("assignTask", "addTaskFollower", "addProjectMember"):
        assert again[name]["userErrors"] == [], name
        assert again[name]["record"] == first[name]["record"], name
