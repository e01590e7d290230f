"""科创学堂 pages: registering, the check-in page, the attendance workbook, feedback, certificates, KPIs."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from gaoqi.apps.training.models import Registration, Session
from gaoqi.apps.training.services import checkin, registration_create


@pytest.fixture
def seat(cast, session):
    return registration_create(actor=cast.owner, session=session, attendee_name="王工", attendee_phone="13800000001")


def test_an_enterprise_registers_an_attendee_and_sees_the_code(client, cast, session):
    client.force_login(cast.colleague)
    url = f"/training/sessions/{session.pk}/"
    response = client.post(url, {"attendee_name": "李工", "attendee_phone": "138 0000 0009", "attendee_title": "财务"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    page = client.get(url).content.decode()
    assert registration.typed_code in page
    assert "已确认" in page


def test_a_bad_phone_is_named_in_chinese_and_the_typed_values_stay(client, cast, session):
    client.force_login(cast.owner)
    response = client.post(f"/training/sessions/{session.pk}/", {"attendee_name": "李工", "attendee_phone": "12345"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "手机号码应为 11 位数字" in page
    assert 'value="李工"' in page
    assert 'value="12345"' in page


def test_the_check_in_page_accepts_a_typed_code_once_then_refuses_clearly(client, cast, session, seat):
    client.force_login(cast.station)
    url = f"/training/sessions/{session.pk}/checkin/"
    page = client.get(url).content.decode()
    assert "training-checkin.js" in page  # camera scanning where the browser has BarcodeDetector
    ok = client.post(url, {"code": seat.typed_code.lower()}, headers={"HX-Request": "true"})
    assert ok.status_code == 200
    assert "签到成功：王工（广州华芯科技有限公司）" in ok.content.decode()
    again = client.post(url, {"code": seat.typed_code}, headers={"HX-Request": "true"})
    assert again.status_code == 200  # htmx swaps only 2xx answers
    assert "不能重复签到" in again.content.decode()
    assert f'value="{seat.typed_code}"' in again.content.decode()
    plain = client.post(url, {"code": seat.typed_code})
    assert plain.status_code == 400
    assert "不能重复签到" in plain.content.decode()


def test_the_enterprise_sees_its_attendance_after_check_in(client, cast, session, seat):
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    client.force_login(cast.owner)
    page = client.get("/training/mine/").content.decode()
    assert "已签到" in page
    assert f"/training/registrations/{seat.pk}/certificate.pdf" in page
    assert f"/training/registrations/{seat.pk}/feedback/" in page


def test_the_attendance_workbook_lists_every_attendee_with_the_check_in_time(client, cast, session, seat):
    registration_create(actor=cast.outsider, session=session, attendee_name="赵工", attendee_phone="13900000001")
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    client.force_login(cast.district)
    response = client.get(f"/training/sessions/{session.pk}/attendance.xlsx")
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == session.title
    people = {row[1]: row for row in rows[4:]}
    assert people["王工"][4] == "广州华芯科技有限公司"
    assert people["王工"][9].startswith(str(timezone.localdate().year))
    assert people["赵工"][9] == "未签到"


def test_feedback_is_posted_once_through_the_form(client, cast, session, seat):
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    client.force_login(cast.owner)
    url = f"/training/registrations/{seat.pk}/feedback/"
    assert client.post(url, {"rating": "9", "usefulness": "4"}).status_code == 400
    assert client.post(url, {"rating": "5", "usefulness": "4", "comment": "案例很实用"}).status_code == 302
    client.force_login(cast.station)
    page = client.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "案例很实用" in page
    assert "1 份反馈" not in page
    assert "反馈不足 5 份，暂不显示评分统计" in page  # one attendee's rating would show through


def test_the_certificate_is_a_pdf_naming_the_attendee_and_the_session(client, cast, session, seat):
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    client.force_login(cast.owner)
    response = client.get(f"/training/registrations/{seat.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("培训证明", "王工", "广州华芯科技有限公司", session.title, f"KCXT-{session.starts_at.year}"):
        assert expected in text.replace(" ", "").replace("\n", ""), expected.replace(" ", "")


def test_no_certificate_without_check_in(client, cast, seat):
    client.force_login(cast.owner)
    assert client.get(f"/training/registrations/{seat.pk}/certificate.pdf").status_code == 404


def test_the_kpi_page_draws_the_chart_against_the_targets(client, cast, session, seat):
    client.force_login(cast.bureau)
    page = client.get("/training/kpis/").content.decode()
    assert "echarts.min.js" in page
    assert 'id="kpi-rows"' in page
    assert "1 / 100" in page
    assert "0 / 10000" in page


def test_the_index_recommends_sessions_for_the_enterprises_gaps(client, cast, session, make_assessment):
    make_assessment(cast.ours)  # gap plan: hire_st_staff → recognition, the session's topic
    client.force_login(cast.owner)
    page = client.get("/training/").content.decode()
    assert 'id="recommended"' in page
    assert page.count(session.title) == 2


def test_staff_publish_a_session_through_the_form(client, cast, programme, station):
    client.force_login(cast.station)
    start = timezone.localtime() + datetime.timedelta(days=14)
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "programme": programme.pk,
        "title": "知识产权布局与高企评分",
        "topic": "ip",
        "speakers": "周律师",
        "station": station.pk,
        "starts_at": start.strftime(fmt),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime(fmt),
        "capacity": "60",
        "registration_opens": timezone.localtime().strftime(fmt),
        "registration_closes": (start - datetime.timedelta(days=1)).strftime(fmt),
    }
    response = client.post("/training/sessions/new/", data)
    assert response.status_code == 302
    created = Session.objects.get(title="知识产权布局与高企评分")
    assert created.topic == "ip"
    assert created.district == "440112"
    data["registration_closes"] = (start + datetime.timedelta(days=1)).strftime(fmt)
    refused = client.post("/training/sessions/new/", data)
    assert refused.status_code == 400
    assert "报名截止时间不能晚于开始时间" in refused.content.decode()
