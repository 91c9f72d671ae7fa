"""`make bench`: seed, measure the gateway and its baselines in one run, write the report.

    python -m bench.run [--customers 1000] [--seconds 5] [--no-postgres] [--quick]
                        [--peer-check]

Every shape in bench/shapes.py, at 1 and 32 clients, on SQLite and PostgreSQL, one and
two gateway workers, against the bare floors and (on PostgreSQL) PostGraphile 5.
--quick checks every shape's gateway answer (bench/answers.py) and times nothing.
--peer-check prints PostGraphile 5's answer to every shape and counts its records
against the gateway's on the same PostgreSQL data.
Every server is started here on 127.0.0.1 and stopped before the run ends.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from bench import answers, dataset, inprocess, load, report, servers, shapes
from bench.floor import global_id
from bench.inprocess import count_objects
from bench.shapes import SINGLE_ID

QUERIES = Path(__file__).resolve().parent / "queries"
SECRET = "bench-secret-not-for-production-0123456789abcdef"
CLIENTS = (1, 32)


def say(line: str) -> None:
    sys.stderr.write(line + "\n")


def _query(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text()


def targets(token: str) -> dict[str, dict[str, Any]]:
    """The gateway's S, R, L and N requests (python -m bench.single times them in process)."""
    return shapes.requests(token, {"S": {"id": global_id("Customer", SINGLE_ID)}})


def _check(reply: httpx.Response, what: str) -> None:
    # A broken target must fail loudly, not be timed as fast errors.
    if reply.status_code != 200 or b'"errors"' in reply.content[:200]:
        raise RuntimeError(f"{what} answered {reply.status_code}: {reply.text[:300]}")


def _load(server: servers.Server, spec: dict[str, Any], clients: int, seconds: float) -> load.Load:
    url = server.url + spec["path"]
    reply = httpx.request(
        spec["method"], url, json=spec.get("json"), headers=spec.get("headers"), timeout=120
    )
    _check(reply, spec["path"])
    return load.run(
        url, clients=clients, seconds=seconds, method=spec["method"],
        json=spec.get("json"), headers=spec.get("headers"),
    )  # fmt: skip


def asker(base: str, headers: dict[str, str]) -> shapes.Ask:
    """A GraphQL client for a running server: the data, or an error naming the reply."""

    async def ask(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=120) as client:
            reply = await client.post(
                base + "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
        _check(reply, "/graphql")
        data: dict[str, Any] = reply.json()["data"]
        return data

    return ask


def _cells(
    label: str, server: servers.Server, specs: dict[str, dict[str, Any]], seconds: float
) -> dict[str, load.Load]:
    runs: dict[str, load.Load] = {}
    for key, spec in specs.items():
        for clients in CLIENTS:
            say(f"{label} {key} x{clients}")
            runs[f"{key}@{clients}"] = _load(server, spec, clients, seconds)
    return runs


def measure_engine(
    engine: str,
    url: str,
    token: str,
    seconds: float,
    logs: Path,
    peer: Path | None,
    only: set[str] | None = None,
) -> dict[str, Any]:
    def chosen(specs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in specs.items() if only is None or k in only}

    out: dict[str, Any] = {"engine": engine}
    say(f"[{engine}] N in process")
    out["inprocess"] = inprocess.measure(url, SECRET, token, _query("nested"))
    out["statements"] = inprocess.statements(url, SECRET, token)
    floors = {"S": f"/customers/{SINGLE_ID}", "N": "/nested", "L": "/customers"}
    with servers.bare(url, logs / f"bare-{engine}.log") as bare:
        specs = chosen({key: {"method": "GET", "path": path} for key, path in floors.items()})
        out["floor"] = _cells(f"[{engine}] floor", bare, specs, seconds)
    out["gateway"] = {}
    for workers in (1, 2):
        with servers.gateway(url, SECRET, workers, logs / f"gateway-{engine}-{workers}.log") as gw:
            bearer = {"Authorization": f"Bearer {token}"}
            variables = asyncio.run(shapes.gateway_variables(asker(gw.url, bearer)))
            specs = chosen(shapes.requests(token, variables))
            out["gateway"][workers] = _cells(f"[{engine}] gateway x{workers}", gw, specs, seconds)
            if workers == 1:
                out["peak_rss_mb"] = gw.peak_rss_mb()
    if peer is not None:
        with servers.postgraphile(peer, url, logs / "postgraphile.log") as pgl:
            variables = asyncio.run(shapes.peer_variables(asker(pgl.url, {})))
            specs = chosen(shapes.peer_requests(variables))
            out["postgraphile"] = _cells(f"[{engine}] PostGraphile 5", pgl, specs, seconds)
    return out


def quick(workdir: Path, customers: int, with_postgres: bool) -> int:
    """The answers only: every shape's gateway answer checked on each engine."""
    failures = 0
    with ExitStack() as stack:
        for engine, url in _databases(workdir, customers, with_postgres, stack):
            token = dataset.token(url, SECRET)
            for verdict in asyncio.run(answers.verdicts(url, SECRET, token)):
                state = "ok" if verdict.ok else "WRONG"
                say(f"{engine}: {verdict.key:<2} {state}: {verdict.detail}")
                failures += not verdict.ok
    return 1 if failures else 0


def peer_check(workdir: Path, customers: int) -> int:
    """PostGraphile 5 answers every shape: its answers printed, checked against ours
    (the same number of records, or the same aggregate figures)."""
    peer = servers.postgraphile_bin()
    if peer is None:
        say("PostGraphile 5 could not be installed (npm and Node 22 needed)")
        return 1
    with ExitStack() as stack:
        url = _postgres(workdir, customers, stack)
        token = dataset.token(url, SECRET)
        logs = workdir / "logs"
        logs.mkdir(exist_ok=True)
        gw = stack.enter_context(servers.gateway(url, SECRET, 1, logs / "gateway-check.log"))
        pgl = stack.enter_context(servers.postgraphile(peer, url, logs / "postgraphile.log"))
        ours = asyncio.run(
            shapes.gateway_variables(asker(gw.url, {"Authorization": f"Bearer {token}"}))
        )
        theirs = asyncio.run(shapes.peer_variables(asker(pgl.url, {})))
        mine = shapes.requests(token, ours)
        failures = 0
        for key, spec in shapes.peer_requests(theirs).items():
            answer = httpx.post(pgl.url + "/graphql", json=spec["json"], timeout=120)
            gateway = httpx.post(
                gw.url + "/graphql", json=mine[key]["json"], headers=mine[key]["headers"],
                timeout=120,
            )  # fmt: skip
            ok = answer.status_code == 200 and "errors" not in answer.json()
            theirs_say = figures(key, answer.json().get("data") or {})
            ours_say = figures(key, gateway.json().get("data") or {})
            ok = ok and theirs_say == ours_say
            failures += not ok
            say(f"{key:<2} {'ok' if ok else 'WRONG'}: PostGraphile 5 {theirs_say},"
                f" gateway {ours_say}: {answer.text[:400]}")  # fmt: skip
    return 1 if failures else 0


def figures(key: str, data: dict[str, Any]) -> object:
    """What both servers' answers to a shape must agree on: its records, or its figures."""
    connection = data.get("invoices") or data.get("allInvoices") or {}
    if key == "AG":
        found = connection.get("aggregate") or connection.get("aggregates") or {}
        sums = found.get("sum", {})
        extremes = sorted((k, str(v["total"])) for k, v in found.items() if k in ("min", "max"))
        count = found.get("count", connection.get("totalCount"))
        return (count, sums.get("total"), sums.get("amountPaid"), extremes)
    if key == "G":
        groups = connection.get("groupBy") or connection.get("groupedAggregates") or []
        return sorted(
            (int(g["count"] if "count" in g else g["distinctCount"]["rowId"]), g["sum"]["total"])
            for g in groups
        )
    return f"{count_objects(data)} records"


def _databases(
    workdir: Path, customers: int, with_postgres: bool, stack: ExitStack
) -> list[tuple[str, str]]:
    urls = [("sqlite", dataset.sqlite(workdir, SECRET, customers))]
    if with_postgres:
        urls.append(("postgresql", _postgres(workdir, customers, stack)))
    return urls


def _postgres(workdir: Path, customers: int, stack: ExitStack) -> str:
    pg = dataset.Postgres(workdir)
    pg.start()
    stack.callback(pg.stop)
    return pg.create(customers, SECRET)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--shapes", help="only these shape keys, comma-separated (e.g. N,E,S)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--peer-check", action="store_true")
    parser.add_argument("--out", type=Path, default=servers.ROOT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    # A run stopped from outside still stops every server it started (they run in their
    # own sessions) and its PostgreSQL: SIGTERM unwinds the blocks that own them.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(os.environ.get("CRM_BENCH_DIR", "/tmp/crm-bench"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.peer_check:
        return peer_check(workdir, args.customers)
    if args.quick:
        return quick(workdir, min(args.customers, 100), not args.no_postgres)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    results = []
    only = set(args.shapes.split(",")) if args.shapes else None
    if only is not None and only - set(shapes.BY_KEY):
        parser.error(f"unknown shapes {sorted(only - set(shapes.BY_KEY))}")
    with ExitStack() as stack:
        for engine, url in _databases(workdir, args.customers, not args.no_postgres, stack):
            if engine == "sqlite" and args.no_sqlite:
                continue
            token = dataset.token(url, SECRET)
            peer = servers.postgraphile_bin() if engine == "postgresql" else None
            results.append(measure_engine(engine, url, token, args.seconds, logs, peer, only))
    report.write(results, args.out, customers=args.customers, seconds=args.seconds)
    say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
