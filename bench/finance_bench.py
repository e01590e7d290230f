"""Matching figures (not a timed test): financing demands of many enterprises against many products at once.

    .venv/bin/python bench/finance_bench.py --demands 100000 --products 200 --runs 5

Builds synthetic facts for ``--demands`` enterprises (certificates, age, R&D ratio, contest award, equity raised, some
unknown) and ``--products`` products whose criteria all differ (thresholds vary), then times ``fit``: eligibility by
each product's criteria (three-valued) and fit by amount, term and field, as products × demands matrices. Prints each
run and the median, and how many suggestions there were. Pure rules code: no database.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaoqi.rules.criteria import compile_criteria, facts_from_lists
from gaoqi.rules.finance.fit import Asks, Offer, fit

TEMPLATES = [
    "hte_certificate and hte.rd_ratio >= {p}%",
    "age_years >= {y}",
    "tsme_certificate or hte_certificate",
    "contest.award_level >= {a}",
    "investment.total_12m >= {m}万",
    "hte.rd_ratio >= {p}% and age_years < {y}",
    "tech_area in ('10', '20', '80') and fy.sales_revenue >= {m}万",
]
AREAS = ["10", "20", "30", "40", "50", "60", "70", "80"]


def facts(n: int, rng: np.random.Generator):
    def maybe(values, unknown=0.1):
        return [None if rng.random() < unknown else v for v in values]

    return facts_from_lists(
        n,
        {
            "hte_certificate": list(rng.random(n) < 0.4),
            "tsme_certificate": list(rng.random(n) < 0.5),
            "age_years": [int(v) for v in rng.integers(0, 25, n)],
            "hte.rd_ratio": maybe([f"{v:.4f}" for v in rng.uniform(0, 0.2, n)]),
            "contest.award_level": [int(v) for v in rng.integers(0, 6, n)],
            "investment.total_12m": [int(v) * 1_000_000 for v in rng.integers(0, 50, n)],
            "tech_area": [AREAS[v] for v in rng.integers(0, 8, n)],
            "fy.sales_revenue": maybe([int(v) * 10_000 for v in rng.integers(100, 50_000, n)]),
        },
    )


def offers(count: int, seed: int) -> list[Offer]:
    rng = random.Random(seed)
    made, seen = [], set()
    while len(made) < count:
        template = rng.choice(TEMPLATES)
        values = {"p": rng.randint(1, 15), "y": rng.randint(1, 10), "a": rng.randint(1, 5), "m": rng.randint(1, 5000)}
        source = template.format(**values)
        if source in seen:
            continue
        seen.add(source)
        low = rng.choice((20, 50, 100, 300)) * 10_000 * 100
        made.append(
            Offer(
                compile_criteria(source),
                low,
                low * rng.choice((10, 20, 50)),
                rng.choice((1, 6, 12)),
                rng.choice((24, 36, 60)),
                frozenset(rng.sample(AREAS, rng.randint(0, 3))),
            )
        )
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demands", type=int, default=100_000)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    table = facts(args.demands, rng)
    asks = Asks(
        rng.integers(10, 5000, args.demands).astype(np.int64) * 10_000 * 100,
        rng.choice([6, 12, 24, 36, 48], args.demands).astype(np.int64),
        np.array(table["tech_area"].values, dtype=object),
    )
    products = offers(args.products, 2026)
    print(f"{args.demands:,} demands × {len(products)} products (criteria all different)")
    times = []
    for run in range(args.runs):
        started = time.perf_counter()
        found = fit(products, asks, table)
        times.append(time.perf_counter() - started)
        print(f"run {run + 1}: {times[-1]:.2f} s, {int(found.suggested.sum()):,} suggestions")
    print(f"median: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
