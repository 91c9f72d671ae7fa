"""docs/performance.md from one run's figures: tables, the targets as ratios, a chart.

Only the block between the markers is rewritten, so the notes around it (what each change
bought, profiles) stay as written.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.load import Load

START = "<!-- bench:start (written by `make bench`; edit outside the markers) -->"
END = "<!-- bench:end -->"
RELATIONS_IN_N = 5  # customers, contacts, invoices, items, tickets


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    return [_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows), ""]


def _load_rows(label: str, runs: dict[str, Load]) -> list[list[object]]:
    return [
        [
            label,
            key.replace("@", " x"),
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"{r.rps:,.0f}",
            r.errors,
        ]
        for key, r in runs.items()
    ]


def targets(result: dict[str, Any]) -> list[list[object]]:
    engine = result["engine"]
    one = result["gateway"][1]
    two = result["gateway"][2]
    floor = result["floor"]
    ip = result["inprocess"]
    rows: list[list[object]] = []

    def check(name: str, measured: float, goal: str, met: bool) -> None:
        rows.append([engine, name, f"{measured:.2f}", goal, "met" if met else "**not met**"])

    if engine == "sqlite":
        ratio = ip.gateway.p50_ms / ip.floor.p50_ms
        check("N p50 in process / raw SQL", ratio, "≤ 3", ratio <= 3)
    peer = result.get("postgraphile")
    if peer:
        ratio = one["N@1"].p50_ms / peer["N@1"].p50_ms
        check("N p50 x1 / PostGraphile", ratio, "≤ 1", ratio <= 1)
        ratio = two["S@32"].rps / peer["S@32"].rps
        check("S req/s x32, 2 workers / PostGraphile", ratio, "> 1", ratio > 1)
    ratio = one["S@32"].rps / floor["S@32"].rps
    check("S req/s x32 / bare Starlette", ratio, "≥ 0.30", ratio >= 0.30)
    ratio = one["R@32"].rps / floor["S@32"].rps
    check("R req/s x32 / bare Starlette", ratio, "≥ 0.50", ratio >= 0.50)
    check(
        "N SQL statements / relations touched",
        ip.statements / RELATIONS_IN_N,
        "≤ 1",
        ip.statements <= RELATIONS_IN_N,
    )
    check(
        "peak RSS MB, 1 worker after N x32",
        result["peak_rss_mb"],
        "< 300",
        result["peak_rss_mb"] < 300,
    )
    return rows


def _block(results: list[dict[str, Any]], customers: int, seconds: float, chart: str) -> list[str]:
    lines = [
        START,
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; "
        f"`seed-demo --customers {customers}`; wrk for {seconds:.0f} s per cell, 127.0.0.1 only.",
        "",
        "### Targets (ratios within this run)",
        "",
        *_table(
            ["engine", "measure", "ratio", "target", ""],
            [row for r in results for row in targets(r)],
        ),
        "### N in process (ASGI app, no network) against raw SQL + orjson",
        "",
        *_table(
            [
                "engine",
                "gateway p50 ms",
                "p99 ms",
                "raw SQL p50 ms",
                "p99 ms",
                "ratio",
                "SQL statements",
                "objects",
                "same answer",
            ],
            [
                [
                    r["engine"],
                    f"{r['inprocess'].gateway.p50_ms:.1f}",
                    f"{r['inprocess'].gateway.p99_ms:.1f}",
                    f"{r['inprocess'].floor.p50_ms:.1f}",
                    f"{r['inprocess'].floor.p99_ms:.1f}",
                    f"{r['inprocess'].gateway.p50_ms / r['inprocess'].floor.p50_ms:.2f}",
                    r["inprocess"].statements,
                    r["inprocess"].objects,
                    "yes" if r["inprocess"].same_answer else "**no**",
                ]
                for r in results
            ],
        ),
    ]
    for r in results:
        rows = _load_rows("bare Starlette + raw SQL", r["floor"])
        for workers, runs in r["gateway"].items():
            rows += _load_rows(f"gateway, {workers} worker{'s' if workers > 1 else ''}", runs)
        if r.get("postgraphile"):
            rows += _load_rows("PostGraphile 4", r["postgraphile"])
        lines += [
            f"### Over HTTP on {r['engine']} (peak RSS of one worker: {r['peak_rss_mb']:.0f} MB)",
            "",
            *_table(["server", "request x clients", "p50 ms", "p99 ms", "req/s", "errors"], rows),
        ]
    lines += [f"![req/s against the floors]({chart})", "", END]
    return lines


def _chart(results: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 4), squeeze=False)
    for ax, r in zip(axes[0], results, strict=True):
        labels, values, colors = [], [], []
        for key in ("S@32", "N@32"):
            labels.append(f"floor {key}")
            values.append(r["floor"][key].rps)
            colors.append("#999999")
        for workers, runs in r["gateway"].items():
            for key in ("S@32", "R@32", "L@32", "N@32"):
                labels.append(f"gw{workers} {key}")
                values.append(runs[key].rps)
                colors.append("#1f77b4" if workers == 1 else "#2ca02c")
        for key, run in (r.get("postgraphile") or {}).items():
            if key.endswith("@32"):
                labels.append(f"PostGraphile {key}")
                values.append(run.rps)
                colors.append("#d62728")
        ax.barh(labels, values, color=colors)
        ax.set_xscale("log")
        ax.set_xlabel("requests/s (log), 32 clients")
        ax.set_title(r["engine"])
        ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results: list[dict[str, Any]], path: Path, *, customers: int, seconds: float) -> None:
    chart = path.with_suffix(".png")
    _chart(results, chart)
    block = "\n".join(_block(results, customers, seconds, chart.name))
    text = path.read_text() if path.exists() else "# Performance\n\n" + START + "\n" + END + "\n"
    if START not in text:
        text += "\n" + START + "\n" + END + "\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(head + block + tail)
