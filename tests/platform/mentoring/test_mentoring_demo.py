"""``manage.py demo_mentoring``: stations in every district, 120 mentors, the demo users attached, a first matching."""

import pytest
from django.core.management import CommandError, call_command

from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.mentoring.selectors import station_kpi, station_of

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_district_and_attaches_the_demo_users(django_user_model):
    call_command("demo", enterprises=60, verbosity=0)
    call_command("demo_mentoring", verbosity=0)
    kpi = station_kpi()
    assert kpi["stations"] >= 30
    assert kpi["covered"] == 11
    assert MentorProfile.objects.count() == 120
    assert MentorProfile.objects.filter(user__username="mentor").exists()
    assert station_of(django_user_model.objects.get(username="station")).district == "440112"
    assert MentorAssignment.objects.exclude(reason="").count() > 0
    call_command("demo_mentoring", if_empty=True, verbosity=0)
    assert Station.objects.count() == kpi["stations"]
    with pytest.raises(CommandError):
        call_command("demo_mentoring", verbosity=0)
