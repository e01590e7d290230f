"""Re-routing and withdrawal on the request page and through the API: shown only to those allowed, errors inline."""

from gaoqi.apps.mentoring.models import MentorProfile
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.services import request_transition
from tests.platform.servicedesk.servicedesk_setup import submit

URL = "/api/v1/servicedesk/requests"


def test_the_forms_are_shown_only_to_those_who_may_use_them(client, desk):
    request = submit(desk.owner, category="finance")
    shown = {}
    for who in ("owner", "mentor", "district", "station", "bureau"):
        client.force_login(getattr(desk, who))
        page = client.get(f"/servicedesk/{request.pk}/").content.decode()
        shown[who] = ('id="reroute"' in page, 'id="cancel"' in page)
    assert shown == {
        "owner": (False, True),
        "mentor": (False, False),
        "district": (False, False),
        "station": (True, False),
        "bureau": (True, False),
    }
    client.force_login(desk.owner)
    assert 'value="cancelled"' not in client.get(f"/servicedesk/{request.pk}/").content.decode()


def test_the_bureau_re_routes_from_the_page_and_the_history_shows_it(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.bureau)
    response = client.post(
        f"/servicedesk/{request.pk}/reroute/", {"station": desk.desk_station.pk, "reason": "导师休假"}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/servicedesk/{request.pk}/"
    assert "已改派给 服务站 黄埔区高企服务站。" in page
    assert "服务导师 → 服务站 黄埔区高企服务站" in page


def test_a_refused_re_routing_is_shown_on_its_field_and_keeps_the_reason(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.bureau)
    response = client.post(f"/servicedesk/{request.pk}/reroute/", {"mentor": desk.mentor.pk, "reason": "换人试试"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "所选承办方与当前承办方相同，请另选导师或服务站。" in page
    assert "换人试试" in page
    missing = client.post(f"/servicedesk/{request.pk}/reroute/", {"station": desk.desk_station.pk})
    assert "请填写改派原因。" in missing.content.decode()


def test_an_operator_who_hands_a_request_away_lands_on_the_list(client, desk):
    request = submit(desk.owner, category="finance")
    client.force_login(desk.station)
    response = client.post(f"/servicedesk/{request.pk}/reroute/", {"mentor": desk.mentor.pk, "reason": "导师更熟悉"})
    assert response.url == "/servicedesk/"


def test_the_enterprise_withdraws_from_the_page(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.colleague)
    response = client.post(f"/servicedesk/{request.pk}/cancel/", {"reason": "已找到其他渠道"}, follow=True)
    page = response.content.decode()
    assert "需求已撤销，承办方已收到通知。" in page
    assert "已找到其他渠道" in page
    assert 'id="cancel"' not in page
    assert "已撤销" in client.get("/servicedesk/?state=cancelled").content.decode()


def test_withdrawing_a_resolved_request_from_a_stale_page_is_explained(client, desk):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to="accepted")
    request_transition(actor=desk.mentor, pk=request.pk, to="resolved", note="已答复")
    client.force_login(desk.owner)
    response = client.post(f"/servicedesk/{request.pk}/cancel/", {"reason": "x"})
    assert response.status_code == 400
    assert "当前状态为“已解决”，不能变更为“已撤销”。" in response.content.decode()


def test_the_api_re_routes_and_names_a_deactivated_mentor(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.bureau)
    MentorProfile.objects.filter(user=desk.other_mentor).update(is_active=False)
    refused = client.post(
        f"{URL}/{request.pk}/reroute",
        {"mentor_id": desk.other_mentor.pk, "reason": "换人"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["details"] == {"field": "mentor_id"}
    moved = client.post(
        f"{URL}/{request.pk}/reroute",
        {"station_id": desk.desk_station.pk, "reason": "换人"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    body = moved.json()
    assert (body["queue"], body["station_id"], body["can_reroute"]) == ("station", desk.desk_station.pk, True)
    assert body["events"][-1] | {"at": None} == {
        "kind": "rerouted",
        "actor": "bureau",
        "from_state": "new",
        "to_state": "new",
        "from_handler": "服务导师",
        "to_handler": "服务站 黄埔区高企服务站",
        "note": "换人",
        "at": None,
    }


def test_the_api_withdraws_and_answers_409_once_closed(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.owner)
    done = client.post(f"{URL}/{request.pk}/cancel", {}, content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["next_states"]) == ("cancelled", [])
    again = client.post(f"{URL}/{request.pk}/cancel", {}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["message"] == "当前状态为“已撤销”，不能变更为“已撤销”。"
    client.force_login(desk.bureau)
    closed = client.post(
        f"{URL}/{request.pk}/reroute",
        {"station_id": desk.desk_station.pk, "reason": "x"},
        content_type="application/json",
    )
    assert closed.status_code == 409
    assert closed.json()["details"] == {"field": "state"}
    assert ServiceRequest.objects.get(pk=request.pk).queue == "mentor"
