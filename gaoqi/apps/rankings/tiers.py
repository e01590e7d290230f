"""Each enterprise's tier in a year, from certificates in force, its listing, three completed fiscal years and its
invention patents (the rules in ``gaoqi.rules.tiers``), stored as one ``TierSnapshot`` per enterprise and year with
what it still misses for the next tier: the 科创属性 or 瞪羚 conditions, the HTE gap plan of its latest
self-assessment, or 科技型中小企业 registration where the assessment finds it eligible."""

import datetime as dt

import numpy as np
import polars as pl
from django.db import transaction
from django.db.models import Count

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import Certificate, Enterprise, FiscalYear, IPItem, valid_certificates
from gaoqi.apps.rankings.columns import RD, fen_column
from gaoqi.apps.rankings.models import TierSnapshot
from gaoqi.rules import tiers as rules

CERTIFICATES = {
    "tsme_certificate": (Certificate.Kind.TSME,),
    "hte_certificate": (Certificate.Kind.HTE,),
    "specialised_certificate": (Certificate.Kind.SPECIALISED, Certificate.Kind.LITTLE_GIANT),
    "gazelle_certificate": (Certificate.Kind.GAZELLE, Certificate.Kind.UNICORN),
}
TSME_READY = "完成科技型中小企业评价入库登记（最新自评符合条件）"
MAX_HTE_GAPS = 3


def as_of(year: int, today: dt.date) -> dt.date:
    """The day a year's tier is judged on: its last day, or today for the current year."""
    return min(dt.date(year, 12, 31), today)


def _held(ids: np.ndarray, kinds, on: dt.date) -> np.ndarray:
    holders = set()
    for kind in kinds:
        holders.update(valid_certificates(kind, on).values_list("enterprise_id", flat=True))
    return np.isin(ids, np.fromiter(holders, dtype=np.int64, count=len(holders)))


def _years(ids: np.ndarray, year: int) -> dict[str, np.ndarray]:
    """Revenue of the three fiscal years before ``year`` (oldest first), their R&D in total (a blank category counts
    as nothing) and the S&T staff share of the latest, in yuan and ratios × SCALE; -1 where a year is missing."""
    fields = ("enterprise_id", "year", "sales_revenue", "employees", "st_staff", *RD)
    rows = FiscalYear.objects.filter(year__gte=year - 3, year__lte=year - 1).order_by().values_list(*fields)
    columns = list(zip(*rows, strict=True)) or [()] * len(fields)
    data = dict(zip(fields, columns, strict=True))
    frame = pl.DataFrame(
        {
            "enterprise_id": pl.Series(data["enterprise_id"], dtype=pl.Int64),
            "year": pl.Series(data["year"], dtype=pl.Int64),
            "sales": fen_column(list(data["sales_revenue"])) * 100,
            "employees": pl.Series(data["employees"], dtype=pl.Int64),
            "st_staff": pl.Series(data["st_staff"], dtype=pl.Int64),
            **{name: fen_column(list(data[name])) for name in RD},
        }
    ).with_columns(rd=pl.sum_horizontal([pl.col(name) for name in RD]) * 100)
    out = {}
    base = pl.DataFrame({"enterprise_id": pl.Series(ids, dtype=pl.Int64)})
    for offset, name in ((3, "revenue_y1"), (2, "revenue_y2"), (1, "revenue_y3")):
        part = frame.filter(pl.col("year") == year - offset).select("enterprise_id", "sales")
        out[name] = base.join(part, on="enterprise_id", how="left")["sales"].fill_null(-1).to_numpy()
    rd = frame.group_by("enterprise_id").agg(pl.col("rd").sum(), pl.len().alias("n"))
    rd_joined = base.join(rd, on="enterprise_id", how="left")
    out["rd_3y"] = np.where(rd_joined["n"].fill_null(0).to_numpy() == 3, rd_joined["rd"].fill_null(-1).to_numpy(), -1)
    latest = frame.filter(pl.col("year") == year - 1).select(
        "enterprise_id",
        ratio=pl.when(pl.col("employees") > 0).then(pl.col("st_staff") * rules.SCALE // pl.col("employees")),
    )
    out["rd_staff_ratio"] = base.join(latest, on="enterprise_id", how="left")["ratio"].fill_null(-1).to_numpy()
    return out


def tier_inputs(on: dt.date) -> tuple[np.ndarray, list, list, dict[str, np.ndarray]]:
    """``(ids, districts, fields, inputs)`` of every enterprise on day ``on``."""
    base = list(
        Enterprise.objects.order_by("pk").values_list(
            "pk", "district", "tech_field", "registered_on", "listed_on", "valuation"
        )
    )
    ids = np.array([row[0] for row in base], dtype=np.int64)
    inputs = {name: _held(ids, kinds, on) for name, kinds in CERTIFICATES.items()}
    inputs["listed"] = np.array([row[4] is not None and row[4] <= on for row in base], dtype=bool)
    inputs["age_years"] = np.array([_age(row[3], on) for row in base], dtype=np.int64)
    inputs["valuation"] = np.array(
        [-1 if row[5] is None else int(row[5] * rules.SCALE) for row in base], dtype=np.int64
    )
    inputs |= _years(ids, on.year)
    patents = dict(
        IPItem.objects.filter(kind=IPItem.Kind.INVENTION_PATENT, granted_on__lte=on)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
    )
    inputs["invention_patents"] = np.array([patents.get(int(i), 0) for i in ids], dtype=np.int64)
    return ids, [row[1] for row in base], [row[2] for row in base], inputs


def _age(registered: dt.date | None, on: dt.date) -> int:
    if registered is None:
        return -1
    return on.year - registered.year - ((on.month, on.day) < (registered.month, registered.day))


def _assessment_gaps(ids: list[int]) -> dict[int, tuple[bool, list[str]]]:
    """Per enterprise: whether its latest self-assessment finds it a 科技型中小企业, and its HTE gap plan."""
    latest = Assessment.objects.filter(enterprise_id__in=ids, is_latest=True).values_list("enterprise_id", "result")
    found = {}
    for enterprise_id, result in latest:
        tsme = (result or {}).get("tsme") or {}
        gaps = [gap.get("description", "") for gap in (result or {}).get("gaps") or [] if gap.get("description")]
        found[enterprise_id] = (tsme.get("eligible") is True, gaps)
    return found


def _missing(ids, tier, inputs) -> list[list[str]]:
    missing = rules.missing(inputs, tier)
    waiting = [int(ids[row]) for row in np.flatnonzero((tier == rules.NONE) | (tier == rules.TSME))]
    assessed = _assessment_gaps(waiting)
    for row in np.flatnonzero((tier == rules.NONE) | (tier == rules.TSME)):
        tsme_ok, gaps = assessed.get(int(ids[row]), (False, []))
        if tier[row] == rules.NONE and tsme_ok:
            missing[row] = [TSME_READY]
        elif tier[row] == rules.TSME and gaps:
            missing[row] = gaps
    return missing


@transaction.atomic
def take_snapshots(*, year: int, today: dt.date) -> int:
    """Judge every enterprise's tier for ``year`` and store it (replacing that year's snapshots); returns how many."""
    on = as_of(year, today)
    ids, districts, fields, inputs = tier_inputs(on)
    tier = rules.tiers(inputs)
    missing = _missing(ids, tier, inputs)
    TierSnapshot.objects.filter(year=year).delete()
    TierSnapshot.objects.bulk_create(
        [
            TierSnapshot(
                enterprise_id=int(ids[row]),
                year=year,
                tier=int(tier[row]),
                district=districts[row],
                tech_field=fields[row],
                missing=missing[row],
                taken_on=on,
            )
            for row in range(len(ids))
        ],
        batch_size=5000,
    )
    return len(ids)
