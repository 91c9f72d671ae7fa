"""`make bench`: seed, measure the gateway and its baselines in one run, write the report.

    python -m bench.run [--customers 1000] [--seconds 5] [--no-postgres] [--quick]

--quick checks that the gateway's answers equal the raw-SQL answers and times nothing.
Every server is started here on 127.0.0.1 and stopped before the run ends.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from bench import dataset, inprocess, load, report, servers
from bench.floor import global_id

QUERIES = Path(__file__).resolve().parent / "queries"
SECRET = "bench-secret-not-for-production-0123456789abcdef"
SINGLE_ID = 5


def say(line: str) -> None:
    sys.stderr.write(line + "\n")


def _query(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text()


def targets(token: str) -> dict[str, dict[str, Any]]:
    """The gateway requests measured over HTTP, by the issue's letters."""
    bearer = {"Authorization": f"Bearer {token}"}
    graphql = {"method": "POST", "path": "/graphql", "headers": bearer}
    single = {"id": global_id("Customer", SINGLE_ID)}
    return {
        "N": {**graphql, "json": {"query": _query("nested")}},
        "S": {**graphql, "json": {"query": _query("single"), "variables": single}},
        "R": {"method": "GET", "path": f"/api/v1/customers/{SINGLE_ID}", "headers": bearer},
        "L": {"method": "GET", "path": "/api/customers", "headers": {"authtoken": token}},
    }


def _load(server: servers.Server, spec: dict[str, Any], clients: int, seconds: float) -> load.Load:
    url = server.url + spec["path"]
    # One request first: a broken target must fail loudly, not be timed as fast errors.
    reply = httpx.request(
        spec["method"], url, json=spec.get("json"), headers=spec.get("headers"), timeout=60
    )
    if reply.status_code != 200 or b'"errors"' in reply.content[:200]:
        raise RuntimeError(f"{spec['path']} answered {reply.status_code}: {reply.text[:300]}")
    return load.run(
        url, clients=clients, seconds=seconds, method=spec["method"],
        json=spec.get("json"), headers=spec.get("headers"),
    )  # fmt: skip


def measure_engine(
    engine: str, url: str, token: str, seconds: float, logs: Path, postgraphile: Path | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"engine": engine}
    say(f"[{engine}] N in process")
    out["inprocess"] = inprocess.measure(url, SECRET, token, _query("nested"))
    floors: dict[str, load.Load] = {}
    with servers.bare(url, logs / f"bare-{engine}.log") as bare:
        for name, path in (("S", f"/customers/{SINGLE_ID}"), ("N", "/nested")):
            for clients in (1, 32):
                say(f"[{engine}] floor {name} x{clients}")
                spec = {"method": "GET", "path": path}
                floors[f"{name}@{clients}"] = _load(bare, spec, clients, seconds)
    out["floor"] = floors
    out["gateway"] = {}
    for workers in (1, 2):
        runs: dict[str, load.Load] = {}
        with servers.gateway(url, SECRET, workers, logs / f"gateway-{engine}-{workers}.log") as gw:
            for name, spec in targets(token).items():
                for clients in (1, 32):
                    say(f"[{engine}] gateway x{workers} {name} x{clients}")
                    runs[f"{name}@{clients}"] = _load(gw, spec, clients, seconds)
            if workers == 1:
                out["peak_rss_mb"] = gw.peak_rss_mb()
        out["gateway"][workers] = runs
    if postgraphile is not None:
        peer: dict[str, load.Load] = {}
        with servers.postgraphile(postgraphile, url, logs / "postgraphile.log") as pgl:
            specs: dict[str, dict[str, Any]] = {
                "N": {"json": {"query": _query("postgraphile_nested")}},
                "S": {
                    "json": {
                        "query": _query("postgraphile_single"),
                        "variables": {"id": SINGLE_ID},
                    }
                },
            }
            for name, spec in specs.items():
                for clients in (1, 32):
                    say(f"[{engine}] postgraphile {name} x{clients}")
                    full: dict[str, Any] = {"method": "POST", "path": "/graphql", **spec}
                    peer[f"{name}@{clients}"] = _load(pgl, full, clients, seconds)
        out["postgraphile"] = peer
    return out


def quick(workdir: Path, customers: int, with_postgres: bool) -> int:
    """The answers only: the gateway's N equals the raw-SQL N on each engine."""
    failures = 0
    with ExitStack() as stack:
        for engine, url in _databases(workdir, customers, with_postgres, stack):
            token = dataset.token(url, SECRET)
            result = inprocess.measure(url, SECRET, token, _query("nested"), rounds=1)
            state = "equal" if result.same_answer else "DIFFERENT"
            say(f"{engine}: N answer {state} to raw SQL ({result.objects} objects)")
            failures += not result.same_answer
    return 1 if failures else 0


def _databases(
    workdir: Path, customers: int, with_postgres: bool, stack: ExitStack
) -> list[tuple[str, str]]:
    urls = [("sqlite", dataset.sqlite(workdir, SECRET, customers))]
    if with_postgres:
        pg = dataset.Postgres(workdir)
        pg.start()
        stack.callback(pg.stop)
        urls.append(("postgresql", pg.create(customers, SECRET)))
    return urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=servers.ROOT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    workdir = Path(os.environ.get("CRM_BENCH_DIR", "/tmp/crm-bench"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.quick:
        return quick(workdir, min(args.customers, 100), not args.no_postgres)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    results = []
    with ExitStack() as stack:
        for engine, url in _databases(workdir, args.customers, not args.no_postgres, stack):
            token = dataset.token(url, SECRET)
            peer = servers.postgraphile_bin() if engine == "postgresql" else None
            results.append(measure_engine(engine, url, token, args.seconds, logs, peer))
    report.write(results, args.out, customers=args.customers, seconds=args.seconds)
    say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
