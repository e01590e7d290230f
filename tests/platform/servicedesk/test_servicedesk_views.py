"""The pages: submission with inline Chinese errors that keep what was typed, handling, rating, the dashboard."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.services import request_transition
from tests.platform.servicedesk.servicedesk_setup import pdf, submit


def test_a_valid_submission_opens_the_request_and_says_where_it_went(client, desk):
    client.force_login(desk.owner)
    response = client.post(
        "/servicedesk/new/",
        {"category": "ip", "title": "专利布局", "description": "请帮忙", "attachments": [pdf()]},
        follow=True,
    )
    request = ServiceRequest.objects.get()
    assert response.redirect_chain[-1][0] == f"/servicedesk/{request.pk}/"
    page = response.content.decode()
    assert "需求已提交，承办方：服务导师。" in page
    assert "mentor" not in page.split("</header>", 1)[1]
    assert "擅长" not in page
    assert "营业执照.pdf" in page


def test_a_missing_field_is_shown_inline_and_nothing_typed_is_lost(client, desk):
    client.force_login(desk.owner)
    response = client.post("/servicedesk/new/", {"category": "ip", "title": "", "description": "我写了很长的说明"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "这个字段是必填项。" in page
    assert "我写了很长的说明" in page
    assert not ServiceRequest.objects.exists()


def test_a_refused_attachment_is_shown_on_the_attachment_field(client, desk):
    client.force_login(desk.owner)
    bad = SimpleUploadedFile("病毒.exe", b"MZ")
    response = client.post(
        "/servicedesk/new/", {"category": "ip", "title": "专利", "description": "说明", "attachments": [bad]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "附件“病毒.exe”的类型不支持" in page
    assert 'value="专利"' in page


def test_the_handler_sees_the_moves_open_to_them_and_the_district_only_reads(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.mentor)
    page = client.get(f"/servicedesk/{request.pk}/").content.decode()
    assert 'name="to" value="accepted"' in page
    assert desk.ours.name in page
    client.force_login(desk.district)
    page = client.get(f"/servicedesk/{request.pk}/").content.decode()
    assert 'name="to"' not in page
    assert "企业的服务导师 mentor" in page


def test_resolving_without_a_note_keeps_the_page_with_the_error(client, desk):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to="accepted")
    client.force_login(desk.mentor)
    response = client.post(f"/servicedesk/{request.pk}/change/", {"to": "resolved", "note": " "})
    assert response.status_code == 400
    assert "请填写说明（解决情况或重开原因）。" in response.content.decode()


def test_an_illegal_move_from_a_stale_page_is_explained(client, desk):
    request = submit(desk.owner)
    client.force_login(desk.mentor)
    response = client.post(f"/servicedesk/{request.pk}/change/", {"to": "in_progress"})
    assert response.status_code == 400
    assert "当前状态为“待受理”，不能变更为“处理中”。" in response.content.decode()


def test_the_enterprise_rates_a_resolved_request_from_its_page(client, desk):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to="accepted")
    request_transition(actor=desk.mentor, pk=request.pk, to="resolved", note="已答复")
    client.force_login(desk.colleague)
    page = client.get(f"/servicedesk/{request.pk}/").content.decode()
    assert 'name="rating"' in page
    assert 'name="to" value="reopened"' in page
    response = client.post(f"/servicedesk/{request.pk}/change/", {"to": "rated", "rating": "5", "comment": "满意"})
    assert response.status_code == 302
    assert ServiceRequest.objects.get(pk=request.pk).rating == 5


def test_the_list_filters_by_state_and_escalation(client, desk):
    kept = submit(desk.owner, title="仍待受理")
    moved = submit(desk.owner, title="已受理的")
    request_transition(actor=desk.mentor, pk=moved.pk, to="accepted")
    client.force_login(desk.owner)
    page = client.get("/servicedesk/?state=new").content.decode()
    assert kept.title in page
    assert moved.title not in page
    assert "提交服务需求" in page
    assert "还没有服务需求" in client.get("/servicedesk/?escalated=1").content.decode()


def test_the_nav_shows_the_desk_to_enterprises_and_the_dashboard_to_staff(client, desk):
    client.force_login(desk.owner)
    assert 'href="/servicedesk/"' in client.get("/servicedesk/").content.decode()
    client.force_login(desk.bureau)
    assert 'href="/servicedesk/dashboard/"' in client.get("/servicedesk/").content.decode()
