"""The mentoring pages: what they show and how they treat bad input."""

import pytest

from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.mentoring.models import Station, Visit
from gaoqi.apps.mentoring.sections import StationSection, station_sections

pytestmark = pytest.mark.django_db


def test_the_station_page_renders_the_sections_other_apps_register(client, cast, mentors, station, settings, tmp_path):
    (tmp_path / "mentoring").mkdir()
    (tmp_path / "mentoring" / "_test_section.html").write_text("<p>需求 {{ section.n }} 件 @ {{ station.name }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}, *settings.TEMPLATES[1:]]
    station_sections.append(
        lambda *, station, user: (
            StationSection("本站服务需求", "mentoring/_test_section.html", {"n": 7}) if user.is_authenticated else None
        )
    )
    try:
        anonymous = client.get(f"/mentoring/stations/{station.pk}/").content.decode()
        client.force_login(cast.station)
        page = client.get(f"/mentoring/stations/{station.pk}/").content.decode()
    finally:
        station_sections.pop()
    assert "本站服务需求" not in anonymous
    assert "需求 7 件 @ 黄埔科学城服务站" in page
    assert "mentor" in page
    assert "编辑工作站信息" in page


def test_the_station_list_shows_the_kpi_and_the_district_chart_data(client, cast, station):
    page = client.get("/mentoring/stations/").content.decode()
    assert "运营中的工作站 1 个（目标 30 个），覆盖 1 / 11 个区" in page
    assert 'id="station-data"' in page
    assert "从化区" in page


def test_station_staff_find_their_own_station_on_the_list(client, cast, station):
    client.force_login(cast.station)
    assert "我运营的工作站" in client.get("/mentoring/stations/").content.decode()


def test_a_visit_with_a_future_date_keeps_what_the_mentor_typed(client, cast, mentors):
    client.force_login(cast.mentor)
    data = {"on": "2999-01-01", "kind": "online", "topics": ["ip"], "notes": "讨论专利布局", "follow_up": "再约"}
    response = client.post(f"/mentoring/workbench/{cast.ours.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "走访日期不能晚于今天" in page
    assert "讨论专利布局" in page
    assert 'value="再约"' in page
    assert not Visit.objects.exists()


def test_a_logged_visit_shows_on_the_workbench(client, cast, mentors):
    client.force_login(cast.mentor)
    client.post(f"/mentoring/workbench/{cast.ours.pk}/", {"on": "2026-03-02", "kind": "phone", "notes": "电话回访"})
    assert "电话回访" in client.get(f"/mentoring/workbench/{cast.ours.pk}/").content.decode()
    assert "2026-03-02" in client.get("/mentoring/workbench/").content.decode()


def test_the_bureau_overrides_from_the_assignment_page_and_a_bad_id_is_named(client, cast, mentors):
    client.force_login(cast.bureau)
    response = client.post("/mentoring/assignments/override/", {"enterprise": "abc", "mentor": mentors.other.pk})
    assert response.status_code == 400
    assert "企业编号" in response.content.decode()
    client.post("/mentoring/assignments/override/", {"enterprise": cast.ours.pk, "mentor": mentors.other.pk})
    assert MentorAssignment.objects.get(enterprise=cast.ours).mentor == cast.other_mentor


def test_matching_from_the_page_reports_the_objective_against_greedy(client, cast, mentors):
    client.force_login(cast.bureau)
    page = client.post("/mentoring/assignments/match/", follow=True).content.decode()
    assert "已为 1 家企业匹配导师" in page
    assert "贪心" in page


def test_the_bureau_creates_a_station_and_an_unknown_district_is_named(client, cast):
    client.force_login(cast.bureau)
    data = {"name": "南沙海洋科技工作站", "organisation": "南沙科创中心", "district": "999999", "services": ["ip"]}
    response = client.post("/mentoring/stations/new/", data)
    assert response.status_code == 400
    assert "南沙海洋科技工作站" in response.content.decode()
    client.post("/mentoring/stations/new/", {**data, "district": "440115", "operators": [cast.station.pk]})
    station = Station.objects.get(name="南沙海洋科技工作站")
    assert list(station.operators.all()) == [cast.station]


def test_the_load_page_feeds_the_chart(client, cast, mentors):
    client.force_login(cast.bureau)
    page = client.get("/mentoring/load/").content.decode()
    assert 'id="load-data"' in page
    assert '"capacity": 3' in page
