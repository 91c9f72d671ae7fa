"""Project work: projects with their crews, milestones and discussions, tasks and timesheets."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from resolvers.demo_data.base import (
    ANCHOR,
    LAST_DAY,
    TODAY,
    ZERO,
    Cust,
    Row,
    SeederBase,
    made,
)
from resolvers.demo_data.words import CHAT, CHECKLIST, DISCUSSIONS, PROJECTS, TASKS
from resolvers.models import (
    ChecklistItem,
    DiscussionComment,
    Milestone,
    Project,
    ProjectDiscussion,
    ProjectMember,
    Task,
    TaskAssignee,
    TaskComment,
    TaskFollower,
    Timesheet,
)

Plan = tuple[int, Cust, Row, list[int]]  # project id, its customer, its row, its crew


def sheet(task: int, staff: int, begin: datetime, end: datetime | None, rate: Decimal) -> Row:
    return {
        "task_id": task,
        "staff_id": staff,
        "start_time": begin,
        "end_time": end,
        "hourly_rate": rate,
        **made(begin),
    }


class Work(SeederBase):
    async def seed_projects(self) -> None:
        rng, rows, owners, crews = self.rng, [], [], []
        for c in self.customers:
            for _ in range(rng.choice((0, 1, 1, 1, 1, 1, 1, 1, 1, 2))):
                start = self.day(c.since)
                deadline = start + timedelta(days=rng.randint(30, 180))
                # 1 not started, 2 in progress, 3 on hold, 4 cancelled, 5 finished
                status = (
                    self.pick((5, 4, 3, 2), (6, 1, 1, 2))
                    if deadline < TODAY
                    else self.pick((2, 1, 3), (6, 3, 1))
                )
                billing = rng.choice((1, 2, 3))
                rows.append(
                    {
                        "name": f"{rng.choice(PROJECTS)} {start.year}",
                        "status": status,
                        "description": f"{c.company}: scope, milestones and delivery.",
                        "customer_id": c.id,
                        "billing_type": billing,
                        "start_date": start,
                        "deadline": deadline,
                        "date_finished": self.day(
                            start, min(deadline + timedelta(days=15), LAST_DAY)
                        )
                        if status == 5
                        else None,
                        # The default is drawn even when unused: the seeded data depends on it.
                        "progress": {5: 100, 1: 0}.get(status, rng.randint(10, 90)),
                        "progress_from_tasks": False,
                        "project_cost": self.amount(2000, 40000) if billing == 1 else ZERO,
                        "project_rate_per_hour": Decimal(
                            rng.choice((75, 95, 120)) if billing == 2 else 0
                        ),
                        "estimated_hours": Decimal(rng.randint(40, 400)),
                        "added_by_id": rng.choice(self.staff),
                        **self.stamp(start),
                    }
                )
                owners.append(c)
                crews.append(rng.sample(self.team, rng.randint(2, 4)))
        ids = await self.put(Project, rows, ids=True)
        for c, id_ in zip(owners, ids, strict=True):
            c.projects.append(id_)
        projects = list(zip(ids, owners, rows, crews, strict=True))
        await self.put(
            ProjectMember,
            [
                {"project_id": p, "staff_id": s, "created_at": r["created_at"]}
                for p, _, r, crew in projects
                for s in crew
            ],
        )
        stones = await self.seed_milestones(projects)
        await self.seed_discussions(projects)
        await self.seed_tasks([(p, c, r, crew, stones[p]) for p, c, r, crew in projects])

    async def seed_milestones(self, projects: list[Plan]) -> dict[int, list[int]]:
        rows = []
        for p, _, r, _ in projects:
            span = (r["deadline"] - r["start_date"]).days
            for k, name in enumerate(("Discovery", "Build", "Launch")[: self.rng.randint(2, 3)]):
                rows.append(
                    {
                        "project_id": p,
                        "name": name,
                        "description_visible_to_customer": self.chance(0.5),
                        "milestone_order": k + 1,
                        "due_date": r["start_date"] + timedelta(days=span * (k + 1) // 3),
                        **self.stamp(r["start_date"]),
                    }
                )
        stones: dict[int, list[int]] = {}
        for id_, m in zip(await self.put(Milestone, rows, ids=True), rows, strict=True):
            stones.setdefault(m["project_id"], []).append(id_)
        return stones

    async def seed_discussions(self, projects: list[Plan]) -> None:
        rng, talks, threads = self.rng, [], []
        for p, c, r, crew in projects:
            for _ in range(rng.choice((0, 1, 1, 2))):
                day = self.day(r["start_date"])
                talks.append(
                    {
                        "project_id": p,
                        "subject": rng.choice(DISCUSSIONS),
                        "description": rng.choice(CHAT),
                        "show_to_customer": self.chance(0.7),
                        "staff_id": crew[0],
                        **self.stamp(day),
                    }
                )
                threads.append(
                    [
                        {
                            "content": rng.choice(CHAT),
                            "staff_id": None if k % 2 else rng.choice(crew),
                            "contact_id": c.contacts[0] if k % 2 else None,
                            **self.stamp(self.within(day, 10)),
                        }
                        for k in range(rng.randint(1, 3))
                    ]
                )
        talk_ids = await self.put(ProjectDiscussion, talks, ids=True)
        await self.put(
            DiscussionComment,
            [
                {**row, "discussion_id": t}
                for t, rs in zip(talk_ids, threads, strict=True)
                for row in rs
            ],
        )

    async def seed_tasks(self, projects: list[tuple[int, Cust, Row, list[int], list[int]]]) -> None:
        rng, rows, meta = self.rng, [], []
        for p, c, project, crew, stones in projects:
            for _ in range(rng.randint(3, 6)):
                start = self.day(project["start_date"], min(project["deadline"], LAST_DAY))
                due = start + timedelta(days=rng.randint(3, 30))
                # 1 not started, 2 awaiting feedback, 3 testing, 4 in progress, 5 complete.
                # Both draws happen whatever the project's status: the seeded data depends on it.
                status = {1: 1, 5: 5, 4: rng.choice((1, 5))}.get(
                    project["status"], self.pick((1, 2, 3, 4, 5), (2, 1, 1, 3, 3))
                )
                people = rng.sample(crew, rng.randint(1, min(3, len(crew))))
                rows.append(
                    {
                        "name": rng.choice(TASKS),
                        "status": status,
                        "priority": self.pick((1, 2, 3, 4), (2, 4, 2, 1)),
                        "start_date": start,
                        "due_date": due,
                        "completed_at": self.at(min(due, LAST_DAY)) if status == 5 else None,
                        "rel_type": "project",
                        "rel_id": p,
                        "project_id": p,
                        "customer_id": c.id,
                        "milestone_id": rng.choice(stones),
                        "billable": project["billing_type"] == 3,
                        "hourly_rate": self.rate[people[0]],
                        "visible_to_client": self.chance(0.5),
                        "added_by_id": crew[0],
                        **self.stamp(start),
                    }
                )
                meta.append((people, c))
        ids = await self.put(Task, rows, ids=True)
        assignees, followers, checklist, comments, sheets = [], [], [], [], []
        running: set[int] = set()
        for t, row, (people, c) in zip(ids, rows, meta, strict=True):
            doer, start = people[0], row["start_date"]
            end, created = min(row["due_date"], LAST_DAY), row["created_at"]
            assignees.append(
                {
                    "task_id": t,
                    "staff_id": doer,
                    "assigned_by_id": self.staff[0],
                    "created_at": created,
                }
            )
            followers += [{"task_id": t, "staff_id": s, "created_at": created} for s in people[1:]]
            for k in range(rng.randint(0, 4)):
                done = row["status"] == 5 or self.chance(0.3)
                checklist.append(
                    {
                        "task_id": t,
                        "description": CHECKLIST[k],
                        "finished": done,
                        "finished_by_id": doer if done else None,
                        "list_order": k + 1,
                        "finished_at": self.at(end) if done else None,
                        "assigned_id": doer,
                        "added_by_id": doer,
                        **self.stamp(start),
                    }
                )
            for _ in range(rng.randint(0, 3)):
                client = row["visible_to_client"] and self.chance(0.3)
                comments.append(
                    {
                        "task_id": t,
                        "content": rng.choice(CHAT),
                        "staff_id": None if client else rng.choice(people),
                        "contact_id": c.contacts[0] if client else None,
                        **self.stamp(self.day(start, end)),
                    }
                )
            rate = row["hourly_rate"]
            for _ in range(0 if row["status"] == 1 else rng.randint(0, 3)):
                begin = self.at(self.day(start, end))
                minutes = 15 * rng.randint(2, 16)
                sheets.append(sheet(t, doer, begin, begin + timedelta(minutes=minutes), rate))
            if row["status"] == 4 and doer not in running and len(running) < 4:
                # A few timers still running at the anchor, never two for one person.
                running.add(doer)
                begin = ANCHOR - timedelta(minutes=rng.randint(10, 180))
                sheets.append(sheet(t, doer, begin, None, rate))
        await self.put(TaskAssignee, assignees)
        await self.put(TaskFollower, followers)
        await self.put(ChecklistItem, checklist)
        await self.put(TaskComment, comments)
        await self.put(Timesheet, sheets)
