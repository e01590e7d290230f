"""The menus: every entry opens for each role it is shown to, staff get a sidebar grouped by task, enterprises a top
menu, and the entry of the page being read is marked."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from gaoqi.apps.enterprises.services import enterprise_register
from gaoqi.apps.mentoring.models import Station
from gaoqi.core.roles import Role
from gaoqi.web.navigation import SIDEBAR, TOP_MENU, sidebar_for, top_menu_for
from tests.platform.conftest import PASSWORD

STAFF = ["mentor", "district", "bureau", "station", "bank"]


@pytest.fixture
def people(cast):
    station = Station.objects.create(name="黄埔科学城服务站", organisation="开发区科创中心", district="440112")
    station.operators.add(cast.station)
    cast.bank = get_user_model().objects.create_user(username="bank", password=PASSWORD, role=Role.FINANCE)
    return cast


def links(user, path="/"):
    return [link for _label, group in sidebar_for(user, path) for link in group] + top_menu_for(user, path)


@pytest.mark.parametrize("who", ["owner", "colleague", *STAFF])
def test_every_menu_entry_opens_for_each_role_it_is_shown_to(client, people, who):
    user = getattr(people, who)
    client.force_login(user)
    shown = links(user)
    assert shown
    for link in shown:
        assert client.get(link.href, follow=True).status_code == 200, (who, link.href)


@pytest.mark.parametrize("who", STAFF)
def test_staff_get_a_sidebar_grouped_by_task_and_no_top_menu(client, people, who):
    client.force_login(getattr(people, who))
    body = client.get(reverse("home"), follow=True).content.decode()
    assert 'id="sidebar"' in body
    assert 'id="top-menu"' not in body
    groups = re.findall(r'<h2 class="sidebar-heading">(.+?)</h2>', body)
    assert groups == [label for label, _links in sidebar_for(getattr(people, who), "/")]


def test_the_bureau_sidebar_holds_every_task_and_a_district_the_same_less_the_bureau_tools(people):
    bureau = {link.href for link in links(people.bureau)}
    district = {link.href for link in links(people.district)}
    assert district < bureau
    bureau_tools = {"notifications:dead_letters", "staff_new", "reviews", "market:reviews", "market:official_list"}
    publishing = {"market:owned", "market:scenario_new"}  # the bureau publishes scenarios as 场景方 do
    assert bureau - district == {reverse(name) for name in bureau_tools | publishing | {"rankings:what_ifs"}}
    others = 4  # 本站工作台, 首页, 导师工作台, 本机构产品 belong to other roles
    assert len(bureau) == sum(len(group.entries) for group in SIDEBAR) - others


def test_enterprises_get_the_top_menu_and_no_sidebar(client, people):
    client.force_login(people.owner)
    body = client.get(reverse("portal")).content.decode()
    assert 'id="top-menu"' in body
    assert 'id="sidebar"' not in body
    assert [link.label for link in links(people.owner)] == [entry.label for entry in TOP_MENU]


def test_visitors_get_what_they_may_read_and_the_ways_in(client, db):
    body = client.get(reverse("login")).content.decode()
    assert 'id="sidebar"' not in body
    for name in ("policies:list", "policies:calendar", "mentoring:stations", "register"):
        assert f'href="{reverse(name)}"' in body
    for link in top_menu_for(AnonymousUser(), "/"):
        assert client.get(link.href).status_code == 200, link.href


@pytest.mark.parametrize(
    ("who", "path", "active"),
    [
        ("bureau", "/policies/dashboard/", "/policies/dashboard/"),
        ("bureau", "/policies/12/", "/policies/"),
        ("owner", "/policies/mine/", "/policies/mine/"),
        ("owner", "/portal/profile/years/", "/portal/"),
        ("mentor", "/mentoring/workbench/9/", "/mentoring/workbench/"),
    ],
)
def test_the_entry_the_page_is_under_is_the_one_marked_active(people, who, path, active):
    marked = [link.href for link in links(getattr(people, who), path) if link.active]
    assert marked == [active]


def test_the_page_marks_its_entry_for_assistive_technology(client, people):
    client.force_login(people.bureau)
    body = client.get("/policies/dashboard/").content.decode()
    assert re.findall(r'<a class="nav-link active" href="([^"]+)" aria-current="page">', body) == [
        "/policies/dashboard/"
    ]


def test_a_claimant_lands_on_the_claim_and_is_offered_only_what_needs_no_enterprise(client, people):
    ours = people.ours
    claimant = enterprise_register(
        username="claimant",
        password=PASSWORD,
        email="claimant@example.cn",
        uscc=ours.uscc,
        name=ours.name,
        district=ours.district,
        tech_field=ours.tech_field,
        registered_on=ours.registered_on,
    ).user
    client.force_login(claimant)
    assert client.get(reverse("home")).url == reverse("claim_status")
    shown = links(claimant)
    expected = ("policies:list", "training:index", "market:scenarios")
    assert [link.href for link in shown] == [reverse(name) for name in expected]
    for link in shown:
        assert client.get(link.href).status_code == 200
    assert f'href="{reverse("colleagues")}"' not in client.get(reverse("claim_status")).content.decode()
