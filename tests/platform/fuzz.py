"""Schemathesis over the API's own OpenAPI document, in-process (WSGI): counts the cases sent and the 5xx answers.

Used by ``scripts/fuzz_api.py`` (``make fuzz``, thousands of cases on a scratch database) and by the short run in
``tests/platform/test_api_fuzz.py``.
"""

import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from django.core.signals import got_request_exception
from django.core.wsgi import get_wsgi_application
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

OPENAPI = "/api/v1/openapi.json"


@dataclass
class FuzzReport:
    cases: int = 0
    server_errors: list[str] = field(default_factory=list)
    by_status: Counter = field(default_factory=Counter)
    causes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"cases run: {self.cases}  server errors: {len(self.server_errors)}"

    def record_exception(self, sender, request=None, **kwargs) -> None:
        """The server's exception behind a 5xx (``got_request_exception``): type, message and where it was raised."""
        kind, error, trace = sys.exc_info()
        where = traceback.extract_tb(trace)[-1] if trace else None
        place = f" at {where.filename.split('/site-packages/')[-1]}:{where.lineno}" if where else ""
        method = getattr(request, "method", "?")
        self.causes[
            f"{method} {getattr(request, 'path', '?')}: {getattr(kind, '__name__', '?')}: {error}"[:300] + place
        ] += 1


def _config(token: str, examples: int, seed: int, coverage: bool) -> SchemathesisConfig:
    """The examples, coverage (boundary values of every field) and fuzzing phases, positive and negative data, and
    the one check that matters here."""
    return SchemathesisConfig.from_dict(
        {
            "headers": {"Authorization": f"Bearer {token}"},
            "seed": seed,
            "continue-on-failure": True,
            "generation": {"max-examples": examples, "mode": "all", "database": "none"},
            "checks": {"enabled": False, "not_a_server_error": {"enabled": True}},
            "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": coverage}},
        }
    )


def fuzz(tokens: dict[str, str], *, examples: int, seed: int = 2026, coverage: bool = True) -> FuzzReport:
    """Run Schemathesis's engine over the API as each bearer token's user; every request it sends is a case.
    ``coverage=False`` leaves out the systematic boundary cases (thousands) for a short run."""
    report = FuzzReport()
    got_request_exception.connect(report.record_exception)
    try:
        for who, token in tokens.items():
            schema = schemathesis.openapi.from_wsgi(
                OPENAPI, get_wsgi_application(), config=_config(token, examples, seed, coverage)
            )
            for event in from_schema(schema).execute():
                if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
                    _count(who, event.recorder, report)
                elif isinstance(event, events.NonFatalError | events.FatalError):
                    report.problems.append(f"{who}: {getattr(event, 'value', None) or event.exception}")
    finally:
        got_request_exception.disconnect(report.record_exception)
    return report


def _count(who: str, recorder, report: FuzzReport) -> None:
    for interaction in recorder.interactions.values():
        if interaction.response is None:
            continue
        report.cases += 1
        status = interaction.response.status_code
        report.by_status[status] += 1
        if status >= 500:
            request = interaction.request
            body = (request.body or b"")[:300].decode("utf-8", "replace")
            report.server_errors.append(f"{who} {request.method} {request.uri} -> {status}  {body}")


def fuzz_cast() -> dict[str, str]:
    """A small world to aim at (two enterprises, a policy, a session, a station, a mentor, a request) and the bearer
    tokens of the enterprise admin and the bureau."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gaoqi.apps.accounts.services import api_token_create
    from gaoqi.apps.enterprises.models import Enterprise, ManagementItems, Membership, MentorAssignment
    from gaoqi.apps.mentoring.models import MentorProfile, Station
    from gaoqi.apps.policies.models import Policy
    from gaoqi.apps.servicedesk.services import request_submit
    from gaoqi.apps.training.models import Programme, Session
    from gaoqi.core.roles import Role
    from gaoqi.rules.uscc import make_uscc

    users = get_user_model().objects
    password = "fuzz-Password-2026"
    owner = users.create_user(username="fuzz_owner", password=password, role=Role.ENTERPRISE)
    bureau = users.create_user(username="fuzz_bureau", password=password, role=Role.BUREAU, is_staff=True)
    mentor = users.create_user(username="fuzz_mentor", password=password, role=Role.MENTOR)
    for n, district in enumerate(("440112", "440106")):
        enterprise = Enterprise.objects.create(
            uscc=make_uscc("91", district, f"MA5FXYW{n}"),
            name=f"模糊测试企业{n}",
            district=district,
            tech_field="10101",
            registered_on=datetime.date(2015, 3, 1),
        )
        ManagementItems.objects.create(enterprise=enterprise)
    enterprise = Enterprise.objects.order_by("pk").first()
    Membership.objects.create(user=owner, enterprise=enterprise, is_admin=True)
    MentorAssignment.objects.create(mentor=mentor, enterprise=enterprise)
    station = Station.objects.create(name="模糊测试服务站", organisation="服务中心", district="440112")
    MentorProfile.objects.create(user=mentor, district="440112", topics=["ip"], station=station)
    Policy.objects.create(
        title="高新技术企业认定",
        issuer="科技部",
        level="national",
        category="recognition",
        summary="认定。",
        criteria="hte.eligible",
        status=Policy.Status.PUBLISHED,
        version=1,
    )
    now = timezone.now()
    Session.objects.create(
        programme=Programme.objects.create(title="高企认定系列", topic="recognition", year=now.year),
        title="研发费用归集实务",
        topic="recognition",
        speakers="李会计师",
        station=station,
        district="440112",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        capacity=50,
        registration_opens=now - datetime.timedelta(days=1),
        registration_closes=now + datetime.timedelta(days=6),
    )
    request_submit(actor=owner, category="ip", title="专利布局咨询", description="想了解发明专利。")
    return {
        who: api_token_create(actor=user, name="fuzz")[1] for who, user in (("enterprise", owner), ("bureau", bureau))
    }
