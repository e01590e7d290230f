"""Notification figures (not a timed test): persisting inbox notices and outbox rows for 100,000 enterprises' users.

    GAOQI_SQLITE_PATH=/tmp/notif.sqlite3 .venv/bin/python bench/notifications_bench.py --enterprises 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoqi_notifications .venv/bin/python bench/notifications_bench.py

Creates bare enterprises with one admin user each when the database holds fewer (migrating first), then times
``notify()`` for all their users in one transaction (new notices), the same call again (every one a duplicate), and the
worker sending 2,000 e-mails through the in-memory mail backend.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")
os.environ.setdefault("GAOQI_DEBUG", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from gaoqi.apps.enterprises.models import Enterprise, Membership  # noqa: E402
from gaoqi.apps.notifications.models import Delivery, Notice  # noqa: E402
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify  # noqa: E402
from gaoqi.apps.notifications.worker import immediate_batch  # noqa: E402
from gaoqi.rules.uscc import make_uscc  # noqa: E402

CHUNK = 5000


def ensure_enterprises(count: int) -> None:
    """Bare enterprises with one admin each, numbered after those already there."""
    have = Enterprise.objects.filter(memberships__isnull=False).distinct().count()
    User = get_user_model()
    for start in range(have, count, CHUNK):
        numbers = range(start, min(start + CHUNK, count))
        enterprises = Enterprise.objects.bulk_create(
            Enterprise(
                uscc=make_uscc("91", "440106", f"BN{n:06d}"),
                name=f"广州基准测试企业{n:06d}有限公司",
                district="440106",
                tech_field="10101",
                registered_on=datetime.date(2018, 1, 1),
            )
            for n in numbers
        )
        users = User.objects.bulk_create(
            User(username=f"bench{n:06d}", email=f"bench{n:06d}@example.cn", password="!") for n in numbers
        )
        Membership.objects.bulk_create(
            Membership(user=u, enterprise=e, is_admin=True) for u, e in zip(users, enterprises, strict=True)
        )


def specs(members: dict[int, list[int]], key: str):
    for enterprise_id, user_ids in members.items():
        for user_id in user_ids:
            yield NoticeSpec(
                user_id=user_id,
                topic="policy",
                title="关于组织申报 2026 年度广州市研发费用后补助的通知",
                body="贵企业可在 12 月 31 日前通过高企服务云提交申报材料。",
                reason="研发费用占销售收入 6.0% ≥ 5%（国科发火〔2016〕32号 第十一条（五））",
                dedupe_key=key,
                link="/policies/1/",
                enterprise_id=enterprise_id,
                cause=key,
            )


def timed(label: str, count: int, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {count:>8}  {elapsed:8.2f} s  {count / elapsed:>10,.0f} /s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=2000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    ensure_enterprises(args.enterprises)
    print(f"database       {connection.vendor}  (set-up {time.perf_counter() - start:.1f} s)")
    ids = list(Enterprise.objects.filter(memberships__isnull=False).order_by("id").values_list("id", flat=True))
    members = timed("enterprise_user_ids", args.enterprises, lambda: enterprise_user_ids(ids[: args.enterprises]))
    users = sum(len(v) for v in members.values())
    key = f"bench:{time.time_ns()}"

    def persist():
        with transaction.atomic():
            return notify(specs(members, key))

    created = timed("notify: new notices + outbox", users, persist)
    duplicates = timed("notify: same again (duplicates)", users, persist)
    print(
        f"new notices {created}, deliveries {Delivery.objects.filter(notice__cause=key).count()}, "
        f"duplicates created {duplicates}, notices in table {Notice.objects.count()}"
    )

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    reverse("notifications:inbox")  # load the URLconf (and every view module) before timing the worker

    def send():
        handled, now = 0, timezone.now()
        while handled < args.send and (step := immediate_batch(now)):
            handled += step
        return handled

    timed("worker: claim + e-mail + mark sent", args.send, send)


if __name__ == "__main__":
    main()
