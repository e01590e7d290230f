"""Policy figures (not a timed test): publishing a policy against every enterprise.

    GAOQI_SQLITE_PATH=/tmp/policies.sqlite3 .venv/bin/python bench/policies_bench.py --enterprises 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoqi_policies .venv/bin/python bench/policies_bench.py

Loads demo data and assesses everyone when the database holds fewer enterprises than asked, and gives every
enterprise one member user (the demo has one user in all). Then, for each criterion: the bulk match alone (one
query into columns, vectorised evaluation), and the whole push (match, store the matches, write every inbox notice
and outbox delivery through notifications.notify in one transaction). Last, the re-match a finished city-wide batch
queues: every published policy against every enterprise, writing only the matches that changed.
"""

import argparse
import os
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
from django.db import connection  # noqa: E402

from gaoqi.apps.assessments.models import Assessment  # noqa: E402
from gaoqi.apps.enterprises.models import Enterprise, Membership  # noqa: E402
from gaoqi.apps.notifications.models import Notice  # noqa: E402
from gaoqi.apps.policies.facts import facts_refresh  # noqa: E402
from gaoqi.apps.policies.matching import match_policy  # noqa: E402
from gaoqi.apps.policies.models import Policy, PolicyMatch  # noqa: E402
from gaoqi.apps.policies.services import policies_rematch, policy_push  # noqa: E402
from gaoqi.core.roles import Role  # noqa: E402

CRITERIA = [
    ("the issue's example", 'district in ("440112", "440115") and hte.eligible and hte.rd_ratio >= 5%'),
    ("broad: tech SMEs", "tsme.eligible"),
    ("with fiscal facts", "fy.sales_revenue >= 2000万 and hte.rd_ratio >= 3% and age_years >= 2"),
    ("everyone", ""),
]


def members() -> None:
    """One active enterprise user per enterprise that has none."""
    User = get_user_model()
    lonely = list(Enterprise.objects.filter(memberships__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(lonely), 5000):
        chunk = lonely[start : start + 5000]
        users = User.objects.bulk_create(
            [User(username=f"bench-{pk}", role=Role.ENTERPRISE, password="!", email="") for pk in chunk]
        )
        if not all(u.pk for u in users):
            users = list(User.objects.filter(username__in=[f"bench-{pk}" for pk in chunk]).order_by("pk"))
        Membership.objects.bulk_create(
            [Membership(user=u, enterprise_id=pk) for u, pk in zip(users, chunk, strict=True)], batch_size=5000
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Enterprise.objects.count() < args.enterprises:
        start = time.perf_counter()
        call_command("demo", enterprises=args.enterprises, seed=args.seed, verbosity=0)
        print(f"demo load        {args.enterprises:>8} enterprises  {time.perf_counter() - start:8.1f} s")
    if not Assessment.objects.filter(is_latest=True).exists():
        start = time.perf_counter()
        call_command("reassess", verbosity=0)
        print(f"reassess         {time.perf_counter() - start:8.1f} s")
    members()
    start = time.perf_counter()
    refreshed = facts_refresh()
    print(f"facts refresh    {refreshed:>8} enterprises  {time.perf_counter() - start:8.1f} s  (once after a batch)")
    total = Enterprise.objects.count()
    print(f"database {connection.vendor}, {total} enterprises, {Membership.objects.count()} enterprise users")
    for label, criteria in CRITERIA:
        policy = Policy.objects.create(
            title=f"bench {label}",
            issuer="bench",
            level="city",
            category="subsidy",
            summary="bench",
            criteria=criteria,
            status=Policy.Status.PUBLISHED,
            version=1,
        )
        start = time.perf_counter()
        found = match_policy(policy)
        matched = time.perf_counter() - start
        counts = found.counts()
        before = Notice.objects.count()
        start = time.perf_counter()
        policy_push(policy_id=policy.pk, version=1)
        pushed = time.perf_counter() - start
        notices = Notice.objects.count() - before
        print(
            f"{label:<20} match {matched:6.2f} s   push (match + store + {notices:>6} notices) {pushed:6.2f} s   "
            f"qualify {counts['qualify']:>6} nearly {counts['nearly']:>6} lacks {counts['lacks']:>6}"
        )
        again = time.perf_counter()
        policy_push(policy_id=policy.pk, version=1)
        print(f"{'':<20} push again (all duplicates)  {time.perf_counter() - again:6.2f} s")
    published = Policy.objects.filter(status=Policy.Status.PUBLISHED)
    for label in ("matches unchanged", "every match new"):
        if label == "every match new":
            PolicyMatch.objects.filter(policy__in=published).delete()
        start = time.perf_counter()
        notified = policies_rematch()
        print(
            f"batch rematch, {label:<17} {published.count()} published policies x {total} enterprises  "
            f"{time.perf_counter() - start:6.2f} s   ({notified} new notices)"
        )


if __name__ == "__main__":
    main()
