"""Deterministic, Guangzhou-shaped demo data: enterprises, three fiscal years each, IP, and the demo users."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

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
YEARS = (2023, 2024, 2025)

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


def _enterprise(rng: random.Random, i: int, seed: int) -> Enterprise:
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
        registered_on=datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 20)),
        application_date=datetime.date(2026, 6, 30),
        standards=rng.random() < 0.25,
        advancement=rng.choice("AABBBC"),
        core_support=rng.choice("AABBBC"),
    )


def _years(rng: random.Random, e: Enterprise) -> list[FiscalYear]:
    sales = rng.lognormvariate(17.2, 1.3)
    net = sales * rng.uniform(0.3, 1.2)
    rd_ratio, hightech_share = rng.uniform(0.03, 0.1), rng.uniform(0.55, 0.95)
    staff = max(8, int(sales / rng.uniform(4e5, 1.2e6)))
    rows = []
    for year in YEARS:
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


def _ip(rng: random.Random, e: Enterprise) -> list[IPItem]:
    items = []
    kinds = dict(IP_KINDS)
    for n in range(int(rng.lognormvariate(2.0, 0.6))):
        kind = _weighted(rng, kinds)
        items.append(
            IPItem(
                enterprise=e,
                kind=kind,
                title=f"{e.name[2:6]}相关技术{n + 1}",
                granted_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 10)),
                acquired_by="own" if rng.random() < 0.85 else "transfer",
                core=True,
                used_before=rng.random() < 0.2,
            )
        )
    return items


def _certificates(rng: random.Random, e: Enterprise) -> list[Certificate]:
    """About half hold an HTE certificate, issued in one of the last three rounds and valid for three years."""
    if rng.random() >= 0.5:
        return []
    issued = datetime.date(rng.choice((2023, 2024, 2025)), 12, rng.randint(1, 28))
    expires = issued.replace(year=issued.year + 3) - datetime.timedelta(days=1)
    number = f"GR{issued.year}44{rng.randrange(10**6):06d}"
    return [Certificate(enterprise=e, kind=Certificate.Kind.HTE, number=number, issued_on=issued, expires_on=expires)]


def _others(rng: random.Random, e: Enterprise) -> tuple[list, ManagementItems, list, list]:
    conversions = [Conversion(enterprise=e, year=y, count=rng.randint(3, 10)) for y in YEARS]
    management = ManagementItems(enterprise=e, **{k: rng.random() < 0.8 for k, _label in MANAGEMENT_ITEMS})
    incidents = []
    if rng.random() < 0.01:
        incidents.append(Incident(enterprise=e, kind="safety", on=datetime.date(2025, 3, 1), major=rng.random() < 0.3))
    return conversions, management, incidents, _certificates(rng, e)


@transaction.atomic
def _load_chunk(rng: random.Random, start: int, stop: int, seed: int) -> list[Enterprise]:
    enterprises = Enterprise.objects.bulk_create([_enterprise(rng, i, seed) for i in range(start, stop)])
    years, ips, conversions, managements, incidents, certificates = [], [], [], [], [], []
    for e in enterprises:
        years += _years(rng, e)
        ips += _ip(rng, e)
        conv, mgmt, inc, certs = _others(rng, e)
        conversions += conv
        managements.append(mgmt)
        incidents += inc
        certificates += certs
    FiscalYear.objects.bulk_create(years, batch_size=CHUNK)
    IPItem.objects.bulk_create(ips, batch_size=CHUNK)
    Conversion.objects.bulk_create(conversions, batch_size=CHUNK)
    ManagementItems.objects.bulk_create(managements, batch_size=CHUNK)
    Incident.objects.bulk_create(incidents, batch_size=CHUNK)
    Certificate.objects.bulk_create(certificates, batch_size=CHUNK)
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


def demo_load(*, enterprises: int, seed: int, progress=None) -> int:
    """Create ``enterprises`` demo enterprises and the demo users; the same seed gives the same data."""
    rng = random.Random(seed)
    first, mentored = None, []
    for start in range(0, enterprises, CHUNK):
        created = _load_chunk(rng, start, min(start + CHUNK, enterprises), seed)
        if first is None:
            first, mentored = created[0], created[:20]
        if progress:
            progress(start + len(created))
    if first is not None:
        _users(first, mentored)
    return enterprises
