"""``manage.py demo_servicedesk``: deterministic history on top of the platform demo, loaded once."""

import pytest
from django.core.management import CommandError, call_command

from gaoqi.apps.servicedesk.models import ServiceRequest


def _snapshot():
    return list(ServiceRequest.objects.order_by("pk").values_list("enterprise__uscc", "category", "state", "rating"))


@pytest.mark.django_db
def test_the_demo_loads_a_history_once_and_the_same_way_each_time(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(CommandError, match=r"manage\.py demo"):
        call_command("demo_servicedesk", verbosity=0)
    call_command("demo", enterprises=30, verbosity=0)
    call_command("demo_servicedesk", requests=24, verbosity=0)
    first = _snapshot()
    assert len(first) == 24
    assert {"new", "rated"} <= {state for _uscc, _cat, state, _rating in first}
    assert ServiceRequest.objects.filter(enterprise__memberships__user__username="enterprise").exists()
    call_command("demo_servicedesk", if_empty=True, verbosity=0)
    assert _snapshot() == first
    with pytest.raises(CommandError, match="已有服务需求"):
        call_command("demo_servicedesk", verbosity=0)
    ServiceRequest.objects.all().delete()
    call_command("demo_servicedesk", requests=24, verbosity=0)
    assert [row[1:] for row in _snapshot()] == [row[1:] for row in first]
