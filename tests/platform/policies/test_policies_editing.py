"""Editing a policy as a browser submits it: ISO dates, unchanged saves, bad amounts, district broadcasts."""

import datetime
import re
from decimal import Decimal

import pytest

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies import services
from gaoqi.apps.policies.models import Broadcast, Policy
from gaoqi.core.errors import DomainError
from gaoqi.core.models import AuditEntry
from tests.platform.conftest import TIANHE

OPENS, CLOSES = datetime.date(2026, 3, 1), datetime.date(2026, 4, 30)


def submitted_form(html: str) -> dict:
    """What a browser posts for the rendered editor: every input's value, checked boxes, selected options and
    textareas with CRLF line ends."""
    form = next(f for f in re.findall(r"<form.*?</form>", html, re.S) if 'name="criteria"' in f)
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if not name or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        data.setdefault(name.group(1), []).append(value.group(1) if value else "on" if "checkbox" in tag else "")
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        data[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S):
        data[name] = [text.replace("&#x27;", "'").replace("&quot;", '"').replace("&gt;", ">").replace("\n", "\r\n")]
    return data


@pytest.fixture
def published(make_policy):
    return make_policy(
        "hte.eligible",
        status=Policy.Status.PUBLISHED,
        opens_on=OPENS,
        closes_on=CLOSES,
        issued_on=datetime.date(2026, 2, 15),
        districts=["440112", "440106"],
        documents=["研发支出辅助账", "立项决议"],
        full_text="第一条\n第二条",
    )


def test_the_editor_renders_dates_in_iso_whatever_the_language(client, cast, published):
    client.force_login(cast.bureau)
    html = client.get(f"/policies/{published.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'type="date" name="opens_on" value="2026-03-01"' in html
    assert 'type="date" name="closes_on" value="2026-04-30"' in html
    assert 'type="date" name="issued_on" value="2026-02-15"' in html


def test_saving_the_editor_unchanged_keeps_the_dates_and_makes_no_version(client, cast, published, sent):
    client.force_login(cast.bureau)
    data = submitted_form(client.get(f"/policies/{published.pk}/edit/").content.decode())
    response = client.post(f"/policies/{published.pk}/edit/", data)
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.opens_on, published.closes_on, published.version) == (OPENS, CLOSES, 1)
    assert not published.versions.exists()
    assert not AuditEntry.objects.filter(action="policy.update").exists()


def test_a_negative_support_amount_is_refused_naming_the_field(client, cast, published):
    client.force_login(cast.bureau)
    data = submitted_form(client.get(f"/policies/{published.pk}/edit/").content.decode())
    response = client.post(f"/policies/{published.pk}/edit/", data | {"support_amount": "-5000"})
    assert response.status_code == 400
    assert "最高支持金额不能为负数" in response.content.decode()
    assert 'value="-5000"' in response.content.decode()
    published.refresh_from_db()
    assert published.support_amount == Decimal("3000000.00")


def test_the_service_refuses_a_negative_support_amount(cast, published):
    with pytest.raises(DomainError) as raised:
        services.policy_update(actor=cast.bureau, policy=published, data={"support_amount": Decimal("-1")})
    assert raised.value.field == "support_amount"


def test_the_api_refuses_a_negative_support_amount(client, cast, published):
    client.force_login(cast.bureau)
    response = client.patch(
        f"/api/v1/policies/{published.pk}", {"support_amount": "-1"}, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert "support_amount" in response.content.decode()


def test_a_district_broadcast_from_the_bureau_reaches_the_chosen_district_only(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/policies/broadcast/", {"title": "培训", "body": "欢迎参加", "districts": [TIANHE]})
    assert response.status_code == 302
    assert Broadcast.objects.get().districts == [TIANHE]
    assert set(Notice.objects.values_list("user__username", flat=True)) == {"outsider"}


def test_a_district_user_is_offered_only_their_own_district(client, cast):
    client.force_login(cast.district)
    html = client.get("/policies/broadcast/").content.decode()
    assert 'value="440112"' in html
    assert f'value="{TIANHE}"' not in html


def test_a_district_user_cannot_broadcast_to_another_district(client, cast):
    client.force_login(cast.district)
    response = client.post("/policies/broadcast/", {"title": "培训", "body": "欢迎参加", "districts": [TIANHE]})
    assert response.status_code == 400
    assert not Broadcast.objects.exists()
    with pytest.raises(DomainError):
        services.broadcast_send(actor=cast.district, title="培训", body="欢迎参加", districts=[TIANHE])
    assert not Notice.objects.exists()


def test_a_policy_version_names_its_changed_fields(client, cast, make_policy, sent):
    policy = make_policy(status="published")
    services.policy_update(actor=cast.bureau, policy=policy, data={"opens_on": datetime.date(2026, 3, 1)})
    client.force_login(cast.bureau)
    html = client.get(f"/policies/{policy.pk}/").content.decode()
    assert "申报开始" in html
    assert "opens_on" not in html


def test_a_city_wide_broadcast_needs_the_confirmation_ticked(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/policies/broadcast/", {"title": "培训", "body": "欢迎参加"})
    assert response.status_code == 400
    assert "请勾选确认" in response.content.decode()
    assert not Broadcast.objects.exists()
    response = client.post("/policies/broadcast/", {"title": "培训", "body": "欢迎参加", "citywide": "on"})
    assert response.status_code == 302
    assert Broadcast.objects.get().districts == []
