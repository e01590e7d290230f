"""Large type and high contrast: each button flips one choice, kept in a cookie, drawn on <html> from the first byte."""

import re

import pytest
from django.urls import reverse

from gaoqi.web.display import COOKIE


def html_classes(response) -> set[str]:
    match = re.search(r'<html lang="[^"]+"(?: class="([^"]*)")?>', response.content.decode())
    return set((match.group(1) or "").split())


def pressed(response, option) -> str:
    return re.search(rf'value="{option}" aria-pressed="(\w+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(("option", "css"), [("large", "a11y-large"), ("contrast", "a11y-contrast")])
def test_a_visitor_turns_an_option_on_and_every_page_after_is_drawn_with_it(client, db, option, css):
    response = client.post(reverse("display"), {"toggle": option, "next": "/register/"})
    assert response.status_code == 302
    assert response.url == "/register/"
    assert response.cookies[COOKIE]["httponly"]
    page = client.get(reverse("login"))
    assert html_classes(page) == {css}
    assert pressed(page, option) == "true"


def test_both_options_hold_together_and_a_second_press_turns_one_off(client, db):
    client.post(reverse("display"), {"toggle": "large"})
    client.post(reverse("display"), {"toggle": "contrast"})
    assert html_classes(client.get(reverse("login"))) == {"a11y-large", "a11y-contrast"}
    client.post(reverse("display"), {"toggle": "large"})
    page = client.get(reverse("login"))
    assert html_classes(page) == {"a11y-contrast"}
    assert pressed(page, "large") == "false"


def test_the_choice_survives_signing_in(client, cast):
    client.post(reverse("display"), {"toggle": "large"})
    client.force_login(cast.owner)
    assert html_classes(client.get(reverse("portal"))) == {"a11y-large"}


def test_an_unknown_option_is_refused_and_changes_nothing(client, db):
    response = client.post(reverse("display"), {"toggle": "sparkles"})
    assert response.status_code == 400
    assert COOKIE not in response.cookies
    assert html_classes(client.get(reverse("login"))) == set()


def test_a_tampered_cookie_draws_nothing_unknown(client, db):
    client.cookies[COOKIE] = 'large,"><script>,contrast'
    assert html_classes(client.get(reverse("login"))) == {"a11y-large", "a11y-contrast"}


def test_it_never_sends_the_reader_to_another_site(client, db):
    response = client.post(reverse("display"), {"toggle": "large", "next": "https://evil.example.com/"})
    assert response.url == "/"


def test_the_switch_takes_posts_only(client, db):
    assert client.get(reverse("display")).status_code == 405
