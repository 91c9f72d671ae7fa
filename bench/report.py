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
from bench.shapes import SHAPES

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
    peer = result.get("postgraphile") or {}
    rows: list[list[object]] = []

    def check(name: str, measured: float, goal: str, met: bool) -> None:
        rows.append([engine, name, f"{measured:.2f}", goal, "met" if met else "**not met**"])

    if engine == "sqlite":
        ratio = ip.gateway.p50_ms / ip.floor.p50_ms
        check("N p50 in process / raw SQL", ratio, "≤ 3", ratio <= 3)

    def compare(
        name: str, a: dict[str, Load], b: dict[str, Load], keys: tuple[str, str], goal: str
    ) -> None:
        # A run limited to some shapes (--shapes) leaves the others' ratios out.
        if keys[0] not in a or keys[1] not in b:
            return
        p50 = "p50" in name
        mine, theirs = (
            (a[keys[0]].p50_ms, b[keys[1]].p50_ms) if p50 else (a[keys[0]].rps, b[keys[1]].rps)
        )
        ratio = mine / theirs
        bound = float(goal.split()[-1])
        met = {"≤": ratio <= bound, "≥": ratio >= bound, ">": ratio > bound}[goal.split()[0]]
        check(name, ratio, goal, met)

    for shape in SHAPES:
        k = shape.key
        if shape.compare_to_n:
            compare(f"{k} p50 x1 / plain N p50 x1", one, one, (f"{k}@1", "N@1"), "≤ 1.5")
    for shape in SHAPES:
        k = shape.key
        compare(f"{k} p50 x1 / PostGraphile 5", one, peer, (f"{k}@1", f"{k}@1"), "≤ 1")
        compare(f"{k} req/s x32 / PostGraphile 5", one, peer, (f"{k}@32", f"{k}@32"), "≥ 1")
    compare("S req/s x32, 2 workers / PostGraphile 5", two, peer, ("S@32", "S@32"), "> 1")
    compare("S req/s x32 / bare Starlette", one, floor, ("S@32", "S@32"), "≥ 0.30")
    compare("R req/s x32 / bare Starlette", one, floor, ("R@32", "S@32"), "≥ 0.50")
    compare("L req/s x32 / bare list", one, floor, ("L@32", "L@32"), "≥ 0.50")
    check(
        "N SQL statements / relations touched",
        ip.statements / RELATIONS_IN_N,
        "≤ 1",
        ip.statements <= RELATIONS_IN_N,
    )
    check(
        "peak RSS MB, 1 worker after every shape x32",
        result["peak_rss_mb"],
        "< 300",
        result["peak_rss_mb"] < 300,
    )
    return rows


def _keys(runs: dict[str, Load]) -> set[str]:
    return {key.split("@")[0] for key in runs}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def shape_rows(result: dict[str, Any]) -> list[list[object]]:
    """Per shape: the gateway (one worker) against the plain N and against PostGraphile 5."""
    one, two = result["gateway"][1], result["gateway"][2]
    peer = result.get("postgraphile") or {}
    statements = result.get("statements") or {}
    rows: list[list[object]] = []
    for shape in SHAPES:
        k = shape.key
        if f"{k}@1" not in one:
            continue
        mine = one[f"{k}@1"].p50_ms
        theirs = peer.get(f"{k}@1")
        theirs_rps = peer.get(f"{k}@32")
        rows.append(
            [
                f"{k}: {shape.title}",
                f"{mine:.1f}",
                _ratio(mine, one["N@1"].p50_ms) if shape.compare_to_n and "N@1" in one else "",
                f"{theirs.p50_ms:.1f}" if theirs else "",
                _ratio(mine, theirs.p50_ms) if theirs else "",
                f"{one[f'{k}@32'].rps:,.0f}",
                f"{two[f'{k}@32'].rps:,.0f}",
                f"{theirs_rps.rps:,.0f}" if theirs_rps else "",
                _ratio(one[f"{k}@32"].rps, theirs_rps.rps) if theirs_rps else "",
                statements.get(k, ""),
            ]
        )
    return rows


SHAPE_HEAD = [
    "shape",
    "gateway p50 x1 ms",
    "/ plain N (≤ 1.5)",
    "PostGraphile 5 p50 x1 ms",
    "gateway / PG5 (≤ 1)",
    "gateway req/s x32",
    "2 workers",
    "PostGraphile 5 req/s x32",
    "gateway / PG5 (≥ 1)",
    "SQL statements",
]


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
        *[
            line
            for r in results
            for line in [
                f"### Every shape on {r['engine']} (gateway: one worker unless said)",
                "",
                *_table(SHAPE_HEAD, shape_rows(r)),
            ]
        ],
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
            rows += _load_rows("PostGraphile 5", r["postgraphile"])
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

    keys = [s.key for s in SHAPES]
    fig, axes = plt.subplots(
        1, len(results), figsize=(7 * len(results), 0.25 * len(keys) * 3 + 1.5), squeeze=False
    )
    for ax, r in zip(axes[0], results, strict=True):
        series: list[tuple[str, dict[str, Load], str]] = [
            ("gateway, 1 worker", r["gateway"][1], "#1f77b4"),
            ("gateway, 2 workers", r["gateway"][2], "#2ca02c"),
        ]
        if r.get("postgraphile"):
            series.append(("PostGraphile 5", r["postgraphile"], "#d62728"))
        height = 0.8 / len(series)
        for i, (label, runs, color) in enumerate(series):
            ys = [row + i * height for row in range(len(keys))]
            values = [runs[f"{k}@32"].rps if f"{k}@32" in runs else 0 for k in keys]
            ax.barh(ys, values, height=height, color=color, label=label)
        for i, (k, name) in enumerate((("S", "bare S"), ("N", "bare N"), ("L", "bare list"))):
            if f"{k}@32" in r["floor"]:
                rps = r["floor"][f"{k}@32"].rps
                ax.axvline(rps, color="#999999", linestyle=":")
                ax.text(rps, -0.5 - 0.5 * i, name, fontsize=7, color="#666666")
        ax.set_yticks([row + 0.4 - height / 2 for row in range(len(keys))], keys)
        ax.set_xscale("log")
        ax.set_xlabel("requests/s (log), 32 clients; dotted: the bare floors")
        ax.set_title(r["engine"])
        ax.invert_yaxis()
        ax.legend(fontsize=7, loc="lower right")
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
