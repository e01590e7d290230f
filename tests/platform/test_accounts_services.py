"""Staff accounts, colleagues and API tokens."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gaoqi.apps.accounts.models import ApiToken
from gaoqi.apps.accounts.services import api_token_user, staff_user_create
from gaoqi.core.errors import DomainError, PermissionDenied


def test_a_bureau_admin_creates_district_staff_for_one_district(cast):
    user = staff_user_create(
        actor=cast.bureau, username="zc", password="pw-123456789", role="district", district="440118"
    )
    assert (user.role, user.district) == ("district", "440118")


def test_district_staff_need_a_district(cast):
    with pytest.raises(DomainError) as exc:
        staff_user_create(actor=cast.bureau, username="zc", password="pw-123456789", role="district")
    assert exc.value.field == "district"


@pytest.mark.parametrize("who", ["district", "owner", "mentor"])
def test_nobody_but_bureau_admins_creates_staff(cast, who):
    with pytest.raises(PermissionDenied):
        staff_user_create(actor=getattr(cast, who), username="x", password="pw-123456789", role="mentor")


def test_the_staff_page_creates_an_account(client, cast):
    client.force_login(cast.bureau)
    post = {"username": "station2", "password": "pw-123456789", "role": "station", "district": ""}
    assert client.post(reverse("staff_new"), post).status_code == 302


def test_the_enterprise_admin_adds_a_colleague_from_the_page(client, cast):
    client.force_login(cast.owner)
    post = {"username": "newbie", "email": "n@huaxin.cn", "password": "pw-123456789"}
    assert client.post(reverse("colleagues"), post).status_code == 302
    assert "newbie" in client.get(reverse("colleagues")).content.decode()


def test_the_token_command_prints_a_key_that_authenticates(cast, capsys):
    call_command("api_token", "owner", "ERP")
    key = capsys.readouterr().out.strip()
    assert api_token_user(key) == cast.owner
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)
