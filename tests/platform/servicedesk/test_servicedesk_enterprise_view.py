"""What an enterprise sees of its requests: who handles them by display name or office, a clean status, never a login
name or the platform's internal routing reason; staff still see both."""

import json

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.servicedesk.services import request_reroute, request_transition
from tests.platform.servicedesk.servicedesk_setup import submit

LOGINS = ("mentor", "bureau")


def test_the_enterprise_sees_offices_and_names_not_logins_or_routing_reasons(client, desk):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to="accepted")
    request_reroute(actor=desk.bureau, pk=request.pk, reason="导师内部调整", station=desk.desk_station)
    client.force_login(desk.owner)
    page = client.get(f"/servicedesk/{request.pk}/").content.decode().split("</header>", 1)[1]
    assert "市科技局工作人员" in page
    assert "服务导师" in page
    for login in LOGINS:
        assert f">{login}<" not in page
        assert f" {login} " not in page
    assert "擅长" not in page
    assert "导师内部调整" not in page
    portal = client.get("/portal/").content.decode().split("</header>", 1)[1]
    assert "导师内部调整" not in portal
    assert ">bureau<" not in portal


def test_the_enterprise_api_hides_logins_and_routing_reasons(client, desk):
    request = submit(desk.owner)
    request_reroute(actor=desk.bureau, pk=request.pk, reason="导师内部调整", station=desk.desk_station)
    client.force_login(desk.owner)
    body = client.get(f"/api/v1/servicedesk/requests/{request.pk}").json()
    assert body["route_reason"] == ""
    assert [e["actor"] for e in body["events"]] == ["企业用户", "市科技局工作人员"]
    assert "导师内部调整" not in json.dumps(body, ensure_ascii=False)


def test_the_enterprise_notices_name_the_handler_without_the_reason(desk):
    request = submit(desk.owner)
    request_reroute(actor=desk.bureau, pk=request.pk, reason="导师内部调整", station=desk.desk_station)
    bodies = list(Notice.objects.filter(user=desk.colleague).values_list("body", flat=True))
    assert bodies
    assert not [b for b in bodies if "擅长" in b or "导师内部调整" in b or "mentor" in b]


def test_staff_still_see_logins_and_the_routing_reason(client, desk):
    request = submit(desk.owner)
    request_reroute(actor=desk.bureau, pk=request.pk, reason="导师内部调整", station=desk.desk_station)
    client.force_login(desk.bureau)
    page = client.get(f"/servicedesk/{request.pk}/").content.decode()
    assert "企业的服务导师 mentor" in page
    assert "导师内部调整" in page
    assert ">bureau<" in page
