"""The REST API of 有求必应: multipart submission with files, details with history, 409 on illegal moves."""

from django.test import Client

from gaoqi.apps.servicedesk.models import ServiceRequest
from tests.platform.servicedesk.servicedesk_setup import pdf, submit

URL = "/api/v1/servicedesk/requests"


def test_an_enterprise_files_a_request_with_attachments(client, desk):
    client.force_login(desk.owner)
    response = client.post(
        URL, {"category": "finance", "title": "贷款贴息", "description": "想申请科技信贷", "files": [pdf()]}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["queue"], body["station_id"]) == ("new", "station", desk.desk_station.pk)
    assert [a["name"] for a in body["attachments"]] == ["营业执照.pdf"]
    assert body["events"][0]["to_state"] == "new"
    assert body["next_states"] == ["cancelled"]


def test_a_bad_attachment_is_a_400_envelope_naming_the_field(client, desk):
    client.force_login(desk.owner)
    bad = pdf("说明.pdf", b"not a pdf")
    response = client.post(URL, {"category": "ip", "title": "t", "description": "d", "files": [bad]})
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "attachments"}
    assert "内容与扩展名不符" in response.json()["message"]


def test_an_unknown_category_is_a_422_naming_the_field(client, desk):
    client.force_login(desk.owner)
    response = client.post(URL, {"category": "astrology", "title": "t", "description": "d"})
    assert response.status_code == 422
    assert response.json()["details"]["fields"][0]["field"] == "category"


def test_a_mentor_not_serving_the_enterprise_is_a_400_naming_the_field(client, desk):
    client.force_login(desk.owner)
    for pk in (desk.other_mentor.pk, 999999):
        response = client.post(URL, {"category": "ip", "title": "t", "description": "d", "preferred_mentor_id": pk})
        assert response.status_code == 400
        assert response.json() == {
            "code": "invalid",
            "message": "只能指定为本企业服务的导师。",
            "details": {"field": "preferred_mentor_id"},
        }


def test_a_preferred_mentor_and_station_are_honoured(client, desk):
    client.force_login(desk.owner)
    form = {"category": "finance", "title": "t", "description": "d"}
    by_mentor = client.post(URL, {**form, "preferred_mentor_id": desk.mentor.pk}).json()
    assert (by_mentor["queue"], by_mentor["mentor_id"]) == ("mentor", desk.mentor.pk)
    by_station = client.post(URL, {**form, "category": "ip", "preferred_station_id": desk.desk_station.pk}).json()
    assert (by_station["queue"], by_station["station_id"]) == ("station", desk.desk_station.pk)


def test_the_handler_moves_the_request_and_the_enterprise_rates_it(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.mentor)
    moved = client.post(f"{URL}/{request.pk}/transitions", {"to": "accepted"}, content_type="application/json")
    assert moved.status_code == 200
    assert moved.json()["next_states"] == ["in_progress", "resolved"]
    client.post(
        f"{URL}/{request.pk}/transitions", {"to": "resolved", "note": "已答复"}, content_type="application/json"
    )
    client.force_login(desk.owner)
    rated = client.post(
        f"{URL}/{request.pk}/transitions",
        {"to": "rated", "rating": 4, "comment": "好"},
        content_type="application/json",
    )
    assert rated.status_code == 200
    assert (rated.json()["state"], rated.json()["rating"]) == ("rated", 4)
    assert [e["actor"] for e in rated.json()["events"]] == ["企业用户", "服务导师", "服务导师", "企业用户"]
    client.force_login(desk.mentor)
    events = client.get(f"{URL}/{request.pk}").json()["events"]
    assert [e["actor"] for e in events] == ["owner", "mentor", "mentor", "owner"]


def test_an_illegal_transition_is_409_with_a_chinese_message(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.mentor)
    response = client.post(f"{URL}/{request.pk}/transitions", {"to": "rated"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json() == {
        "code": "illegal_transition",
        "message": "当前状态为“待受理”，不能变更为“已评价”。",
        "details": {"field": "to"},
    }
    assert ServiceRequest.objects.get(pk=request.pk).state == "new"


def test_a_rating_out_of_range_is_refused_before_it_reaches_the_service(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.owner)
    response = client.post(
        f"{URL}/{request.pk}/transitions", {"to": "rated", "rating": 9}, content_type="application/json"
    )
    assert response.status_code == 422


def test_lists_filter_by_state_and_page(client, desk):
    for _ in range(3):
        submit(desk.owner)
    client.force_login(desk.owner)
    assert len(client.get(f"{URL}?limit=2").json()) == 2
    assert len(client.get(f"{URL}?state=resolved").json()) == 0
    assert len(client.get(f"{URL}?state=new&offset=1").json()) == 2


def test_session_writes_need_the_csrf_token(desk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk.owner)
    response = client.post(URL, {"category": "ip", "title": "t", "description": "d"})
    assert response.status_code == 403
