"""The authorisation matrix shared by every app: the cast, the cases per row, and what each answer must be."""

import pytest

CAST = ["owner", "colleague", "outsider", "mentor", "other_mentor", "district", "other_district", "bureau", "station"]


def cases(table):
    """One case per row of ``(method, path, expected, default)`` and member of the cast."""
    for method, path, expected, default in table:
        for who in CAST:
            yield pytest.param(method, path, who, expected.get(who, default), id=f"{method} {path} as {who}")


def routes(table) -> list[tuple[str, str]]:
    """The ``(method, path)`` of every row."""
    return [(method, path) for method, path, _expected, _default in table]


def assert_status(response, status: int) -> None:
    assert response.status_code == status, (response.status_code, status, response.content[:300])


def assert_sent_to_login(response) -> None:
    """An anonymous visitor of a page is redirected to the login page."""
    assert response.status_code == 302, (response.status_code, response.content[:300])
    assert response.url.startswith("/accounts/login/"), response.url


def assert_unauthenticated(response) -> None:
    """An anonymous API call gets the 401 envelope."""
    assert response.status_code == 401, (response.status_code, response.content[:300])
    assert response.json()["code"] == "unauthenticated", response.json()
