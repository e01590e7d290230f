"""Rules-engine figures: single assessment (with explanations), `gaoqi assess` process start, and bulk assessment
end to end on a real-shaped file (amounts as strings or numbers, optional keys missing, 0.2 % invalid lines).

    .venv/bin/python bench/rules_bench.py [--profiles 1000000] [--single-runs 500] [--routes ...]

Prints medians and throughput against the goals; timings on a shared machine are noisy, so compare medians.
"""

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import orjson
import polars as pl

from gaoqi.rules import assess
from gaoqi.rules.batch import run
from gaoqi.rules.columnar import SCHEMA
from gaoqi.rules.synthetic import mixed_profiles, profiles

AS_OF = dt.date(2026, 11, 28)
DATA = Path(__file__).resolve().parents[1] / "var" / "bench"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "profile-complete.json"


def single(runs: int) -> None:
    samples = [json.loads(EXAMPLE.read_text(encoding="utf-8")), *profiles(20, seed=99, complete=True)]
    for profile in samples:
        assess(profile, as_of=AS_OF)
    times, cpu = [], []
    for i in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        assess(samples[i % len(samples)], as_of=AS_OF)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    times.sort()
    print(
        f"single assessment with explanation: median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms over {runs} runs, median CPU "
        f"{statistics.median(cpu) * 1000:.2f} ms (goal ≤ 1 ms)"
    )


def process_start(runs: int = 7) -> None:
    """`gaoqi assess` on one profile, as a fresh process each time (interpreter start included)."""
    command = [sys.executable, "-m", "gaoqi.cli", "assess", str(EXAMPLE), "--as-of", AS_OF.isoformat()]
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), _children_cpu()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - cpu_started)
    print(
        f"gaoqi assess process: median {statistics.median(times):.2f} s over {runs} runs, median CPU "
        f"{statistics.median(cpu):.2f} s (goal ≤ 0.5 s)"
    )


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _write_part(args) -> bytes:
    count, seed = args
    rows = mixed_profiles(count, seed=seed)
    return b"".join((row if isinstance(row, bytes) else orjson.dumps(row)) + b"\n" for row in rows)


def synthetic_file(count: int) -> Path:
    path = DATA / f"mixed-{count}.jsonl"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    parts = [(min(50_000, count - start), 1000 + start) for start in range(0, count, 50_000)]
    with ProcessPoolExecutor() as pool, path.with_suffix(".tmp").open("wb") as handle:
        for block in pool.map(_write_part, parts):
            handle.write(block)
    path.with_suffix(".tmp").rename(path)
    print(
        f"generated {count:,} real-shaped profiles ({path.stat().st_size / 1e9:.2f} GB) in "
        f"{time.perf_counter() - started:.0f} s (not timed below)"
    )
    return path


def parquet_profiles(count: int) -> Path:
    """The same synthetic profiles as columnar Parquet in the JSON-lines schema (prepared once, not timed)."""
    path = DATA / f"mixed-{count}.parquet"
    if not path.exists():
        objects = b"".join(line for line in synthetic_file(count).open("rb") if line.rstrip().endswith(b"}"))
        pl.read_ndjson(objects, schema=SCHEMA, ignore_errors=True).write_parquet(path)
    return path


def _cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children (the workers of a finished run): on a
    shared machine, the figure that load does not inflate much."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bulk(count: int, route: str) -> None:
    source_suffix, suffix = route.split(">")
    source = synthetic_file(count) if source_suffix == ".jsonl" else parquet_profiles(count)
    out = DATA / f"results-{count}{suffix}"
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    assessed, invalid = run(source, out, AS_OF)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = os.cpu_count() or 1
    print(
        f"bulk {source_suffix[1:]} → {suffix[1:]}: {assessed:,} assessed ({invalid} invalid) "
        f"in {seconds:.1f} s end to end = {assessed / seconds:,.0f} profiles/s on {workers} workers "
        f"({cpu:.1f} CPU-seconds, load {os.getloadavg()[0]:.1f}); "
        f"peak RSS {own:,.0f} MB (main), {children:,.0f} MB (largest worker), at most "
        f"{own + workers * children:,.0f} MB together; output {out.stat().st_size / 1e6:,.0f} MB "
        f"(goal 1,000,000 jsonl → jsonl ≤ 15 s, ≤ 1.5 GB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--single-runs", type=int, default=500)
    parser.add_argument("--routes", default=".jsonl>.jsonl,.jsonl>.parquet,.parquet>.parquet")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    single(args.single_runs)
    process_start()
    for route in args.routes.split(","):
        bulk(args.profiles, route)


if __name__ == "__main__":
    main()
