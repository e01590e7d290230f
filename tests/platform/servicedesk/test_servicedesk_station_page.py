"""A station's page shows the sessions held there and, to those who may see them, the requests routed to it."""

import pytest
from django.urls import reverse

from gaoqi.apps.training.models import Programme
from tests.platform.servicedesk.servicedesk_setup import submit
from tests.platform.training.training_setup import make_session


@pytest.fixture
def page_of(client, desk):
    def visit(who):
        client.logout()
        if who:
            client.force_login(getattr(desk, who))
        return client.get(reverse("mentoring:station", args=[desk.desk_station.pk])).content.decode()

    return visit


def test_the_station_page_lists_its_upcoming_sessions_for_signed_in_visitors(page_of, desk):
    programme = Programme.objects.create(title="高企认定辅导", topic="recognition", year=2026)
    make_session(programme, desk.desk_station, title="高企申报实务（黄埔站）")
    assert "高企申报实务（黄埔站）" not in page_of(None)
    assert "高企申报实务（黄埔站）" in page_of("outsider")


def test_requests_routed_to_the_station_show_only_to_those_who_may_see_them(page_of, desk):
    request = submit(desk.owner, category="recognition", title="认定材料准备")
    assert request.station == desk.desk_station
    assert "认定材料准备" in page_of("station")
    assert "认定材料准备" in page_of("bureau")
    assert "认定材料准备" not in page_of("outsider")
