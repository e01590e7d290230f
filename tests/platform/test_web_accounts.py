"""Login, throttling, logout, password reset, home redirects and the language switch."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from gaoqi.apps.mentoring.models import Station
from gaoqi.core.roles import Role
from tests.platform.conftest import PASSWORD


def test_login_with_the_right_password_goes_home(client, cast):
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("portal")


def test_five_failures_lock_the_username_even_for_the_right_password(client, cast):
    for _ in range(5):
        assert client.post(reverse("login"), {"username": "owner", "password": "wrong"}).status_code == 200
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()


def test_logout_is_a_post(client, cast):
    client.force_login(cast.owner)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("portal")).status_code == 302


def test_password_reset_sends_a_link_by_email(client, cast):
    response = client.post(reverse("password_reset"), {"email": "owner@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("who", "target"),
    [("bureau", "console"), ("district", "console"), ("mentor", "mentoring:workbench"), ("owner", "portal")],
)
def test_home_sends_each_role_to_its_workspace(client, cast, who, target):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("home")).url == reverse(target)


def test_a_station_operator_lands_on_the_queue_and_sessions_of_the_station(client, cast):
    station = Station.objects.create(name="黄埔科学城服务站", organisation="开发区科创中心", district="440112")
    station.operators.add(cast.station)
    client.force_login(cast.station)
    assert client.get(reverse("home")).url == reverse("mentoring:station", args=[station.pk])


def test_a_station_user_without_a_station_is_told_whom_to_ask(client, cast):
    client.force_login(cast.station)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "还没有关联服务工作站" in response.content.decode()


def test_the_bank_home_is_a_placeholder_listing_what_it_can_use(client, cast):
    bank = get_user_model().objects.create_user(username="bank", password=PASSWORD, role=Role.FINANCE)
    client.force_login(bank)
    body = client.get(reverse("home")).content.decode()
    assert "金融服务模块" in body
    for name in ("policies:list", "training:index", "mentoring:stations"):
        assert f'href="{reverse(name)}"' in body


def test_pages_are_chinese_by_default_and_english_on_request(client, db):
    assert "登录" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("login")).content.decode()
    assert "Sign in" in body
    assert 'lang="en"' in body
