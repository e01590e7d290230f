"""Accounts: one login throttle for the site and the admin, kept in the database; password rules on every way an
account is made; registration rate-limited per client address."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from gaoqi.apps.accounts.passwords import checked_hash
from gaoqi.apps.accounts.services import staff_user_create
from gaoqi.apps.enterprises.services import colleague_invite
from gaoqi.core.errors import DomainError
from gaoqi.core.models import Throttle
from gaoqi.core.roles import Role
from tests.platform.conftest import PASSWORD, TIANHE
from tests.platform.test_web_portal import _registration

WRONG = "not-the-password-1"


def _fail(client, path, username, times):
    for _ in range(times):
        client.post(path, {"username": username, "password": WRONG})


def test_the_admin_login_is_throttled_like_the_site_login(client, cast):
    _fail(client, "/admin/login/", "bureau", 5)
    response = client.post("/admin/login/", {"username": "bureau", "password": PASSWORD})
    assert "登录失败次数过多，请15分钟后再试。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_either_login_page_count_together(client, cast):
    _fail(client, "/admin/login/", "owner", 3)
    _fail(client, reverse("login"), "owner", 2)
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert "登录失败次数过多" in response.content.decode()


def test_the_count_lives_in_the_database_not_in_a_process_cache(client, cast):
    _fail(client, reverse("login"), "Owner ", 5)
    cache.clear()
    assert Throttle.objects.get(key="login:owner").count == 5
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert "登录失败次数过多" in response.content.decode()


def test_a_success_before_the_limit_clears_the_count(client, cast):
    _fail(client, reverse("login"), "owner", 4)
    client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert not Throttle.objects.filter(key="login:owner").exists()


@pytest.mark.parametrize("password", ["12345678", "password", "owner123", "短"])
def test_a_weak_password_is_refused_for_staff_accounts(cast, password):
    with pytest.raises(DomainError) as refused:
        staff_user_create(actor=cast.bureau, username="owner1234", password=password, role=Role.MENTOR)
    assert refused.value.field == "password"
    assert not get_user_model().objects.filter(username="owner1234").exists()


def test_a_weak_password_is_refused_for_colleagues(cast):
    with pytest.raises(DomainError) as refused:
        colleague_invite(actor=cast.owner, enterprise=cast.ours, username="new", email="n@x.cn", password="123456789")
    assert (refused.value.field, refused.value.code) == ("password", "weak_password")


def test_the_staff_and_colleague_pages_name_the_weak_password(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/console/staff/new/", {"username": "m1", "password": "password", "role": "mentor"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    client.force_login(cast.owner)
    response = client.post("/portal/colleagues/", {"username": "c1", "email": "c1@x.cn", "password": "11111111"})
    assert response.status_code == 400
    assert "这个密码太常见了" in str(response.context["form"].errors["password"])


def test_management_commands_apply_the_password_rules(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "admin")
    with pytest.raises(CommandError, match="密码"):
        call_command("createsuperuser", username="admin", email="a@x.cn", interactive=False, verbosity=0)
    assert not get_user_model().objects.exists()
    with pytest.raises(Exception, match="密码"):
        checked_hash("1234")


def test_registration_is_rate_limited_per_address_and_keeps_what_was_typed(client, db, settings):
    settings.REGISTRATION_THROTTLE = {"attempts": 3, "window_seconds": 3600}
    for n in range(3):
        client.post(reverse("register"), _registration(username=f"user{n}", uscc="bad"), REMOTE_ADDR="203.0.113.9")
    response = client.post(reverse("register"), _registration(username="late"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "该网络地址注册尝试过多，请1小时后再试。" in response.content.decode()
    assert response.context["form"]["username"].value() == "late"
    assert not get_user_model().objects.filter(username="late").exists()
    other = client.post(reverse("register"), _registration(username="other"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_behind_trusted_proxies_the_address_the_first_proxy_saw_is_counted(client, db, settings):
    settings.REGISTRATION_THROTTLE = {"attempts": 1, "window_seconds": 3600}
    settings.TRUSTED_PROXIES = 1
    spoofed = {"REMOTE_ADDR": "10.0.0.2"}
    client.post(reverse("register"), {}, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9", **spoofed)
    response = client.post(reverse("register"), {}, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9", **spoofed)
    assert response.status_code == 429  # the forged first entry changes nothing
    assert Throttle.objects.filter(key="register:203.0.113.9").exists()


def test_registration_in_another_district_is_unaffected(client, db):
    response = client.post(reverse("register"), _registration(district=TIANHE))
    assert response.status_code == 302
