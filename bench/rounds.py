"""The GraphQL shapes timed in one process, interleaved round by round, as ratios to N.

    python -m bench.rounds [--rounds 8] [--each 5] [--profile E] [SHAPE ...]

Reads BENCH_DATABASE_URL (default: the SQLite file `make bench` builds in CRM_BENCH_DIR)
and calls the app directly with ASGI messages (bench.single.call). Each round times
`--each` requests of every shape in turn and keeps each shape's median, so that all the
shapes of a round share the machine's load of that moment; a shape's figure is then the
median over the rounds of its ratio to N's median in the same round, with the range of
those ratios (a shared machine moves the absolute times by 2x within minutes, the
ratios far less). `--cpu` times the process's CPU instead of the wall clock: on SQLite,
whose statements run on the event loop's thread, that is the whole request and moves
far less with the machine's load (on PostgreSQL it leaves out the server's work).
`--profile SHAPE` prints cProfile's top functions over its requests.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import statistics
import time
from typing import Any

import orjson

from bench import dataset, shapes
from bench.run import SECRET, say
from bench.servers import gateway_env
from bench.single import WORKDIR, call
from gateway.app import create_app
from gateway.settings import Settings

GRAPHQL = [s.key for s in shapes.SHAPES if s.file is not None and s.key != "M"]


def _data(answer: bytes) -> dict[str, Any]:
    decoded: dict[str, Any] = orjson.loads(answer)
    if decoded.get("errors"):
        raise SystemExit(f"errors: {str(decoded['errors'])[:300]}")
    data: dict[str, Any] = decoded["data"]
    return data


async def measure(
    url: str, names: list[str], rounds: int, each: int, profile: str, cpu: bool
) -> None:
    os.environ.update(gateway_env(url, SECRET))
    token = dataset.token(url, SECRET)
    app = create_app(Settings.from_env())
    async with app.router.lifespan_context(app):

        async def ask(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            spec: dict[str, Any] = {
                "method": "POST",
                "path": "/graphql",
                "json": {"query": query, "variables": variables},
                "headers": {"Authorization": f"Bearer {token}"},
            }
            return _data((await call(app, spec))[1])

        specs = shapes.requests(token, await shapes.gateway_variables(ask))
        for name in names:
            for _ in range(3):
                _data((await call(app, specs[name]))[1])
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(rounds * each):
                await call(app, specs[profile])
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
            say(out.getvalue())
            return
        medians: dict[str, list[float]] = {name: [] for name in names}
        clock = time.process_time if cpu else time.perf_counter
        for _ in range(rounds):
            for name in names:
                samples = []
                for _ in range(each):
                    started = clock()
                    await call(app, specs[name])
                    samples.append(clock() - started)
                medians[name].append(statistics.median(samples) * 1000)
    base = medians.get("N")
    for name in names:
        ms = medians[name]
        line = f"{name:>3}: p50 {statistics.median(ms):8.1f} ms"
        if base is not None and name != "N":
            ratios = sorted(m / n for m, n in zip(ms, base, strict=True))
            line += (
                f"  x N {statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
            )
        say(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rounds")
    parser.add_argument("names", nargs="*", default=GRAPHQL)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--each", type=int, default=5)
    parser.add_argument("--profile", default="")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite+aiosqlite:///{WORKDIR}/crm-1000.db"
    names = list(dict.fromkeys(["N", *args.names])) if not args.profile else [args.profile]
    asyncio.run(measure(url, names, args.rounds, args.each, args.profile, args.cpu))


if __name__ == "__main__":
    main()
