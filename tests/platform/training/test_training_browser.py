"""Browser journey: an enterprise registers attendees, staff check them in by code, the enterprise sees attendance."""

import pytest
from playwright.sync_api import expect

from gaoqi.apps.training.models import Registration
from gaoqi.apps.training.services import checkin, registration_create
from tests.platform.browser import log_in, shot
from tests.platform.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    log_in(page, username, PASSWORD)


def test_an_enterprise_registers_attendees_staff_check_them_in_and_the_enterprise_sees_it(page, cast, session):
    _login(page, "owner")
    page.goto("/training/")
    page.click(f"text={session.title}")
    for name, phone in (("王工", "13800000001"), ("李工", "13800000002")):
        page.fill("[name=attendee_name]", name)
        page.fill("[name=attendee_phone]", phone)
        page.click("button.primary")
        expect(page.locator(".msg.success")).to_contain_text(f"已为 {name} 报名")
    expect(page.locator("#own tr.registration")).to_have_count(2)
    shot(page, "training-registered")
    codes = {r.attendee_name: r.typed_code for r in Registration.objects.all()}

    _login(page, "station")
    page.goto(f"/training/sessions/{session.pk}/checkin/")
    page.fill("[name=code]", codes["王工"])
    page.click("#checkin-form button.primary")
    expect(page.locator("#checkin-result .msg.success")).to_contain_text("签到成功：王工")
    expect(page.locator("[name=code]")).to_have_value("")
    page.fill("[name=code]", codes["王工"])
    page.click("#checkin-form button.primary")
    expect(page.locator("#checkin-result .msg.error")).to_contain_text("不能重复签到")
    shot(page, "training-checkin-refused")

    _login(page, "owner")
    page.goto("/training/mine/")
    rows = page.locator("tr.registration")
    expect(rows.filter(has_text="王工").locator(".attendance")).to_contain_text("已签到")
    expect(rows.filter(has_text="李工").locator(".attendance")).to_contain_text("未签到")
    expect(rows.filter(has_text="王工").get_by_text("培训证明（PDF）")).to_be_visible()
    shot(page, "training-attendance")


def test_the_bureau_sees_the_kpis_by_district_drawn_against_the_targets(page, cast, session):
    seat = registration_create(actor=cast.owner, session=session, attendee_name="王工", attendee_phone="13800000001")
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    _login(page, "bureau")
    page.goto("/training/kpis/")
    expect(page.locator("#kpi-chart canvas")).to_have_count(1)
    expect(page.locator("#targets")).to_contain_text("1 / 10000")
    shot(page, "training-kpis")
