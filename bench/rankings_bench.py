"""Indicator scores for many enterprises: the pure columnar scoring (``gaoqi.rules.indicators``) and a what-if over
synthetic columns, and, with ``--db``, the whole path over the enterprises already in the database (columns read,
gates evaluated, scores computed; the what-if).

    .venv/bin/python bench/rankings_bench.py --enterprises 100000
    GAOQI_SQLITE_PATH=var/db.sqlite3 .venv/bin/python bench/rankings_bench.py --db
"""

import argparse
import statistics
import time

import numpy as np


def synthetic(size: int, seed: int = 7):
    from gaoqi.rules.criteria import SCALE, Column, facts_from_lists

    rng = np.random.default_rng(seed)

    def column(low, high, missing=0.1):
        values = rng.integers(int(low * SCALE), int(high * SCALE), size=size, dtype=np.int64)
        return Column(values, rng.random(size) > missing)

    columns = {
        "rd_intensity": column(0, 0.2),
        "invention_per_100": column(0, 40),
        "revenue_growth": column(-0.5, 1.5),
        "hightech_share": column(0, 1),
        "st_staff_ratio": column(0, 0.8),
        "financing": column(0, 500_000_000, 0),
        "awards": column(0, 20, 0),
    }
    facts = facts_from_lists(size, {"listed": (rng.random(size) < 0.02).tolist()})
    return columns, facts


def timed(runs: int, work) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def pure(size: int, runs: int) -> None:
    from gaoqi.rules.indicators import default_system, score

    _name, system = default_system()
    columns, facts = synthetic(size)
    times = timed(runs, lambda: score(system, columns, facts).order(np.arange(size)))
    print(f"pure scoring + ranking, {size} enterprises: median {statistics.median(times):.3f} s over {runs} runs")
    what_if(system, columns, facts, size, runs)


def what_if(system, columns, facts, size: int, runs: int) -> None:
    from decimal import Decimal

    from gaoqi.rules.indicators import score, system_from_dict
    from gaoqi.rules.indicators.whatif import Rule, compare, qualifying

    spec = system.as_dict()
    spec["indicators"][0]["bands"] = [["0.02", "0.4"], ["0.03", "0.6"], ["0.04", "0.8"], ["0.07", "1"]]
    changed = system_from_dict(spec)
    rng = np.random.default_rng(11)
    districts = rng.choice(["440103", "440106", "440112", "440113"], size).astype(object)
    areas = rng.choice(["10", "20", "50", "80"], size).astype(object)
    eligible = rng.random(size) < 0.5
    base, rule = Rule(Decimal(60), Decimal(200_000)), Rule(Decimal(55), Decimal(300_000))

    def run():
        before = qualifying(score(system, columns, facts).total, eligible, base)
        after = qualifying(score(changed, columns, facts).total, eligible, rule)
        return compare(before, after, districts, areas, base, rule)

    times = timed(runs, run)
    print(
        f"pure what-if (two systems, by district and area), {size} enterprises: "
        f"median {statistics.median(times):.3f} s over {runs} runs"
    )


def database(runs: int) -> None:
    import django

    django.setup()
    from django.utils import timezone

    from gaoqi.apps.rankings.selectors import score_population
    from gaoqi.rules.indicators import default_system

    _name, system = default_system()
    today = timezone.localdate()
    population, _scores = score_population(system, today=today)
    times = timed(runs, lambda: score_population(system, today=today))
    print(
        f"columns read + gates + scores, {population.size} enterprises in the database: "
        f"median {statistics.median(times):.3f} s over {runs} runs"
    )
    from decimal import Decimal

    from gaoqi.apps.rankings.selectors import indicator_version_current
    from gaoqi.apps.rankings.whatif import what_if as what_if_db
    from gaoqi.rules.indicators.whatif import Rule

    version = indicator_version_current()
    if version is None:
        return
    base, rule = Rule(Decimal(60), Decimal(200_000)), Rule(Decimal(55), Decimal(300_000))
    eligibility = "hte_certificate and not listed"
    times = timed(
        runs,
        lambda: what_if_db(version=version, changed=system, eligibility=eligibility, base=base, rule=rule, today=today),
    )
    print(f"what-if over the database, {population.size} enterprises: median {statistics.median(times):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", action="store_true", help="also time the whole path over the database")
    args = parser.parse_args()
    pure(args.enterprises, args.runs)
    if args.db:
        database(args.runs)


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")
    main()
