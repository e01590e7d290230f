"""API schemas; the profile mirrors docs/profile-format.md."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from gaoqi.core.districts import DISTRICTS
from gaoqi.core.links import MESSAGE, is_web_url

Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
SignedMoney = Annotated[Decimal, Field(max_digits=18, decimal_places=2)]  # SIGNED_YEAR_AMOUNTS of the profile format
Rating = Literal["A", "B", "C", "D", "E", ""]
District = Literal[tuple(code for code, _name in DISTRICTS)]


def _web_url(value: str) -> str:
    if value and not is_web_url(value):
        raise ValueError(str(MESSAGE))
    return value.strip()


WebUrl = Annotated[str, Field(json_schema_extra={"format": "uri"}), AfterValidator(_web_url)]
"""A web address users give: http(s) only (``gaoqi.core.links``); "" where the field is optional."""

MAX_ID = 2**63 - 1
MAX_OFFSET = 1_000_000_000
MAX_COUNT = 2**31 - 1  # PositiveIntegerField on PostgreSQL
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="跳过前若干条")]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


def window(limit: int, offset: int = 0, *, most: int) -> slice:
    """The rows of one page: from ``offset``, ``limit`` of them, held between 1 and ``most``."""
    return slice(offset, offset + max(1, min(limit, most)))


def _local_time(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError(_("请填写不带时区的北京时间时刻，如 22:00"))
    return value


def _moment(value: datetime.datetime) -> datetime.datetime:
    """A naive time is Guangzhou's; an aware one is kept as the same instant in UTC."""
    if not 1900 <= value.year <= 2100:
        raise ValueError(_("年份应在 1900 至 2100 之间"))
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value.astimezone(datetime.UTC)


LocalTime = Annotated[datetime.time, AfterValidator(_local_time)]
Moment = Annotated[datetime.datetime, AfterValidator(_moment)]


class RDIn(Schema):
    personnel: Money | None = None
    direct_inputs: Money | None = None
    depreciation: Money | None = None
    amortization: Money | None = None
    design: Money | None = None
    equipment_trials: Money | None = None
    entrusted_domestic: Money | None = None
    entrusted_overseas: Money | None = None
    other: Money | None = None


class FiscalYearIn(Schema):
    year: int = Field(ge=1990, le=2100)
    sales_revenue: Money | None = None
    total_income: Money | None = None
    hightech_income: Money | None = None
    net_assets_end: SignedMoney | None = None
    total_assets_end: Money | None = None
    employees: Count | None = None
    st_staff: Count | None = None
    rd: RDIn | None = None
    taxable_income: SignedMoney | None = None
    total_costs: Money | None = None


class IPIn(Schema):
    kind: Literal[
        "invention_patent",
        "utility_model",
        "design_patent",
        "software_copyright",
        "plant_variety",
        "crop_variety",
        "new_drug",
        "tcm_protected",
        "ic_layout",
    ]
    granted_on: datetime.date
    acquired_by: Literal["own", "transfer", "gift", "merger"] = "own"
    core: bool = True
    used_before: bool = False
    title: str = Field(default="", max_length=200)
    number: str = Field(default="", max_length=64)


class IncidentIn(Schema):
    kind: Literal["safety", "quality", "environment"]
    on: datetime.date
    major: bool = False


class ManagementIn(Schema):
    rd_system: bool | None = None
    rd_accounting: bool | None = None
    rd_ledger: bool | None = None
    rd_institution: bool | None = None
    cooperation: bool | None = None
    conversion_incentives: bool | None = None
    innovation_platform: bool | None = None
    talent_training: bool | None = None
    talent_incentives: bool | None = None


class SelfRatingIn(Schema):
    advancement: Rating | None = None
    core_support: Rating | None = None


class TsmeRoutesIn(Schema):
    """The stored direct routes; ``hte_certificate`` follows from the certificates and cannot be set."""

    model_config = ConfigDict(extra="forbid")

    national_award_top3: bool | None = None
    provincial_rd_institution: bool | None = None
    led_standard: bool | None = None


class CertificateIn(Schema):
    kind: Literal["hte", "tsme", "specialised", "little_giant", "gazelle", "unicorn"]
    number: str = Field(default="", max_length=64)
    issued_on: datetime.date
    expires_on: datetime.date


class ProfileIn(Schema):
    """A partial profile: keys left out or null are unchanged; lists given replace the stored ones. ``district``
    may only repeat the current one: a change is a reviewed request (``POST /profile/district-change``)."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    district: District | None = None
    tech_field: str | None = Field(default=None, pattern=r"^(10|20|30|40|50|60|70|80)\d{0,3}$")
    industry: str | None = Field(default=None, max_length=5)
    is_manufacturing: bool | None = None
    registered_on: datetime.date | None = None
    application_date: datetime.date | None = None
    standards: bool | None = None
    self_rating: SelfRatingIn | None = None
    tsme_routes: TsmeRoutesIn | None = None
    fiscal_years: list[FiscalYearIn] | None = None
    ip: list[IPIn] | None = None
    conversions: dict[Annotated[str, Field(pattern=r"^\d{4}$")], Count] | None = None
    management: ManagementIn | None = None
    incidents: list[IncidentIn] | None = None
    certificates: list[CertificateIn] | None = None


class DistrictChangeIn(Schema):
    district: District
    reason: str = Field(min_length=1, max_length=300, description="变更理由，如注册地址迁移")


class DistrictChangeOut(Schema):
    id: int
    from_district: str
    to_district: str
    reason: str
    state: str
    created_at: datetime.datetime


class AssessmentSummary(Schema):
    id: int
    enterprise_id: int
    created_at: datetime.datetime
    as_of: datetime.date
    verdict: str
    score_min: Decimal | None
    score_max: Decimal | None
    rulebooks: dict


class AssessmentOut(AssessmentSummary):
    result: dict


class MeOut(Schema):
    username: str
    role: str
    district: str
    enterprise_id: int | None


class Error(Schema):
    code: str
    message: str
    details: dict
