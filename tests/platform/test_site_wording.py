"""The Chinese UI speaks Chinese in Django's own strings too, and password reset uses the site's pages."""

import re

import pytest
from django.core import mail

ADMIN_MARKUP = ('id="site-name"', "Django", 'id="header"', "/static/admin/")


def test_an_empty_select_choice_reads_in_chinese(client, cast):
    client.force_login(cast.bureau)
    html = client.get("/policies/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<option value="" selected>请选择</option>' in html
    assert "Select an option" not in html


RESET_PAGES = ["/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/done/"]


@pytest.mark.parametrize("path", RESET_PAGES)
def test_password_reset_pages_are_the_sites_own(client, db, path):
    html = client.get(path).content.decode()
    assert "navbar" in html
    for markup in ADMIN_MARKUP:
        assert markup not in html


def test_the_reset_link_opens_the_sites_new_password_page(client, cast):
    response = client.post("/accounts/password_reset/", {"email": "owner@example.cn"})
    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    html = client.get(link, follow=True).content.decode()
    assert "设置新密码" in html
    assert 'name="new_password1"' in html
    for markup in ADMIN_MARKUP:
        assert markup not in html
