"""The 科创学堂 demo: deterministic, idempotent with --if-empty, and the KPIs have something to show."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from gaoqi.apps.training.models import Programme, Registration, Session
from gaoqi.apps.training.selectors import kpis


def test_the_demo_loads_a_year_of_sessions_once(db):
    call_command("demo", enterprises=40, seed=1, verbosity=0)
    out = io.StringIO()
    call_command("demo_training", stdout=out)
    assert "培训项目 7 个" in out.getvalue()
    assert Session.objects.count() == 62
    upcoming = Session.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() >= 14
    demo_enterprise = Registration.objects.filter(enterprise__memberships__user__username="enterprise")
    assert demo_enterprise.filter(checked_in_at__isnull=False).exists()
    assert demo_enterprise.filter(session__starts_at__gt=timezone.now(), status="confirmed").exists()
    bureau = get_user_model().objects.get(username="bureau")
    figures = kpis(actor=bureau, year=timezone.localdate().year)
    assert figures["totals"]["trainee_visits"] > 0
    call_command("demo_training", if_empty=True, verbosity=0)
    assert Programme.objects.count() == 7
