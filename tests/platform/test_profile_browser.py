"""The profile form in the system Chromium: Enter in a field submits the step, it does not save a draft."""

import re

import pytest
from playwright.sync_api import expect

from gaoqi.apps.enterprises.models import Enterprise, ProfileDraft
from tests.platform.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_pressing_enter_in_the_profile_form_submits_the_step(page, cast):
    page.goto("/accounts/login/")
    page.fill("[name=username]", "owner")
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")
    page.goto("/portal/profile/basic/")
    page.fill("[name=name]", "广州华芯微电子有限公司")
    page.press("[name=name]", "Enter")
    expect(page).to_have_url(re.compile(r"/portal/profile/years/$"))
    assert Enterprise.objects.get(pk=cast.ours.pk).name == "广州华芯微电子有限公司"
    assert not ProfileDraft.objects.exists()
