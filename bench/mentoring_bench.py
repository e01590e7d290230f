"""Mentoring figures (not a timed test): optimal one-to-one assignment of 15,000 enterprises to 120 mentors.

    .venv/bin/python bench/mentoring_bench.py [--enterprises 15000] [--mentors 120] [--seed 2026]
    GAOQI_SQLITE_PATH=/tmp/mentoring-bench.sqlite3 .venv/bin/python bench/mentoring_bench.py --db

Builds a Guangzhou-shaped cultivation pool (district and field weights of the demo data, one to four gap topics each)
and a mentor pool with capacities covering it, then times the cost model, the min-cost-flow solver and the greedy
baseline, and compares their objective values and match quality. With ``--db`` it then times the whole service,
``match_newcomers``, on a database of demo enterprises (loaded, assessed and given the demo mentors when missing),
with every mentor's capacity raised so that the pool fits and every matched pair (and its notices) removed first.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from gaoqi.apps.enterprises.demo import DISTRICT_WEIGHTS, FIELDS  # noqa: E402
from gaoqi.apps.enterprises.models import Enterprise, MentorAssignment  # noqa: E402
from gaoqi.apps.mentoring.matching import UNASSIGNED_COST, Need, Offer, cost_matrix, field_fits  # noqa: E402
from gaoqi.apps.mentoring.models import MentorProfile  # noqa: E402
from gaoqi.apps.mentoring.services import match_newcomers  # noqa: E402
from gaoqi.apps.mentoring.solver import UNASSIGNED, greedy, solve  # noqa: E402
from gaoqi.apps.notifications.models import Notice  # noqa: E402
from gaoqi.core.topics import Topic  # noqa: E402

TOPIC_WEIGHTS = {
    "recognition": 10,
    "ip": 30,
    "rd_accounting": 25,
    "talent": 12,
    "hightech_income": 8,
    "rd_management": 20,
    "conversion": 10,
    "finance": 3,
    "listing": 1,
    "policy": 2,
}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def needs(rng: random.Random, n: int) -> list[Need]:
    rows = []
    for i in range(n):
        field = _pick(rng, {k: w for k, (_n, w) in FIELDS.items()})
        topics = tuple(dict.fromkeys(_pick(rng, TOPIC_WEIGHTS) for _ in range(rng.randint(1, 4))))
        rows.append(Need(i, _pick(rng, DISTRICT_WEIGHTS), f"{field}{rng.randint(1, FIELDS[field][0])}01", topics))
    return rows


def offers(rng: random.Random, m: int, n: int) -> list[Offer]:
    mean = n / m * 1.05
    districts = list(DISTRICT_WEIGHTS)
    return [
        Offer(
            j,
            _pick(rng, DISTRICT_WEIGHTS) if j >= len(districts) else districts[j],
            tuple(sorted(rng.sample(list(FIELDS), rng.choice((1, 2, 2, 3))))),
            tuple(sorted(rng.sample(list(Topic.values), rng.randint(2, 5)))),
            int(rng.uniform(0.8, 1.2) * mean),
        )
        for j in range(m)
    ]


def quality(solution, cost, need_rows, offer_rows) -> str:
    pairs = [(need_rows[i], offer_rows[j]) for i, j in enumerate(solution.mentor.tolist()) if j != UNASSIGNED]
    fit = sum(field_fits(nd.tech_field, of.tech_fields) for nd, of in pairs) / len(pairs)
    local = sum(nd.district == of.district for nd, of in pairs) / len(pairs)
    wanted = sum(len(nd.topics[:3]) for nd, _of in pairs)
    covered = sum(sum(t in of.topics for t in nd.topics[:3]) for nd, of in pairs) / wanted
    return f"field fit {fit:.1%}, same district {local:.1%}, gap topics covered {covered:.1%}"


def service(enterprises: int, seed: int) -> None:
    """Time ``match_newcomers`` end to end on demo data."""
    call_command("migrate", verbosity=0)
    if Enterprise.objects.count() < enterprises:
        call_command("demo", enterprises=enterprises, seed=seed, verbosity=0)
        call_command("reassess", verbosity=0)
    if not MentorProfile.objects.exists():
        call_command("demo_mentoring", seed=seed, verbosity=0)
    MentorAssignment.objects.filter(manual=False).exclude(reason="").delete()
    Notice.objects.filter(cause__startswith="mentoring:").delete()
    mentors = MentorProfile.objects.filter(is_active=True).count()
    MentorProfile.objects.update(capacity=enterprises // mentors + 10)
    bureau = get_user_model().objects.get(username="bureau")
    start = time.perf_counter()
    outcome = match_newcomers(actor=bureau)
    elapsed = time.perf_counter() - start
    print(f"match_newcomers on the database: {elapsed:.2f} s for {outcome.assigned} pairs to {mentors} mentors")
    print(f"  ({outcome.unassigned} unassigned, objective {outcome.objective}, greedy {outcome.greedy_objective})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=15_000)
    parser.add_argument("--mentors", type=int, default=120)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", action="store_true", help="also time the service on a database of demo enterprises")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    need_rows, offer_rows = needs(rng, args.enterprises), offers(rng, args.mentors, args.enterprises)
    capacity = np.array([o.free for o in offer_rows])

    start = time.perf_counter()
    cost = cost_matrix(need_rows, offer_rows)
    built = time.perf_counter() - start
    start = time.perf_counter()
    optimal = solve(cost, capacity, UNASSIGNED_COST)
    solved = time.perf_counter() - start
    start = time.perf_counter()
    baseline = greedy(cost, capacity, UNASSIGNED_COST)
    greedy_time = time.perf_counter() - start

    assigned = int((optimal.mentor != UNASSIGNED).sum())
    gain = (baseline.objective - optimal.objective) / baseline.objective
    print(f"{args.enterprises} enterprises, {args.mentors} mentors, capacity {capacity.sum()} (seed {args.seed})")
    print(f"cost matrix          {built:6.2f} s")
    print(f"min-cost flow        {solved:6.2f} s  ({optimal.classes} classes of identical cost rows; goal <= 10 s)")
    print(f"total                {built + solved:6.2f} s")
    print(f"greedy baseline      {greedy_time:6.2f} s")
    print(f"objective optimal    {optimal.objective}  ({assigned} assigned)")
    print(f"objective greedy     {baseline.objective}  ({int((baseline.mentor != UNASSIGNED).sum())} assigned)")
    print(f"optimal vs greedy    {gain:.1%} lower cost")
    print(f"optimal: {quality(optimal, cost, need_rows, offer_rows)}")
    print(f"greedy:  {quality(baseline, cost, need_rows, offer_rows)}")
    if args.db:
        service(args.enterprises, args.seed)


if __name__ == "__main__":
    main()
