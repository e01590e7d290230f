"""Deterministic, Guangzhou-shaped demo data: enterprises, three fiscal years each, IP, certificates, accounts and the
demo users — all placed relative to the day it is loaded, so the demo means the same on any date: the fiscal years
are the last three completed ones, IP is granted between registration and today, and a certificate is held only
where the rules engine finds the figures support it."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.accounts.passwords import checked_hash
from gaoqi.apps.enterprises.models import (
    MANAGEMENT_ITEMS,
    Certificate,
    Conversion,
    Enterprise,
    FiscalYear,
    Incident,
    IPItem,
    ManagementItems,
    Membership,
    MentorAssignment,
)
from gaoqi.core.roles import Role
from gaoqi.rules.uscc import make_uscc

DEMO_PASSWORD = "gaoqi-demo"
DEMO_DISTRICT = "440112"
CHUNK = 2000
ACCOUNT_SHARE = 0.6  # enterprises registered on the platform (one admin user each)
HTE_TAKE_UP = 0.85  # of the enterprises the rules find eligible, those holding a certificate
TSME_TAKE_UP = 0.6

# Relative weights: Huangpu and Tianhe hold most HTEs, the outer districts few.
DISTRICT_WEIGHTS = {
    "440103": 4,
    "440104": 5,
    "440105": 8,
    "440106": 21,
    "440111": 11,
    "440112": 19,
    "440113": 12,
    "440114": 5,
    "440115": 7,
    "440117": 2,
    "440118": 6,
}
# First-level field → number of second-level fields (Appendix A) and relative weight.
FIELDS = {
    "10": (8, 34),
    "20": (7, 12),
    "30": (2, 2),
    "40": (6, 8),
    "50": (8, 13),
    "60": (4, 6),
    "70": (8, 5),
    "80": (9, 20),
}
IP_KINDS = [("invention_patent", 30), ("utility_model", 35), ("software_copyright", 30), ("design_patent", 5)]
RD_SHARES = {
    "personnel": 0.55,
    "direct_inputs": 0.2,
    "depreciation": 0.08,
    "amortization": 0.02,
    "design": 0.03,
    "equipment_trials": 0.02,
    "entrusted_domestic": 0.05,
    "entrusted_overseas": 0.01,
    "other": 0.04,
}
NAME_HEADS = list("智云华科创联瑞达星海恒汇拓芯光迅明信博远启泰鼎盛")
NAME_TAILS = ["科技", "智能", "生物", "信息技术", "新材料", "电子", "医疗科技", "能源科技", "自动化", "软件"]
DEMO_USERS = [
    ("bureau", Role.BUREAU, ""),
    ("district", Role.DISTRICT, DEMO_DISTRICT),
    ("mentor", Role.MENTOR, ""),
    ("station", Role.STATION, ""),
    ("bank", Role.FINANCE, ""),
    ("enterprise", Role.ENTERPRISE, ""),
]


def _fen(rng_value: float) -> Decimal:
    return Decimal(int(rng_value * 100)).scaleb(-2)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _years_before(today: datetime.date) -> tuple[int, int, int]:
    """The last three completed fiscal years."""
    return today.year - 3, today.year - 2, today.year - 1


def _enterprise(rng: random.Random, i: int, seed: int, today: datetime.date) -> Enterprise:
    district = _weighted(rng, DISTRICT_WEIGHTS) if i else DEMO_DISTRICT
    field = _weighted(rng, {k: w for k, (_n, w) in FIELDS.items()})
    sub = rng.randint(1, FIELDS[field][0])
    body = f"MA{(i * 7919 + seed * 104729) % 1_000_000:06d}"
    return Enterprise(
        uscc=make_uscc("91", district, body),
        name=f"广州{rng.choice(NAME_HEADS)}{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)}有限公司",
        district=district,
        tech_field=f"{field}{sub}",
        is_manufacturing=field in {"40", "60", "80"} and rng.random() < 0.7,
        registered_on=today - datetime.timedelta(days=rng.randrange(400, 365 * 20)),
        application_date=today,
        standards=rng.random() < 0.25,
        advancement=rng.choice("AABBBC"),
        core_support=rng.choice("AABBBC"),
    )


def _years(rng: random.Random, e: Enterprise, years: tuple[int, ...]) -> list[FiscalYear]:
    sales = rng.lognormvariate(17.2, 1.3)
    net = sales * rng.uniform(0.3, 1.2)
    rd_ratio, hightech_share = rng.uniform(0.03, 0.1), rng.uniform(0.55, 0.95)
    staff = max(8, int(sales / rng.uniform(4e5, 1.2e6)))
    rows = []
    for year in years:
        rd = sales * rd_ratio
        fy = FiscalYear(
            enterprise=e,
            year=year,
            sales_revenue=_fen(sales),
            total_income=_fen(sales * 1.04),
            hightech_income=_fen(sales * 1.04 * hightech_share),
            net_assets_end=_fen(net),
            total_assets_end=_fen(net * 1.7),
            employees=staff,
            st_staff=max(1, int(staff * rng.uniform(0.06, 0.4))),
            taxable_income=_fen(sales * rng.uniform(0.02, 0.12)),
            total_costs=_fen(sales * 0.88),
        )
        for cat, share in RD_SHARES.items():
            setattr(fy, f"rd_{cat}", _fen(rd * share))
        rows.append(fy)
        growth = rng.gauss(0.25, 0.15)
        sales, net = sales * (1 + growth), net * (1 + growth * 0.8)
    return rows


def _ip(rng: random.Random, e: Enterprise, today: datetime.date) -> list[IPItem]:
    """IP granted between registration and today."""
    items = []
    kinds = dict(IP_KINDS)
    span = max((today - e.registered_on).days, 1)
    for n in range(int(rng.lognormvariate(2.0, 0.6))):
        kind = _weighted(rng, kinds)
        items.append(
            IPItem(
                enterprise=e,
                kind=kind,
                title=f"{e.name[2:6]}相关技术{n + 1}",
                granted_on=e.registered_on + datetime.timedelta(days=rng.randrange(span)),
                acquired_by="own" if rng.random() < 0.85 else "transfer",
                core=True,
                used_before=rng.random() < 0.2,
            )
        )
    return items


def _hte_certificate(rng: random.Random, e: Enterprise, today: datetime.date) -> Certificate:
    """Issued in one of the last three December rounds after a year of registration, valid for three years."""
    rounds = [year for year in range(today.year - 3, today.year) if datetime.date(year, 12, 1) > e.registered_on]
    issued = datetime.date(rng.choice(rounds or [today.year - 1]), 12, rng.randint(1, 28))
    expires = issued.replace(year=issued.year + 3) - datetime.timedelta(days=1)
    number = f"GR{issued.year}44{rng.randrange(10**6):06d}"
    return Certificate(enterprise=e, kind=Certificate.Kind.HTE, number=number, issued_on=issued, expires_on=expires)


def _tsme_certificate(rng: random.Random, e: Enterprise, today: datetime.date) -> Certificate:
    issued = datetime.date(today.year, 1, 1) + datetime.timedelta(days=rng.randrange(max(today.timetuple().tm_yday, 1)))
    number = f"{today.year}4401{rng.randrange(10**8):08d}"
    expires = datetime.date(today.year, 12, 31)
    return Certificate(enterprise=e, kind=Certificate.Kind.TSME, number=number, issued_on=issued, expires_on=expires)


def _certificates(rng: random.Random, enterprises: list[Enterprise], today: datetime.date) -> list[Certificate]:
    """Certificates only where the rules engine, given the figures, finds the enterprise eligible."""
    from gaoqi.apps.enterprises.profile import profiles_as_dicts
    from gaoqi.rules.api import assess_batch

    results = assess_batch(profiles_as_dicts([e.pk for e in enterprises], today), as_of=today)
    certificates = []
    for e, result in zip(enterprises, results, strict=True):
        if result["hte"]["eligible"] and rng.random() < HTE_TAKE_UP:
            certificates.append(_hte_certificate(rng, e, today))
        elif result["tsme"]["eligible"] and rng.random() < TSME_TAKE_UP:
            certificates.append(_tsme_certificate(rng, e, today))
    return certificates


def _others(rng: random.Random, e: Enterprise, years: tuple[int, ...]) -> tuple[list, ManagementItems, list]:
    conversions = [Conversion(enterprise=e, year=y, count=rng.randint(3, 10)) for y in years]
    management = ManagementItems(enterprise=e, **{k: rng.random() < 0.8 for k, _label in MANAGEMENT_ITEMS})
    incidents = []
    if rng.random() < 0.01:
        on = datetime.date(years[-1], 3, 1)
        incidents.append(Incident(enterprise=e, kind="safety", on=on, major=rng.random() < 0.3))
    return conversions, management, incidents


def _accounts(rng: random.Random, enterprises: list[Enterprise], password: str) -> None:
    """An admin user (``qy<id>``) for the share of enterprises registered on the platform."""
    User = get_user_model()
    registered = [e for e in enterprises if rng.random() < ACCOUNT_SHARE]
    users = User.objects.bulk_create(
        [User(username=f"qy{e.pk}", role=Role.ENTERPRISE, password=password) for e in registered]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, enterprise=e, is_admin=True) for u, e in zip(users, registered, strict=True)]
    )


@transaction.atomic
def _load_chunk(rng: random.Random, start: int, stop: int, seed: int, today: datetime.date, password: str):
    enterprises = Enterprise.objects.bulk_create([_enterprise(rng, i, seed, today) for i in range(start, stop)])
    years = _years_before(today)
    rows, ips, conversions, managements, incidents = [], [], [], [], []
    for e in enterprises:
        rows += _years(rng, e, years)
        ips += _ip(rng, e, today)
        conv, mgmt, inc = _others(rng, e, years)
        conversions += conv
        managements.append(mgmt)
        incidents += inc
    FiscalYear.objects.bulk_create(rows, batch_size=CHUNK)
    IPItem.objects.bulk_create(ips, batch_size=CHUNK)
    Conversion.objects.bulk_create(conversions, batch_size=CHUNK)
    ManagementItems.objects.bulk_create(managements, batch_size=CHUNK)
    Incident.objects.bulk_create(incidents, batch_size=CHUNK)
    Certificate.objects.bulk_create(_certificates(rng, enterprises, today), batch_size=CHUNK)
    _accounts(rng, enterprises[1:], password)
    return enterprises


@transaction.atomic
def _users(first: Enterprise, mentored: list[Enterprise]) -> None:
    User = get_user_model()
    password = checked_hash(DEMO_PASSWORD)
    users = {}
    for username, role, district in DEMO_USERS:
        users[username], _created = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "district": district,
                "password": password,
                "is_staff": role == Role.BUREAU,
            },
        )
    Membership.objects.update_or_create(user=users["enterprise"], defaults={"enterprise": first, "is_admin": True})
    MentorAssignment.objects.bulk_create(
        [MentorAssignment(mentor=users["mentor"], enterprise=e) for e in mentored], ignore_conflicts=True
    )


def demo_load(*, enterprises: int, seed: int, progress=None, today: datetime.date | None = None) -> int:
    """Create ``enterprises`` demo enterprises and the demo users; the same seed and day give the same data."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    password = checked_hash(DEMO_PASSWORD)
    first, mentored = None, []
    for start in range(0, enterprises, CHUNK):
        created = _load_chunk(rng, start, min(start + CHUNK, enterprises), seed, today, password)
        if first is None:
            first, mentored = created[0], created[:20]
        if progress:
            progress(start + len(created))
    if first is not None:
        _users(first, mentored)
    return enterprises
