"""The office's records: expenses, notes, calendar events, custom field values and files."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

from resolvers.custom_fields.resource import PERFEX_NAMES
from resolvers.demo_data.base import ANCHOR, FIRST_DAY, LAST_DAY, TODAY, SeederBase, made
from resolvers.demo_data.words import CALENDAR, CHAT, EXPENSES, FIELDS, FILES, NOTES
from resolvers.models import CalendarEvent, CustomField, CustomFieldValue, Expense, File, Note


class Records(SeederBase):
    async def seed_expenses(self, n: int) -> None:
        rng, rows = self.rng, []
        payers = [c for c in self.customers for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        for c in payers + [None] * max(5, n // 3):  # None: the company's own running costs
            category = rng.choice(("Travel", "Hosting Management") if c else tuple(EXPENSES))
            names, lo, hi = EXPENSES[category]
            day, mode = self.day(c.since if c else FIRST_DAY), rng.choice(list(self.payment_modes))
            recurring = c is None and category in ("Software", "Hosting Management")
            rows.append(
                {
                    "name": rng.choice(names),
                    "category_id": self.expense_categories[category],
                    "currency_id": c.currency_id if c else self.currencies["USD"],
                    "amount": self.amount(lo, hi),
                    "reference_no": f"RCPT-{rng.randint(10000, 99999)}",
                    "customer_id": c.id if c else None,
                    "billable": c is not None,
                    "project_id": self.project_of(c, 0.5),
                    "payment_mode_id": self.payment_modes[mode],
                    "date": day,
                    "recurring": recurring,
                    "recurring_type": "month" if recurring else None,
                    "repeat_every": int(recurring),
                    "added_by_id": rng.choice(self.staff),
                    **self.stamp(day),
                }
            )
        ids = await self.put(Expense, rows, ids=True)
        self.ledger += [
            self.entry(
                "expense",
                r["amount"],
                r["date"],
                r["name"],
                mode_id=r["payment_mode_id"],
                expense_id=id_,
                category_id=r["category_id"],
            )
            for id_, r in zip(ids, rows, strict=True)
        ]

    async def seed_notes(self) -> None:
        rng = self.rng
        about = [("customer", c.id, c) for c in self.customers for _ in range(rng.randint(1, 2))]
        about += [("lead", id_, c) for id_, c in self.leads for _ in range(rng.randint(0, 1))]
        await self.put(
            Note,
            [
                {
                    "rel_type": kind,
                    "rel_id": id_,
                    "description": rng.choice(NOTES),
                    "staff_id": rng.choice(self.team),
                    **self.stamp(day := self.day(c.since)),
                    "date_contacted": self.at(day) if self.chance(0.5) else None,
                }
                for kind, id_, c in about
            ],
        )

    async def seed_calendar(self, n: int) -> None:
        rng, rows = self.rng, []
        for staff in self.staff:
            for _ in range(6 + n // 25):
                start = self.at(self.day(FIRST_DAY, TODAY + timedelta(days=30)))  # some upcoming
                planned = min(start, ANCHOR) - timedelta(days=rng.randint(1, 14))
                rows.append(
                    {
                        "title": rng.choice(CALENDAR).format(rng.choice(self.customers).company),
                        "staff_id": staff,
                        "start": start,
                        "end": start + timedelta(minutes=rng.choice((30, 60, 90))),
                        "public": self.chance(0.3),
                        "color": rng.choice(("#03a9f4", "#7cb342", "#ff6f00")),
                        "is_start_notified": start < ANCHOR,
                        **made(planned),
                    }
                )
        await self.put(CalendarEvent, rows)

    async def seed_custom_fields(self) -> None:
        rng = self.rng
        rows = [
            {
                "field_to": to,
                "name": name,
                "slug": f"{PERFEX_NAMES[to]}_{name.lower().replace(' ', '_')}",
                "type": kind,
                "options": json.dumps(options) if options else "",
                "field_order": k,
                "show_on_pdf": to == "invoices",
                **self.stamp(FIRST_DAY),
            }
            for k, (to, name, kind, options) in enumerate(FIELDS, 1)
        ]
        industry, staff_size, since, po, centre = await self.put(CustomField, rows, ids=True)
        values: list[tuple[int, str, int, str, date]] = []
        for c in self.customers:
            # A choice field's value is the JSON list of the chosen options.
            chosen = json.dumps([rng.choice(FIELDS[0][3])])
            values.append((industry, "customers", c.id, chosen, c.since))
            if self.chance(0.8):
                values.append(
                    (staff_size, "customers", c.id, str(rng.choice((5, 25, 60, 400))), c.since)
                )
            values.append((since, "customers", c.id, c.since.isoformat(), c.since))
            for d in c.invoices:
                if self.chance(0.4):
                    values.append((po, "invoices", d.id, f"PO-{rng.randint(10000, 99999)}", d.day))
                if self.chance(0.3):
                    chosen = json.dumps([rng.choice(FIELDS[4][3])])
                    values.append((centre, "invoices", d.id, chosen, d.day))
        await self.put(
            CustomFieldValue,
            [
                {"field_id": f, "field_to": to, "rel_id": rel, "value": v, **self.stamp(day)}
                for f, to, rel, v, day in values
            ],
        )

    async def seed_files(self, storage_dir: Path) -> None:
        rng = self.rng
        await asyncio.to_thread(storage_dir.mkdir, parents=True, exist_ok=True)
        projects = [p for c in self.customers for p in c.projects]
        targets = [("customer", c.id) for c in self.customers[:4]]
        targets += [("project", p) for p in projects[:4]]
        targets += [("ticket", t) for t in self.tickets[:4]]
        rows = []
        for kind, rel_id in targets:
            name, key = rng.choice(FILES), self.hex()
            data = f"{name}\n\n{rng.choice(NOTES)}\n{rng.choice(CHAT)}\n".encode()
            path = storage_dir / key
            # Noted before writing, so a failure after this point still removes the file.
            self.written.append(path)
            await asyncio.to_thread(path.write_bytes, data)
            rows.append(
                {
                    "rel_type": kind,
                    "rel_id": rel_id,
                    "file_name": name,
                    "content_type": "text/plain",
                    "size": len(data),
                    "storage_key": key,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "visible_to_customer": kind != "customer",
                    "staff_id": rng.choice(self.team),
                    **self.stamp(LAST_DAY),
                }
            )
        await self.put(File, rows)
