"""Every aggregate a role can query (criteria preview, funnels, dashboards, KPIs, loads, console counts, in pages and
API) is computed over that role's own enterprises: activity of an enterprise a viewer cannot see leaves the viewer's
figures exactly as they were, while the bureau's change (so the activity is real)."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gaoqi.apps.enterprises.models import Enterprise, MentorAssignment
from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.policies.models import Policy, PolicyApplication, PolicyMatch
from gaoqi.apps.servicedesk.services import request_submit
from gaoqi.apps.training.models import Programme, Registration, Session
from gaoqi.rules.uscc import make_uscc

TIANHE = "440106"
PREVIEW = {"criteria": "age_years >= 20", "districts": ["440112", TIANHE]}


def _context(key):
    return lambda response: response.context[key]


def _loads(response):
    return sorted((row["mentor"].user.username, row["load"]) for row in response.context["rows"])


def _xlsx_rows(response):
    return load_workbook(io.BytesIO(response.content)).active.max_row


AGGREGATES = {
    "criteria preview page": ("POST", "/policies/preview/", _context("preview")),
    "criteria preview API": ("POST", "/api/v1/policies/preview", lambda r: r.json()),
    "policy funnel page": ("GET", "/policies/{policy}/", _context("funnel")),
    "policy funnel API": ("GET", "/api/v1/policies/{policy}/funnel", lambda r: r.json()),
    "policy dashboard": ("GET", "/policies/dashboard/", _context("board")),
    "training KPIs": ("GET", "/training/kpis/?year={year}", _context("kpis")),
    "service-desk dashboard": ("GET", "/servicedesk/dashboard/", _context("stats")),
    "service-desk stats API": ("GET", "/api/v1/servicedesk/stats", lambda r: r.json()),
    "mentor load page": ("GET", "/mentoring/load/", lambda r: (_loads(r), r.context["pool"])),
    "mentor load API": ("GET", "/api/v1/mentoring/mentors/load", lambda r: r.json()),
    "mentor registry API": ("GET", "/api/v1/mentoring/mentors", lambda r: [m["load"] for m in r.json()]),
    "assignments pool": ("GET", "/mentoring/assignments/", _context("pool")),
    "console count": ("GET", "/console/", lambda r: r.context["page"].paginator.count),
    "console export": ("GET", "/console/export.xlsx", _xlsx_rows),
}
BLIND = {  # who may query the aggregate but cannot see 天河云 (the outsider's enterprise)
    "criteria preview page": ["district"],
    "criteria preview API": ["district"],
    "policy funnel page": ["district"],
    "policy funnel API": ["district"],
    "policy dashboard": ["district"],
    "training KPIs": ["district"],
    "service-desk dashboard": ["district", "mentor", "station"],
    "service-desk stats API": ["district", "mentor", "station"],
    "mentor load page": ["district"],
    "mentor load API": ["district"],
    "mentor registry API": ["district"],
    "assignments pool": ["district"],
    "console count": ["district", "mentor"],
    "console export": ["district", "mentor"],
}


@pytest.fixture
def world(cast, settings, tmp_path, clock):
    """A published policy, the mentors' profiles, the 黄埔 station and a 黄埔 session this year."""
    settings.MEDIA_ROOT = tmp_path
    clock.at(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC))
    policy = Policy.objects.create(
        title="高企认定奖励",
        issuer="科技局",
        level="city",
        category="recognition",
        summary="摘要",
        criteria="hte.eligible",
        status=Policy.Status.PUBLISHED,
        version=1,
    )
    station = Station.objects.create(name="黄埔服务站", organisation="服务中心", district="440112", services=["ip"])
    station.operators.add(cast.station)
    MentorProfile.objects.create(user=cast.mentor, district="440112", topics=["ip"], capacity=5)
    MentorProfile.objects.create(user=cast.other_mentor, district=TIANHE, topics=["ip"], capacity=5)
    request_submit(actor=cast.owner, category="ip", title="专利咨询", description="黄埔企业的需求")
    return {"policy": policy.pk, "year": 2026}


def _activity_of_theirs(cast, world):
    """Everything 天河云 (and its district) can do that an aggregate counts."""
    theirs = cast.theirs
    Enterprise.objects.filter(pk=theirs.pk).update(registered_on=datetime.date(1990, 1, 1))
    policy = Policy.objects.get(pk=world["policy"])
    PolicyMatch.objects.create(policy=policy, enterprise=theirs, district=TIANHE, status="qualify", version=1)
    PolicyApplication.objects.create(policy=policy, enterprise=theirs, district=TIANHE)
    now = timezone.now()
    session = Session.objects.create(
        programme=Programme.objects.create(title="系列", topic="recognition", year=2026),
        title="天河专场",
        topic="recognition",
        speakers="李老师",
        district=TIANHE,
        online_url="https://meeting.example.cn/th",
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(days=2, hours=-2),
        capacity=10,
        registration_opens=now - datetime.timedelta(days=20),
        registration_closes=now - datetime.timedelta(days=3),
    )
    Registration.objects.create(
        session=session,
        enterprise=theirs,
        attendee_name="丙",
        attendee_phone="13800000003",
        status="confirmed",
        code="TH7QM3XR",
        checked_in_at=now - datetime.timedelta(days=2),
    )
    request_submit(actor=cast.outsider, category="ip", title="专利咨询", description="天河企业的需求")
    MentorAssignment.objects.create(mentor=cast.other_mentor, enterprise=theirs)
    Enterprise.objects.create(
        uscc=make_uscc("91", TIANHE, "MA5XYW34"),
        name="广州天河新企业有限公司",
        district=TIANHE,
        tech_field="10101",
        registered_on=datetime.date(1995, 1, 1),
    )


def _ask(client, name, world):
    method, path, extract = AGGREGATES[name]
    url = path.format(**world)
    if method == "GET":
        response = client.get(url)
    elif url.startswith("/api/"):
        response = client.post(url, PREVIEW, content_type="application/json")
    else:
        response = client.post(url, PREVIEW)
    assert response.status_code == 200, (name, response.status_code)
    return extract(response)


@pytest.mark.parametrize(("name", "who"), [(name, who) for name, blind in BLIND.items() for who in blind])
def test_what_a_viewer_cannot_see_does_not_move_their_figures(client, cast, world, name, who):
    client.force_login(getattr(cast, who))
    before = _ask(client, name, world)
    _activity_of_theirs(cast, world)
    assert _ask(client, name, world) == before


@pytest.mark.parametrize("name", list(AGGREGATES))
def test_the_same_activity_moves_the_bureaus_figures(client, cast, world, name):
    client.force_login(cast.bureau)
    before = _ask(client, name, world)
    _activity_of_theirs(cast, world)
    assert _ask(client, name, world) != before


def test_a_district_asking_the_preview_for_another_district_gets_nothing_of_it(client, cast, world):
    Enterprise.objects.filter(pk=cast.theirs.pk).update(registered_on=datetime.date(1990, 1, 1))
    client.force_login(cast.district)
    body = {"criteria": "age_years >= 20", "districts": [TIANHE]}
    answer = client.post("/api/v1/policies/preview", body, content_type="application/json").json()
    assert (answer["counts"]["qualify"], answer["by_district"], answer["scope"]) == (0, {}, ["440112"])
