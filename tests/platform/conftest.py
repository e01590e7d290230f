"""The fixed cast for platform tests: two enterprises in two districts and everyone around them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from gaoqi.apps.assessments.engine import summary
from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import (
    Conversion,
    Enterprise,
    FiscalYear,
    IPItem,
    ManagementItems,
    Membership,
    MentorAssignment,
)
from gaoqi.core.roles import Role
from gaoqi.rules.hte.conditions import CONDITION_IDS
from gaoqi.rules.profile import RD_CATEGORIES
from gaoqi.rules.uscc import make_uscc
from tests.platform.browser import page  # noqa: F401  (fixture for every browser test)

PASSWORD = "correct-horse-battery-9"
HUANGPU, TIANHE = "440112", "440106"
OWNER_USCC, OUTSIDER_USCC = make_uscc("91", HUANGPU, "MA59ABCD"), make_uscc("91", TIANHE, "MA5XYW12")


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser, with a password the validators accept."""
    return django_user_model.objects.create_superuser("admin", "admin@example.cn", PASSWORD)


def _user(username, role, district=""):
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, role=role, district=district, email=f"{username}@example.cn"
    )


def complete_years(enterprise, years=(2023, 2024, 2025)):
    rows = []
    for i, year in enumerate(years):
        sales = Decimal(30_000_000 + i * 5_000_000)
        fy = FiscalYear(
            enterprise=enterprise,
            year=year,
            sales_revenue=sales,
            total_income=sales + 1_000_000,
            hightech_income=sales * Decimal("0.8"),
            net_assets_end=Decimal(20_000_000 + i * 3_000_000),
            total_assets_end=Decimal(40_000_000),
            employees=120,
            st_staff=30,
            taxable_income=Decimal(3_000_000),
            total_costs=Decimal(25_000_000),
        )
        for cat in RD_CATEGORIES:
            setattr(fy, f"rd_{cat}", sales * Decimal("0.006"))
        rows.append(fy)
    FiscalYear.objects.bulk_create(rows)


def _enterprise(uscc, name, district):
    e = Enterprise.objects.create(
        uscc=uscc,
        name=name,
        district=district,
        tech_field="10101",
        registered_on=datetime.date(2015, 3, 1),
        application_date=datetime.date(2026, 6, 30),
        advancement="B",
        core_support="B",
    )
    ManagementItems.objects.create(enterprise=e, rd_system=True, rd_accounting=True, rd_ledger=True)
    return e


@pytest.fixture
def cast(db):
    """owner & colleague of 华芯, outsider of 天河云, mentors, district staff of both districts, bureau, station."""
    ours = _enterprise(OWNER_USCC, "广州华芯科技有限公司", HUANGPU)
    theirs = _enterprise(OUTSIDER_USCC, "广州天河云软件有限公司", TIANHE)
    complete_years(ours)
    IPItem.objects.create(enterprise=ours, kind="invention_patent", granted_on=datetime.date(2022, 5, 1))
    Conversion.objects.create(enterprise=ours, year=2025, count=3)
    people = {
        "owner": _user("owner", Role.ENTERPRISE),
        "colleague": _user("colleague", Role.ENTERPRISE),
        "outsider": _user("outsider", Role.ENTERPRISE),
        "mentor": _user("mentor", Role.MENTOR),
        "other_mentor": _user("other_mentor", Role.MENTOR),
        "district": _user("district", Role.DISTRICT, HUANGPU),
        "other_district": _user("other_district", Role.DISTRICT, TIANHE),
        "bureau": _user("bureau", Role.BUREAU),
        "station": _user("station", Role.STATION),
    }
    people["bureau"].is_staff = True
    people["bureau"].save(update_fields=["is_staff"])
    Membership.objects.create(user=people["owner"], enterprise=ours, is_admin=True)
    Membership.objects.create(user=people["colleague"], enterprise=ours)
    Membership.objects.create(user=people["outsider"], enterprise=theirs, is_admin=True)
    MentorAssignment.objects.create(mentor=people["mentor"], enterprise=ours)
    return type("Cast", (), {"ours": ours, "theirs": theirs, **people})


def canned_result(eligible=True, status="pass"):
    conditions = [
        {
            "id": cid,
            "label": cid,
            "status": status,
            "value": "1",
            "threshold": "1",
            "explanation": f"{cid} 说明",
            "reference": "国科发火〔2016〕32号 第十一条",
        }
        for cid in CONDITION_IDS
    ]
    part = {"min": 10, "max": 20}
    return {
        "as_of": "2026-06-30",
        "rulebooks": {"hte": "sha256:abc"},
        "hte": {
            "eligible": eligible,
            "conditions": conditions,
            "rd_ratio": "0.054",
            "score": {
                "ip": part,
                "conversion": part,
                "management": part,
                "growth": part,
                "total": {"min": 72, "max": 81},
            },
        },
        "tsme": {"eligible": True, "score": 75, "direct_route": None},
        "rd_deduction": {
            "year": 2025,
            "rate": "1",
            "base": "100.00",
            "extra_deduction": "100.00",
            "tax_value": "25.00",
        },
        "benefits": {"hte_tax_saving": "300000.00", "total": "300025.00", "basis": "按应纳税所得额测算"},
        "gaps": [
            {
                "condition": "st_staff_ratio",
                "action": "hire_st_staff",
                "description": "科技人员再增加 3 人",
                "quantity": "3",
                "unit": "人",
                "estimated_cost": "450000.00",
                "score_gain": None,
                "reference": "第十一条（四）",
                "available_from": None,
            }
        ],
    }


@pytest.fixture
def make_assessment(db):
    """Store an assessment with a canned result, as the engine would have produced it."""

    def make(enterprise, eligible=True, status="pass"):
        Assessment.objects.filter(enterprise=enterprise).update(is_latest=False)
        result = canned_result(eligible, status)
        return Assessment.objects.create(enterprise=enterprise, result=result, **summary(result))

    return make


@pytest.fixture
def report(cast, make_assessment):
    """A stored assessment of our enterprise."""
    return make_assessment(cast.ours)


@pytest.fixture
def run_worker(monkeypatch):
    """Drain every task queue through the real db_worker command.

    The worker closes connections whose autocommit differs from the settings; inside a test transaction on
    PostgreSQL that would drop the test's own connection, so that one call is neutralised.
    """
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    return lambda: call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False, verbosity=0)
