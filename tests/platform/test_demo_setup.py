"""``manage.py setup_demo`` on any date: one process loads consistent demo data placed around the day it runs."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import F

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import Certificate, Enterprise, FiscalYear, IPItem, Membership
from gaoqi.apps.finance.models import Deal, Demand
from gaoqi.apps.market.models import Product, Scenario
from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies.models import Policy
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.training.models import Session
from gaoqi.core import periodic
from gaoqi.core.models import PeriodicJob
from gaoqi.web.management.commands.setup_demo import STEPS

FAR_AHEAD = dt.datetime(2031, 9, 17, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def loaded(db, clock, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": settings.TASK_QUEUES}
    }
    clock.at(FAR_AHEAD)
    out = io.StringIO()
    call_command("setup_demo", enterprises=60, stdout=out)
    return FAR_AHEAD.date(), out.getvalue()


def test_a_year_ahead_every_app_loads_consistent_data_placed_around_that_day(loaded):
    today, output = loaded
    steps = len(STEPS)
    assert f"[{steps}/{steps}]" in output.replace(" ", "")
    assert output.count("秒") >= steps
    assert set(PeriodicJob.objects.values_list("name", flat=True)) == set(periodic.declarations())
    # financing demands over the six months before that day, every deal answered (or not) by then
    assert Demand.objects.count() == 60
    assert not Demand.objects.filter(created_at__gt=FAR_AHEAD).exists()
    assert not Deal.objects.filter(responded_at__gt=FAR_AHEAD).exists()
    # the last three completed fiscal years; IP granted between registration and today
    assert set(FiscalYear.objects.values_list("year", flat=True)) == {2028, 2029, 2030}
    assert not IPItem.objects.filter(granted_on__lt=F("enterprise__registered_on")).exists()
    assert not IPItem.objects.filter(granted_on__gt=today).exists()
    # HTE certificates only where the rules engine finds the figures eligible
    holders = set(Certificate.objects.filter(kind=Certificate.Kind.HTE).values_list("enterprise_id", flat=True))
    assert holders
    ineligible = Assessment.objects.filter(is_latest=True, verdict="ineligible").values_list("enterprise_id", flat=True)
    assert not holders & set(ineligible)
    assert not Certificate.objects.filter(issued_on__gt=today).exists()
    assert not Certificate.objects.filter(issued_on__lt=F("enterprise__registered_on")).exists()
    # enough accounts for a policy push to reach someone
    assert Membership.objects.values("enterprise").distinct().count() >= 0.5 * Enterprise.objects.count()
    assert Notice.objects.filter(cause__startswith="policy:").exists()
    # sessions, application windows and service requests around today
    assert Session.objects.filter(starts_at__date__gt=today).exists()
    assert Session.objects.filter(starts_at__date__lt=today).exists()
    open_now = Policy.objects.filter(opens_on__lte=today, closes_on__gte=today, status=Policy.Status.PUBLISHED)
    assert open_now.exists()
    assert Policy.objects.filter(opens_on__gt=today).exists()
    assert not ServiceRequest.objects.filter(created_at__gt=FAR_AHEAD).exists()
    assert ServiceRequest.objects.filter(created_at__gt=FAR_AHEAD - dt.timedelta(days=30)).exists()
    # 产品兴企: products, open scenarios due after today, a past 对对碰 linked to scenarios
    assert Product.objects.count() >= 200
    assert Scenario.objects.filter(state=Scenario.State.OPEN, deadline__gt=today).count() >= 40
    assert not Scenario.objects.filter(published_at__gt=FAR_AHEAD).exists()
    assert Session.objects.filter(scenarios__isnull=False, starts_at__date__lt=today).exists()


def test_a_second_run_loads_nothing_again(loaded):
    counts = (Enterprise.objects.count(), Notice.objects.count(), Policy.objects.count(), Session.objects.count())
    call_command("setup_demo", enterprises=60, stdout=io.StringIO())
    assert (
        Enterprise.objects.count(),
        Notice.objects.count(),
        Policy.objects.count(),
        Session.objects.count(),
    ) == counts
