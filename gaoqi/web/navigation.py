"""The menus and each role's home, declared once.

Staff roles (bureau, district, mentor, station, finance) get ``SIDEBAR``, grouped by task; enterprise users get
``TOP_MENU``, visitors ``VISITOR_MENU``. An entry names the roles that see it (and, where a role is not enough, one
more condition); its target ``"home"`` stands for the role's home. The home view redirects to ``home_url``; base.html
renders ``sidebar_for`` and ``top_menu_for``; a test opens every entry as every role it is shown to.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.finance.selectors import institution_of
from gaoqi.apps.mentoring.selectors import station_of
from gaoqi.core.roles import Role

STAFF = frozenset({Role.BUREAU, Role.DISTRICT})
ENTERPRISE = frozenset({Role.ENTERPRISE})
CONSOLE = STAFF | {Role.MENTOR}
DESK = CONSOLE | {Role.STATION}
ORGANISERS = STAFF | {Role.STATION}
EVERYONE = frozenset(Role)
PUBLISHERS = frozenset({Role.BUREAU, Role.SCENARIO_OWNER})
HOMES = {
    Role.ENTERPRISE: "portal",
    Role.BUREAU: "console",
    Role.DISTRICT: "console",
    Role.MENTOR: "mentoring:workbench",
    Role.SCENARIO_OWNER: "market:owned",
}


@dataclass(frozen=True)
class Entry:
    label: str
    target: str  # a URL name, or "home" for the role's home
    icon: str  # a Bootstrap Icons name
    roles: frozenset
    only: Callable[..., bool] | None = None  # a further condition on the user

    def shown_to(self, user) -> bool:
        return user.role in self.roles and (self.only is None or self.only(user))

    def href(self, user) -> str:
        return (home_url(user) or reverse("home")) if self.target == "home" else reverse(self.target)


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    icon: str
    active: bool = False


def _is_bureau_admin(user) -> bool:
    return user.is_staff


def _has_institution(user) -> bool:
    return institution_of(user) is not None


def _has_institution_or_staff(user) -> bool:
    return user.role in STAFF or _has_institution(user)


def _has_enterprise(user) -> bool:
    """An enterprise user whose claim on an enterprise is still pending has none yet (one query, then cached on the
    user for the request)."""
    return hasattr(user, "membership")


SIDEBAR = (
    Group(
        _("工作台"),
        (
            Entry(_("本站工作台"), "home", "house-door", frozenset({Role.STATION})),
            Entry(_("首页"), "home", "house-door", frozenset({Role.FINANCE})),
            Entry(_("导师工作台"), "mentoring:workbench", "person-workspace", frozenset({Role.MENTOR})),
            Entry(_("企业列表"), "console", "buildings", CONSOLE),
        ),
    ),
    Group(
        _("政策服务"),
        (
            Entry(_("政策库"), "policies:list", "journal-text", EVERYONE - {Role.ENTERPRISE}),
            Entry(_("政策看板"), "policies:dashboard", "bar-chart-line", STAFF),
            Entry(_("发送通知"), "policies:broadcast", "megaphone", STAFF),
        ),
    ),
    Group(
        _("有求必应"),
        (
            Entry(_("服务需求"), "servicedesk:list", "chat-square-text", DESK),
            Entry(_("服务看板"), "servicedesk:dashboard", "clipboard-data", DESK),
        ),
    ),
    Group(
        _("金融惠企"),
        (
            Entry(_("本机构产品"), "finance:products", "box-seam", frozenset({Role.FINANCE}), _has_institution),
            Entry(_("融资需求"), "finance:demands", "cash-coin", STAFF),
            Entry(_("机构响应排行"), "finance:league", "trophy", STAFF),
            Entry(
                _("风险补偿资金池"), "finance:pool", "shield-check", STAFF | {Role.FINANCE}, _has_institution_or_staff
            ),
        ),
    ),
    Group(
        _("科创学堂"),
        (
            Entry(_("培训安排"), "training:index", "mortarboard", EVERYONE - {Role.ENTERPRISE}),
            Entry(_("发布培训场次"), "training:session_new", "calendar-plus", ORGANISERS),
            Entry(_("培训成效"), "training:kpis", "graph-up", STAFF),
        ),
    ),
    Group(
        _("产品兴企"),
        (
            Entry(_("创新产品目录"), "market:catalogue", "box-seam", EVERYONE - {Role.ENTERPRISE}),
            Entry(_("产品审核"), "market:reviews", "patch-check", frozenset({Role.BUREAU})),
            Entry(_("官方名单导入"), "market:official_list", "file-earmark-arrow-up", frozenset({Role.BUREAU})),
            Entry(_("应用场景"), "market:scenarios", "signpost-split", EVERYONE - {Role.ENTERPRISE}),
            Entry(_("我发布的场景"), "market:owned", "clipboard-data", PUBLISHERS),
            Entry(_("发布应用场景"), "market:scenario_new", "plus-square", PUBLISHERS),
        ),
    ),
    Group(
        _("导师与工作站"),
        (
            Entry(_("导师队伍"), "mentoring:mentors", "people", STAFF),
            Entry(_("一对一匹配"), "mentoring:assignments", "diagram-3", STAFF),
            Entry(_("导师负荷"), "mentoring:load", "speedometer2", STAFF),
            Entry(_("服务工作站"), "mentoring:stations", "geo-alt", EVERYONE - {Role.ENTERPRISE}),
        ),
    ),
    Group(
        _("梯次培育与精选"),
        (
            Entry(_("创新能力评价"), "rankings:board", "trophy", STAFF),
            Entry(_("年度榜单"), "rankings:lists", "list-ol", STAFF),
            Entry(_("指标体系"), "rankings:versions", "sliders", STAFF),
            Entry(_("政策测算"), "rankings:what_ifs", "calculator", frozenset({Role.BUREAU})),
            Entry(_("梯次培育"), "rankings:tiers", "bar-chart-steps", STAFF),
            Entry(_("即将晋级的企业"), "rankings:candidates", "arrow-up-circle", STAFF),
            Entry(_("标杆企业"), "rankings:benchmarks", "award", STAFF),
        ),
    ),
    Group(
        _("系统管理"),
        (
            Entry(_("投递死信"), "notifications:dead_letters", "envelope-exclamation", frozenset({Role.BUREAU})),
            Entry(_("创建工作人员账户"), "staff_new", "person-plus", frozenset({Role.BUREAU}), _is_bureau_admin),
            Entry(_("待审核申请"), "reviews", "clipboard-check", frozenset({Role.BUREAU})),
        ),
    ),
)
TOP_MENU = (
    Entry(_("企业工作台"), "portal", "house-door", ENTERPRISE, _has_enterprise),
    Entry(_("我的政策"), "policies:mine", "bookmark-star", ENTERPRISE, _has_enterprise),
    Entry(_("政策库"), "policies:list", "journal-text", ENTERPRISE),
    Entry(_("科创学堂"), "training:index", "mortarboard", ENTERPRISE),
    Entry(_("我的报名"), "training:mine", "card-checklist", ENTERPRISE, _has_enterprise),
    Entry(_("有求必应"), "servicedesk:list", "chat-square-text", ENTERPRISE, _has_enterprise),
    Entry(_("产品与场景"), "market:mine", "box-seam", ENTERPRISE, _has_enterprise),
    Entry(_("应用场景"), "market:scenarios", "signpost-split", ENTERPRISE),
    Entry(_("融资对接"), "finance:demands", "cash-coin", ENTERPRISE, _has_enterprise),
    Entry(_("精准画像"), "rankings:own_profile", "radar", ENTERPRISE, _has_enterprise),
)

VISITOR_MENU = (
    Entry(_("政策库"), "policies:list", "journal-text", frozenset()),
    Entry(_("申报日历"), "policies:calendar", "calendar3", frozenset()),
    Entry(_("服务工作站"), "mentoring:stations", "geo-alt", frozenset()),
    Entry(_("创新产品"), "market:catalogue", "box-seam", frozenset()),
    Entry(_("应用场景"), "market:scenarios", "signpost-split", frozenset()),
)
"""What a visitor can read before signing in."""


def home_url(user) -> str | None:
    """Where the user's work is: the enterprise portal (or, while a claim on an enterprise is pending, its status), the
    console, the mentor's workbench, the operator's station, the institution's deals; ``None`` for a role without a
    workspace of its own (the home page then says what there is)."""
    if user.role == Role.ENTERPRISE:
        return reverse("portal" if _has_enterprise(user) else "claim_status")
    if user.role == Role.STATION:
        station = station_of(user)
        return reverse("mentoring:station", args=[station.pk]) if station else None
    if user.role == Role.FINANCE:
        return reverse("finance:home") if _has_institution(user) else None
    name = HOMES.get(user.role)
    return reverse(name) if name else None


def _links(entries, user, path: str) -> list[Link]:
    """Links for ``entries``; the one whose address is the longest start of ``path`` is active."""
    hrefs = [entry.href(user) for entry in entries]
    current = max((h for h in hrefs if h != "/" and path.startswith(h)), key=len, default=None)
    return [Link(entry.label, href, entry.icon, href == current) for entry, href in zip(entries, hrefs, strict=True)]


def sidebar_for(user, path: str) -> list[tuple[str, list[Link]]]:
    """The sidebar's groups with the entries ``user`` sees (empty groups left out)."""
    if not user.is_authenticated or user.role == Role.ENTERPRISE:
        return []
    shown = [(group.label, entry) for group in SIDEBAR for entry in group.entries if entry.shown_to(user)]
    groups: dict[str, list[Link]] = {}
    for (label, _entry), link in zip(shown, _links([e for _l, e in shown], user, path), strict=True):
        groups.setdefault(label, []).append(link)
    return list(groups.items())


def top_menu_for(user, path: str) -> list[Link]:
    """The enterprise's top menu, or the visitor's."""
    if not user.is_authenticated:
        return _links(VISITOR_MENU, user, path)
    if user.role != Role.ENTERPRISE:
        return []
    return _links([e for e in TOP_MENU if e.shown_to(user)], user, path)
