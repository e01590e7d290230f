"""The indicator columns of every enterprise, read in a few queries: the latest two fiscal years, invention patents,
equity rounds of the last three years and contest awards of the last three years, turned into the exact scaled
integers ``gaoqi.rules.indicators`` scores."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import polars as pl
from django.db import connection
from django.db.models import BigIntegerField, Count, F, Max, Sum
from django.db.models.functions import Cast, Round

from gaoqi.apps.enterprises.models import ContestResult, Enterprise, EquityRound, FiscalYear, IPItem
from gaoqi.rules.criteria import SCALE, Column

RD = (
    "rd_personnel",
    "rd_direct_inputs",
    "rd_depreciation",
    "rd_amortization",
    "rd_design",
    "rd_equipment_trials",
    "rd_entrusted_domestic",
    "rd_entrusted_overseas",
    "rd_other",
)
MONEY = ("sales_revenue", "total_income", "hightech_income", *RD)
COUNTS = ("employees", "st_staff")
WINDOW_YEARS = 3


@dataclass(frozen=True)
class Population:
    """Every enterprise in id order with its district, field and indicator columns."""

    ids: np.ndarray
    names: list[str]
    districts: np.ndarray
    fields: np.ndarray
    columns: dict[str, Column]
    employees: np.ndarray  # of the latest fiscal year, -1 unknown

    @property
    def size(self) -> int:
        return len(self.ids)

    def rows_of(self, ids) -> np.ndarray:
        """Row numbers of the enterprise ids given (those present)."""
        return np.flatnonzero(np.isin(self.ids, np.fromiter(ids, dtype=np.int64)))


def fen_column(values: list) -> pl.Series:
    return pl.Series(values, dtype=pl.Decimal(20, 2)).to_physical().cast(pl.Int64)


def in_fen(name: str) -> Cast:
    """An amount in yuan (two decimals) read as whole fen by the database: exact, and no Decimal objects to build
    for every row (rounding only undoes the binary floating point SQLite keeps amounts in)."""
    return Cast(Round(F(name) * 100), BigIntegerField())


def _years(today: dt.date) -> pl.DataFrame:
    fields = ("enterprise_id", "year", *MONEY, *COUNTS)
    query = (
        FiscalYear.objects.filter(year__gte=today.year - WINDOW_YEARS)
        .order_by()
        .values_list("enterprise_id", "year", *(in_fen(name) for name in MONEY), *COUNTS)
    )
    with connection.cursor() as cursor:  # every column is an integer already: no per-value converters
        cursor.execute(*query.query.sql_with_params())
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) or [()] * len(fields)
    frame = pl.DataFrame(
        {name: pl.Series(values, dtype=pl.Int64) for name, values in zip(fields, columns, strict=True)}
    )
    rd_parts = [pl.col(name) for name in RD]
    return frame.with_columns(
        rd_total=pl.when(pl.all_horizontal(p.is_not_null() for p in rd_parts)).then(pl.sum_horizontal(rd_parts))
    ).sort("enterprise_id", "year")


def _ratio(num: pl.Expr, den: pl.Expr) -> pl.Expr:
    """num ÷ den in ten-thousandths, rounded down exactly; unknown where either is unknown or den ≤ 0."""
    return pl.when(den > 0).then((num * SCALE).floordiv(den))


def _fiscal_columns(years: pl.DataFrame) -> pl.DataFrame:
    latest = years.group_by("enterprise_id").agg(pl.all().last())
    previous = (
        years.join(latest.select("enterprise_id", latest_year="year"), on="enterprise_id")
        .filter(pl.col("year") == pl.col("latest_year") - 1)
        .select("enterprise_id", previous_sales="sales_revenue")
    )
    return latest.join(previous, on="enterprise_id", how="left").select(
        "enterprise_id",
        "employees",
        rd_intensity=_ratio(pl.col("rd_total"), pl.col("sales_revenue")),
        revenue_growth=_ratio(pl.col("sales_revenue") - pl.col("previous_sales"), pl.col("previous_sales")),
        hightech_share=_ratio(pl.col("hightech_income"), pl.col("total_income")),
        st_staff_ratio=_ratio(pl.col("st_staff"), pl.col("employees")),
    )


def _aggregate(queryset, value: str, aggregate) -> pl.DataFrame:
    rows = list(queryset.order_by().values("enterprise_id").annotate(v=aggregate).values_list("enterprise_id", "v"))
    ids, values = (list(part) for part in zip(*rows, strict=True)) if rows else ([], [])
    return pl.DataFrame({"enterprise_id": pl.Series(ids, dtype=pl.Int64), value: pl.Series(values)})


def _column(frame: pl.DataFrame, name: str) -> Column:
    series = frame[name]
    return Column(series.fill_null(0).cast(pl.Int64).to_numpy(), series.is_not_null().to_numpy())


def load_population(*, today: dt.date) -> Population:
    """Columns for every enterprise, in id order."""
    base = list(Enterprise.objects.order_by("pk").values_list("pk", "name", "district", "tech_field"))
    ids, names, districts, fields = (list(part) for part in zip(*base, strict=True)) if base else ([], [], [], [])
    frame = pl.DataFrame({"enterprise_id": pl.Series(ids, dtype=pl.Int64)})
    frame = frame.join(_fiscal_columns(_years(today)), on="enterprise_id", how="left")
    since = today.replace(year=today.year - WINDOW_YEARS)
    patents = _aggregate(IPItem.objects.filter(kind=IPItem.Kind.INVENTION_PATENT), "patents", Count("pk"))
    financing = _aggregate(EquityRound.objects.filter(closed_on__gt=since), "financing", Sum("amount"))
    awards = _aggregate(ContestResult.objects.filter(year__gt=today.year - WINDOW_YEARS), "awards", _award_points())
    for extra in (patents, financing, awards):
        frame = frame.join(extra, on="enterprise_id", how="left")
    frame = frame.with_columns(
        invention_per_100=pl.when(pl.col("employees") > 0).then(
            (pl.col("patents").fill_null(0) * 100 * SCALE).floordiv(pl.col("employees"))
        ),
        financing=(fen_column(frame["financing"].to_list()).fill_null(0) * (SCALE // 100)),
        awards=pl.col("awards").fill_null(0).cast(pl.Int64) * SCALE,
    ).sort("enterprise_id")
    keys = ("rd_intensity", "invention_per_100", "revenue_growth", "hightech_share", "st_staff_ratio")
    columns = {key: _column(frame, key) for key in (*keys, "financing", "awards")}
    return Population(
        np.array(ids, dtype=np.int64),
        names,
        np.array(districts, dtype=object),
        np.array(fields, dtype=object),
        columns,
        frame["employees"].fill_null(-1).cast(pl.Int64).to_numpy(),
    )


def _award_points():
    """The best award of the window: level (1–4) × rank (1–5)."""
    return Max(F("level") * F("award"))


def decimal_of(column: Column, row: int) -> Decimal | None:
    return Decimal(int(column.values[row])) / SCALE if column.known[row] else None
