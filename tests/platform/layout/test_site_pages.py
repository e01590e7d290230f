"""The page list the layout and policy tests walk is the URL map itself: every parametrised route has a sample."""

from tests.platform.layout.site_pages import SAMPLES, web_routes


def test_every_parametrised_route_has_a_sample_and_every_sample_a_route():
    parametrised = {route.name for route in web_routes() if route.params}
    assert parametrised - SAMPLES.keys() == set(), "give these routes a sample in site_pages.SAMPLES"
    assert SAMPLES.keys() - parametrised == set(), "these samples name no route any more"


def test_the_walk_finds_the_pages_of_every_part_of_the_site():
    names = {route.name for route in web_routes()}
    assert {"home", "portal", "console", "login", "password_reset", "policies:list", "training:index"} <= names
    assert {"mentoring:stations", "servicedesk:dashboard", "notifications:inbox", "files:import", "display"} <= names
    assert not any(name.startswith(("admin:", "api-")) for name in names)
