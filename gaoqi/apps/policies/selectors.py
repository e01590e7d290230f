"""Reads: the policy library as each role sees it, matches, "my policies" with explanations, funnels."""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.selectors import districts_overseen, enterprise_get, enterprise_list, enterprise_own
from gaoqi.apps.notifications.selectors import notice_counts
from gaoqi.apps.policies.matching import Matches, criteria_for, match, match_policy, nearly_reason, nearness_rule
from gaoqi.apps.policies.models import MatchStatus, Policy, PolicyApplication, PolicyMatch
from gaoqi.apps.policies.search import Ranked, policy_rank
from gaoqi.core import disclosure
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.rules.criteria import LACKS, NEARLY, QUALIFY

VISIBLE = (Policy.Status.PUBLISHED, Policy.Status.CLOSED)
MATCHED = {"qualifying": QUALIFY, "nearly": NEARLY, "lacks": LACKS}
BEHAVIOUR = ("notified", "delivered", "read", "clicked", "applied")


def policy_staff_view(*, actor) -> bool:
    """Whether the actor sees drafts, staff notes, matches and funnels (district and bureau staff)."""
    return actor.is_authenticated and actor.is_active and getattr(actor, "role", None) in STAFF_ROLES


def policy_list(*, actor, q: str = "", **filters) -> QuerySet[Policy]:
    """Staff see every policy; everyone else, visitors without an account included, published and closed ones
    (enterprises only those for their district). Filters: ``status``, ``category``, ``level``, ``district`` (policies
    that apply there, city-wide ones included) and ``instant`` (免申即享 only). With ``q``, the policies found by
    full-text search, best first."""
    return policy_search(actor=actor, q=q, **filters).policies


def _applies_in(district: str) -> Q:
    return Q(districts=[]) | Q(districts__icontains=district)


def policy_search(
    *,
    actor,
    q: str = "",
    status: str = "",
    category: str = "",
    level: str = "",
    district: str = "",
    instant: bool = False,
) -> Ranked:
    """``policy_list`` with whether the search fell back to policies having only some of the query's terms."""
    qs = Policy.objects.all()
    if actor.is_authenticated and not actor.is_active:
        return Ranked(qs.none())
    if not policy_staff_view(actor=actor):
        qs = qs.filter(status__in=VISIBLE)
        enterprise = enterprise_own(actor=actor) if actor.is_authenticated else None
        if enterprise is not None:
            qs = qs.filter(_applies_in(enterprise.district))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if level:
        qs = qs.filter(level=level)
    if district:
        qs = qs.filter(_applies_in(district))
    if instant:
        qs = qs.filter(instant=True)
    return policy_rank(qs, q)


def policy_get(*, actor, pk) -> Policy:
    try:
        return policy_list(actor=actor).get(pk=pk)
    except (Policy.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def policy_can_edit(*, actor, policy: Policy) -> bool:
    """Bureau staff edit every policy, district staff those for their own district only."""
    role = getattr(actor, "role", None)
    if role == Role.BUREAU:
        return True
    return role == Role.DISTRICT and policy.districts == [actor.district]


def _staff(actor) -> None:
    if not policy_staff_view(actor=actor):
        raise PermissionDenied


def policy_preview(*, actor, criteria: str, districts: list[str], support_amount: Decimal | None = None) -> dict:
    """Live preview for the editor: qualify / nearly / lacks counts, overall and by district, over the enterprises
    the actor may see (district staff: their district, whatever districts they ask for), and what "nearly" means
    for a policy offering up to ``support_amount``."""
    _staff(actor)
    found = match(
        criteria_for(criteria), districts=districts, within=enterprise_list(actor=actor), support_amount=support_amount
    )
    return {
        "counts": found.counts(),
        "by_district": found.by_district(),
        "nearness": nearness_rule(found.near),
        "scope": districts_overseen(actor=actor),
    }


def policy_matches(*, actor, policy: Policy, status: str = "", district: str = "") -> QuerySet[PolicyMatch]:
    """Stored matches of a policy among the enterprises the staff actor oversees."""
    _staff(actor)
    qs = PolicyMatch.objects.filter(policy=policy, enterprise__in=enterprise_list(actor=actor))
    if status:
        qs = qs.filter(status=status)
    if district:
        qs = qs.filter(district=district)
    return qs.select_related("enterprise").order_by("status", "enterprise__name")


def _notices(cause_prefix: str) -> dict[str, dict]:
    """Notice counts per district for causes ``<prefix><district>``."""
    counts = notice_counts(cause_prefix)
    return {cause.removeprefix(cause_prefix): values for cause, values in counts.items()}


def _funnel_counts(policy: Policy, scope: list[str]) -> dict[str, dict]:
    """Exact counts per district of ``scope``: match statuses, notices and applications."""
    matched = (
        PolicyMatch.objects.filter(policy=policy, district__in=scope)
        .values_list("district", "status")
        .annotate(n=Count("id"))
    )
    statuses = {(district, status): n for district, status, n in matched}
    applied = dict(
        PolicyApplication.objects.filter(policy=policy, district__in=scope)
        .values_list("district")
        .annotate(n=Count("id"))
    )
    notices = _notices(f"policy:{policy.pk}:")
    counts = {}
    for code in scope:
        row = {key: statuses.get((code, status), 0) for key, status in MATCHED.items()}
        row |= {key: notices.get(code, {}).get(key, 0) for key in ("notified", "delivered", "read", "clicked")}
        counts[code] = row | {"applied": applied.get(code, 0)}
    return counts


def _published(district: str, name, exact: dict, minimum: int) -> dict:
    """A funnel row as shown: match counts exact (staff list the matches), behaviour counts from ``minimum`` up."""
    row = {"district": district, "name": str(name), **{k: exact[k] for k in MATCHED}}
    row |= {key: disclosure.shown(exact[key], minimum) for key in BEHAVIOUR}
    return _rates(row)


def funnel_gap(total: dict, *, published: bool) -> str:
    """Why the funnel's reach is empty, when it is: nothing published, nobody qualifying, or no one to tell."""
    if not published:
        return _("政策尚未发布：发布后才会匹配企业并推送通知。")
    if not total["qualifying"]:
        return _("目前没有企业符合本政策的全部条件，因此没有推送；接近符合和缺少数据的企业见下方匹配结果。")
    if total["notified"] == 0:  # None: too few to show, not none
        return _("符合条件的企业都还没有平台账号，无法推送通知；请引导企业注册后在“我的政策”查看。")
    return ""


def _rates(row: dict) -> dict:
    row["aware_rate"] = disclosure.rate(row["read"], row["qualifying"])
    row["applied_rate"] = disclosure.rate(row["applied"], row["qualifying"])
    return row


def _total(rows: list[dict], minimum: int, name) -> dict:
    """The sum of exact rows, each behaviour total shown only if it reveals no hidden part by subtraction."""
    total = {"district": "", "name": str(name), **{k: sum(row[k] for row in rows) for k in MATCHED}}
    for key in BEHAVIOUR:
        total[key] = disclosure.shown_total(sum(row[key] for row in rows), [row[key] for row in rows], minimum)
    return _rates(total)


def policy_funnel(*, actor, policy: Policy) -> list[dict]:
    """Per district the actor oversees: qualifying, nearly, lacks, notified, delivered, read, clicked, applied,
    with 应知尽知 and 应享尽享 rates (read and applied as a share of qualifying); small behaviour counts hidden
    (``gaoqi.core.disclosure``); the last row is the total."""
    _staff(actor)
    scope = districts_overseen(actor=actor)
    exact = _funnel_counts(policy, scope)
    minimum = disclosure.min_count()
    rows = [_published(code, DISTRICT_NAMES[code], exact[code], minimum) for code in scope]
    return [*rows, _total(list(exact.values()), minimum, _("合计"))]


def dashboard(*, actor) -> dict:
    """应知尽知 and 应享尽享 across published policies, by district the actor oversees, for the console dashboard;
    a district's behaviour count is hidden when small or when it would reveal a hidden per-policy count."""
    _staff(actor)
    scope = districts_overseen(actor=actor)
    minimum = disclosure.min_count()
    per_policy = [_funnel_counts(policy, scope) for policy in Policy.objects.filter(status__in=VISIBLE)]
    rows = [_total([counts[code] for counts in per_policy], minimum, DISTRICT_NAMES[code]) for code in scope]
    for code, row in zip(scope, rows, strict=True):
        row["district"] = code
    return {"rows": rows, "policies": len(per_policy)}


@dataclass(frozen=True)
class MyPolicy:
    policy: Policy
    status: str
    clauses: list[dict]
    missing: str
    applied: bool
    nearness: str = ""  # for a nearly-qualifying enterprise: what is missing, its cost, and the rule


def my_policies(*, actor, enterprise_id: int | None = None) -> list[MyPolicy]:
    """Published policies for the actor's own enterprise (or a visible one), live-matched with per-clause
    explanations: qualify first, then nearly (with what is missing), then lacking data."""
    enterprise = enterprise_get(actor=actor, pk=enterprise_id) if enterprise_id else enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    applied = set(PolicyApplication.objects.filter(enterprise=enterprise).values_list("policy_id", flat=True))
    found = []
    for policy in Policy.objects.filter(status=Policy.Status.PUBLISHED):
        matches = match_policy(policy, enterprise_ids=[enterprise.pk])
        if len(matches.ids) and matches.outcome.category[0] in MatchStatus.values:
            found.append(_mine(policy, matches, matches.outcome.category[0], policy.pk in applied))
    order = {QUALIFY: 0, NEARLY: 1, LACKS: 2}
    return sorted(found, key=lambda item: (order[item.status], item.policy.closes_on or item.policy.created_at.date()))


def my_policy(*, actor, policy_id: int) -> MyPolicy:
    """One visible policy with the actor's own enterprise's clause-by-clause explanation."""
    policy = policy_get(actor=actor, pk=policy_id)
    enterprise = enterprise_own(actor=actor) if actor.is_authenticated else None
    matches = match_policy(policy, enterprise_ids=[enterprise.pk]) if enterprise else None
    if matches is None or not len(matches.ids):
        return MyPolicy(policy, "", [], "", False)
    applied = PolicyApplication.objects.filter(enterprise=enterprise, policy=policy).exists()
    return _mine(policy, matches, matches.outcome.category[0], applied)


def _mine(policy: Policy, matches: Matches, status: str, applied: bool) -> MyPolicy:
    missing = matches.missing(0) if status == NEARLY else ""
    nearness = nearly_reason(matches, 0) if status == NEARLY else ""
    return MyPolicy(policy, status, matches.explain(0), missing, applied, nearness)


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    in_month: bool
    is_today: bool
    opening: list[Policy]
    closing: list[Policy]


@dataclass(frozen=True)
class Calendar:
    month: dt.date  # the first of the month shown
    previous: str  # "YYYY-MM"
    next: str
    weeks: list[list[CalendarDay]]
    open: list[Policy]  # policies whose window is open on some day of the month, closing soonest first


def _month(text: str, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text}-01") if text else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


def policy_calendar(*, actor, month: str = "") -> Calendar:
    """A month of application windows among the policies the actor may read: which open and which close on each
    day (weeks start on Monday), and every window open during the month. ``month`` is ``YYYY-MM`` (default: now)."""
    today = timezone.localdate()
    first = _month(month, today)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    windows = policy_list(actor=actor).filter(Q(opens_on__isnull=False) | Q(closes_on__isnull=False))
    in_month = windows.filter(
        (Q(opens_on__lte=last) | Q(opens_on__isnull=True)) & (Q(closes_on__gte=first) | Q(closes_on__isnull=True))
    ).order_by("closes_on", "title")
    policies = list(in_month)
    weeks = [
        [
            CalendarDay(
                day,
                day.month == first.month,
                day == today,
                [p for p in policies if p.opens_on == day],
                [p for p in policies if p.closes_on == day],
            )
            for day in week
        ]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    following = (last + dt.timedelta(days=1)).strftime("%Y-%m")
    return Calendar(first, previous, following, weeks, policies)
