"""A registration date in the future is refused everywhere it can be typed: registration, the profile form, the API
and the service; the message names the field and what was typed is kept."""

import datetime
import json

import pytest
from django.urls import reverse

from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.services import profile_update
from gaoqi.core.errors import DomainError
from tests.platform.test_web_portal import _registration

TODAY = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
TOMORROW = "2026-06-16"


@pytest.fixture(autouse=True)
def frozen(clock):
    clock.at(TODAY)


def test_registration_refuses_a_future_registration_date(client, db):
    response = client.post(reverse("register"), _registration(registered_on=TOMORROW))
    assert response.status_code == 400
    body = response.content.decode()
    assert "注册日期不能晚于今天（2026-06-15）" in body
    assert f'value="{TOMORROW}"' in body
    assert not Enterprise.objects.exists()


def test_the_profile_form_refuses_a_future_registration_date_and_keeps_it(client, cast):
    client.force_login(cast.owner)
    url = reverse("profile_step", args=["basic"])
    post = {k: v for k, v in client.get(url).context["form"].initial.items() if v not in (None, False)}
    response = client.post(url, post | {"registered_on": TOMORROW})
    assert response.status_code == 400
    body = response.content.decode()
    assert "注册日期不能晚于今天" in body
    assert f'value="{TOMORROW}"' in body
    assert Enterprise.objects.get(pk=cast.ours.pk).registered_on != datetime.date(2026, 6, 16)


def test_the_api_refuses_a_future_registration_date_naming_the_field(client, cast):
    client.force_login(cast.owner)
    body = json.dumps({"registered_on": TOMORROW})
    response = client.patch("/api/v1/profile", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["details"]["field"] == "registered_on"
    assert "注册日期不能晚于今天" in response.json()["message"]


def test_the_service_accepts_today_and_refuses_tomorrow(cast):
    profile_update(actor=cast.owner, enterprise=cast.ours, profile={"registered_on": datetime.date(2026, 6, 15)})
    with pytest.raises(DomainError) as raised:
        profile_update(actor=cast.owner, enterprise=cast.ours, profile={"registered_on": datetime.date(2026, 6, 16)})
    assert raised.value.field == "registered_on"
