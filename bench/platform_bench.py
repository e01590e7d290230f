"""Platform figures (not a timed test): console list and report page p95, batch re-assessment of everyone.

    GAOQI_SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/platform_bench.py --enterprises 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoqi_bench .venv/bin/python bench/platform_bench.py

Loads demo data when the database holds fewer enterprises than asked (migrating first).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")
os.environ.setdefault("GAOQI_DEBUG", "0")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from gaoqi.apps.assessments.batch import batch_execute  # noqa: E402
from gaoqi.apps.assessments.models import Assessment, BatchRun  # noqa: E402
from gaoqi.apps.enterprises.models import Enterprise  # noqa: E402
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS  # noqa: E402


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def timed_get(client: Client, url: str, params=None) -> float:
    start = time.perf_counter()
    response = client.get(url, params or {})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    call_command("migrate", verbosity=0)
    if Enterprise.objects.count() < args.enterprises:
        start = time.perf_counter()
        call_command("demo", enterprises=args.enterprises, seed=args.seed, verbosity=0)
        print(f"demo load      {args.enterprises:>8} enterprises  {time.perf_counter() - start:8.1f} s")
    total = Enterprise.objects.count()

    batch = BatchRun.objects.create(total=total)
    start = time.perf_counter()
    batch_execute(batch_id=batch.pk)
    elapsed = time.perf_counter() - start
    print(f"batch assess   {total:>8} enterprises  {elapsed:8.1f} s  ({total / elapsed:,.0f}/s)")

    client = Client()
    client.force_login(get_user_model().objects.get(username="bureau"))
    verdicts = ["", "eligible", "ineligible", "unknown"]
    lists = [
        timed_get(
            client,
            "/console/",
            {
                "district": rng.choice(["", *(c for c, _n in DISTRICTS)]),
                "field": rng.choice(["", *(c for c, _n in TECH_FIELDS)]),
                "verdict": rng.choice(verdicts),
                "page": rng.randint(1, 5),
            },
        )
        for _ in range(args.requests)
    ]
    print(f"console list   p95 {p95(lists):8.1f} ms  median {statistics.median(lists) * 1000:6.1f} ms")

    ids = list(Assessment.objects.filter(is_latest=True).values_list("pk", flat=True)[:5000])
    reports = [timed_get(client, f"/reports/{rng.choice(ids)}/") for _ in range(args.requests)]
    print(f"report page    p95 {p95(reports):8.1f} ms  median {statistics.median(reports) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
