"""Every page of the site, for the layout and Content-Security-Policy tests.

The URL patterns under ``gaoqi.web.urls`` are walked, so a new page is tried without anyone listing it; a pattern with
parameters is filled from ``SAMPLES`` (test_site_pages.py fails for a new one until it gets a sample). Which routes are
pages, and for whom, is found by asking: a whole HTML document answered with 200.
"""

import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse

from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.enterprises.demo import DEMO_PASSWORD
from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.enterprises.services import enterprise_register
from gaoqi.apps.finance import models as finance_models
from gaoqi.apps.market.models import Product, Proposal, Scenario
from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.notifications.channels import unsubscribe_token
from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies.models import Policy
from gaoqi.apps.rankings.models import IndicatorVersion, RankingList, WhatIfScenario
from gaoqi.apps.servicedesk.models import Attachment, ServiceRequest
from gaoqi.apps.training.models import Registration, Session
from gaoqi.web.profile_steps import STEP_KEYS

ROLES = ["anonymous", "enterprise", "claimant", "bureau", "district", "mentor", "station", "bank", "owner"]
"""The demo logins, a visitor, and ``claimant``: registered with the demo enterprise's credit code, awaiting review."""


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str  # "/policies/<int:pk>/"
    params: tuple[str, ...]


def web_routes() -> list[Route]:
    """Every named URL pattern of the page layer (admin, API and language switching are not under it)."""
    root = next(p for p in get_resolver().url_patterns if getattr(p.urlconf_module, "__name__", "") == "gaoqi.web.urls")
    found: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: str, params: tuple[str, ...]) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            names = params + tuple(p.pattern.converters)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route, f"{namespace}{p.namespace}:" if p.namespace else namespace, names)
            elif p.name and f"{namespace}{p.name}" not in found:  # the first of two same-named patterns wins
                found[f"{namespace}{p.name}"] = Route(f"{namespace}{p.name}", route, names)

    walk(root.url_patterns, "/", "", ())
    return list(found.values())


@dataclass(frozen=True)
class World:
    """The demo data, with the objects the parametrised pages are opened on."""

    enterprise_user: object
    assessment: Assessment
    policy: Policy
    draft: Policy
    session: Session
    attended: Registration
    request: ServiceRequest
    attachment: Attachment
    notice: Notice
    batch: BatchRun
    station: Station
    mentor_profile: MentorProfile
    mentored: int
    product: Product
    own_draft: Product
    scenario: Scenario
    proposal: Proposal


def build_world() -> World:
    """Load the demo data as ``make run`` does (with 60 enterprises) and pick the sample objects (an attachment is
    written under MEDIA_ROOT)."""
    call_command("setup_demo", enterprises=60, stdout=io.StringIO())
    user = get_user_model().objects.get(username="enterprise")
    enterprise = user.membership.enterprise
    enterprise_register(
        username="claimant",
        password=DEMO_PASSWORD,
        email="claimant@example.cn",
        uscc=enterprise.uscc,
        name=enterprise.name,
        district=enterprise.district,
        tech_field=enterprise.tech_field,
        registered_on=enterprise.registered_on,
    )
    published = Policy.objects.filter(status=Policy.Status.PUBLISHED).order_by("pk").first()
    draft = Policy.objects.create(
        title="科技企业孵化器认定（征求意见稿）",
        issuer="市科技局",
        level="city",
        category="recognition",
        summary="草稿。",
    )
    station = Station.objects.get(operators__username="station")
    request = ServiceRequest.objects.filter(enterprise=enterprise).order_by("pk").first()
    attachment = Attachment.objects.create(
        request=request, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="licence.pdf"), name="营业执照.pdf", size=14
    )
    return World(
        enterprise_user=user,
        assessment=Assessment.objects.get(enterprise=enterprise, is_latest=True),
        policy=published,
        draft=draft,
        session=Session.objects.filter(station=station, status=Session.Status.SCHEDULED).order_by("starts_at").last(),
        attended=Registration.objects.filter(enterprise=enterprise, checked_in_at__isnull=False).first(),
        request=request,
        attachment=attachment,
        notice=Notice.objects.filter(user=user).order_by("pk").first(),
        batch=BatchRun.objects.create(created_by=get_user_model().objects.get(username="bureau"), total=0),
        station=station,
        mentor_profile=MentorProfile.objects.order_by("pk").first(),
        mentored=MentorAssignment.objects.filter(mentor__username="mentor").order_by("pk").first().enterprise_id,
        product=Product.objects.filter(state=Product.State.LISTED).order_by("pk").first(),
        own_draft=Product.objects.filter(enterprise=enterprise, state=Product.State.DRAFT).order_by("pk").first(),
        scenario=Scenario.objects.filter(organisation__members__username="owner").order_by("pk").first(),
        proposal=Proposal.objects.filter(scenario__organisation__members__username="owner").order_by("pk").first(),
    )


def _enterprise(w: World) -> int:
    return w.enterprise_user.membership.enterprise_id


def _deal(w: World) -> int:
    """A deal of the demo enterprise with the ``bank`` login's institution, still open."""
    deals = finance_models.Deal.objects.filter(
        institution__staff__user__username="bank", state__in=("sent", "accepted")
    )
    mine = deals.filter(demand__enterprise_id=_enterprise(w)).order_by("pk").first()
    return (mine or deals.order_by("pk").first()).pk


def _pk(pick):
    """One sample: ``{"pk": pick(world)}``."""
    return lambda w: [{"pk": pick(w)}]


SAMPLES = {
    "profile_step": lambda w: [{"step": key} for key in STEP_KEYS],
    "report": _pk(lambda w: w.assessment.pk),
    "console_enterprise": _pk(_enterprise),
    "console_assess": _pk(_enterprise),
    "claim_decide": _pk(lambda w: 0),  # answers POST only
    "district_change_decide": _pk(lambda w: 0),
    "batch_progress": _pk(lambda w: w.batch.pk),
    "password_reset_confirm": lambda w: [{"uidb64": "MQ", "token": "set-password"}],
    "files:export": _pk(_enterprise),
    "files:report_pdf": _pk(lambda w: w.assessment.pk),
    "files:report_pdf_status": _pk(lambda w: w.assessment.pk),
    "notifications:read": _pk(lambda w: w.notice.pk),
    "notifications:open": _pk(lambda w: w.notice.pk),
    "notifications:unsubscribe": lambda w: [{"token": unsubscribe_token(w.enterprise_user.pk, "policy")}],
    "notifications:webhook_toggle": _pk(lambda w: 0),  # answers POST only
    "notifications:webhook_delete": _pk(lambda w: 0),
    "notifications:dead_letter_retry": _pk(lambda w: 0),
    "policies:detail": lambda w: [{"pk": w.policy.pk}, {"pk": w.draft.pk}],
    "policies:mine_detail": _pk(lambda w: w.policy.pk),
    "policies:edit": lambda w: [{"pk": w.policy.pk}, {"pk": w.draft.pk}],
    "policies:publish": _pk(lambda w: w.draft.pk),
    "policies:status": _pk(lambda w: w.policy.pk),
    "policies:applied": _pk(lambda w: w.policy.pk),
    "training:session": _pk(lambda w: w.session.pk),
    "training:session_edit": _pk(lambda w: w.session.pk),
    "training:session_cancel": _pk(lambda w: w.session.pk),
    "training:checkin": _pk(lambda w: w.session.pk),
    "training:attendance": _pk(lambda w: w.session.pk),
    "training:cancel": _pk(lambda w: w.attended.pk),
    "training:qr": _pk(lambda w: w.attended.pk),
    "training:certificate": _pk(lambda w: w.attended.pk),
    "training:feedback": _pk(lambda w: w.attended.pk),
    "mentoring:mentor_edit": _pk(lambda w: w.mentor_profile.pk),
    "mentoring:workbench_enterprise": _pk(lambda w: w.mentored),
    "mentoring:station": _pk(lambda w: w.station.pk),
    "mentoring:station_edit": _pk(lambda w: w.station.pk),
    "servicedesk:detail": _pk(lambda w: w.request.pk),
    "servicedesk:change": _pk(lambda w: w.request.pk),
    "servicedesk:reroute": _pk(lambda w: w.request.pk),
    "servicedesk:cancel": _pk(lambda w: w.request.pk),
    "servicedesk:attachment": _pk(lambda w: w.attachment.pk),
    "market:product": lambda w: [{"pk": w.product.pk}, {"pk": w.own_draft.pk}],
    "market:product_edit": _pk(lambda w: w.own_draft.pk),
    "market:product_move": _pk(lambda w: 0),  # answers POST only
    "market:scenario": _pk(lambda w: w.scenario.pk),
    "market:propose": _pk(lambda w: 0),
    "market:proposal_move": _pk(lambda w: 0),
    "finance:product_edit": _pk(
        lambda w: finance_models.Product.objects.filter(institution__staff__user__username="bank").first().pk
    ),
    "finance:demand": _pk(lambda w: finance_models.Deal.objects.get(pk=_deal(w)).demand_id),
    "finance:demand_send": _pk(lambda w: 0),  # answers POST only
    "finance:consent_revoke": _pk(lambda w: 0),
    "finance:demand_withdraw": _pk(lambda w: 0),
    "finance:deal": _pk(_deal),
    "finance:deal_move": _pk(lambda w: 0),
    "finance:pool_loan_new": _pk(lambda w: 0),
    "finance:pool_loss": _pk(lambda w: 0),
    "rankings:score": _pk(_enterprise),
    "rankings:version": _pk(lambda w: IndicatorVersion.objects.order_by("pk").first().pk),
    "rankings:list": _pk(lambda w: RankingList.objects.order_by("pk").first().pk),
    "rankings:list_step": _pk(lambda w: 0),  # answers POST only
    "rankings:list_comment": _pk(lambda w: 0),
    "rankings:list_add": _pk(lambda w: 0),
    "rankings:entry_remove": _pk(lambda w: 0),
    "rankings:profile": _pk(_enterprise),
    "rankings:what_if": _pk(lambda w: WhatIfScenario.objects.order_by("pk").first().pk),
}
"""Route name → the parameters it is opened with, taken from the demo data."""


def urls(world: World) -> dict[str, list[str]]:
    """Route name → the addresses it is opened at."""
    return {
        r.name: [reverse(r.name, kwargs=kw) for kw in SAMPLES[r.name](world)] if r.params else [reverse(r.name)]
        for r in web_routes()
    }


def is_document(response) -> bool:
    """A whole HTML page (not a file, a redirect or an htmx fragment)."""
    return (
        response.status_code == 200
        and response["Content-Type"].startswith("text/html")
        and response.content.lstrip()[:15].lower() == b"<!doctype html>"
    )


def get(client, url: str):
    """GET ``url``; a file download is read to its end, which closes it as a server would."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def log_in(client, role: str) -> None:
    client.logout()
    if role != "anonymous":
        assert client.login(username=role, password=DEMO_PASSWORD), role


def pages_by_role(client, world: World) -> dict[str, list[str]]:
    """For each role, the addresses that answer it with a whole page."""
    addresses = [url for group in urls(world).values() for url in group]
    found = {}
    for role in ROLES:
        log_in(client, role)
        found[role] = [url for url in addresses if is_document(get(client, url))]
    client.logout()
    return found
