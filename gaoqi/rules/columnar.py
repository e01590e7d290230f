"""A fast columnar reader for JSON-lines profiles (Polars), producing the same tables as ``profile.py``.

It accepts only what it can check in bulk: plain decimal strings or numbers for amounts, ISO dates, known
codes. Anything else makes it decline (return None), and the caller reads those lines one by one with the
validating reader, which gives each invalid line its precise, field-named error.
"""

import datetime as dt

import numpy as np
import polars as pl

from gaoqi.rules.engine import Tables
from gaoqi.rules.profile import (
    ACQUISITION,
    EPOCH,
    FLAGS,
    GRADES,
    HEADCOUNTS,
    INCIDENT_KINDS,
    IP_KINDS,
    MANAGEMENT_ITEMS,
    RD_CATEGORIES,
    SIGNED_YEAR_AMOUNTS,
    TSME_ROUTES,
    YEAR_AMOUNTS,
)
from gaoqi.rules.uscc import USCCError, validate_uscc

S, B = pl.String, pl.Boolean
FISCAL_YEAR = pl.Struct(
    {
        "year": pl.Int64,
        **dict.fromkeys(YEAR_AMOUNTS, S),
        **dict.fromkeys(HEADCOUNTS, S),
        "rd": pl.Struct(dict.fromkeys(RD_CATEGORIES, S)),
    }
)
IP_ITEM = pl.Struct({"kind": S, "granted_on": S, "expires_on": S, "acquired_by": S, "core": B, "used_before": B})
INCIDENT = pl.Struct({"kind": S, "on": S, "major": B})
SCHEMA = {
    **dict.fromkeys(("name", "uscc", "registered_on", "district", "tech_field", "industry", "application_date"), S),
    **dict.fromkeys(FLAGS, B),
    "fiscal_years": pl.List(FISCAL_YEAR),
    "ip": pl.List(IP_ITEM),
    "conversions": S,
    "management": pl.Struct(dict.fromkeys(MANAGEMENT_ITEMS, B)),
    "self_rating": pl.Struct({"advancement": S, "core_support": S}),
    "incidents": pl.List(INCIDENT),
    "tsme_routes": pl.Struct(dict.fromkeys(TSME_ROUTES, B)),
}
AMOUNT = r"^-?\d{1,12}(\.\d{1,2})?$"
HEADCOUNT = r"^\d{1,8}(\.\d{1,2})?$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
PAIR = r'"(\d{4})"\s*:\s*(\d{1,9})'
CONVERSIONS = r"^\{\s*(" + PAIR + r"\s*(,\s*" + PAIR + r"\s*)*)?\}$"
NO_EXPIRY = 1 << 40


class Declined(Exception):
    """The fast reader cannot vouch for this input; read it line by line instead."""


def _require(ok: pl.Series | bool) -> None:
    if isinstance(ok, pl.Series):
        ok = bool(ok.fill_null(True).all())
    if not ok:
        raise Declined


def _hundredths(text: pl.Series) -> pl.Series:
    """Validated decimal strings (at most two places) → exact integers in hundredths."""
    return text.cast(pl.Decimal(38, 2)).to_physical().cast(pl.Int64)


def _fen(column: pl.Series, *, signed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Decimal strings → exact integer fen, and where a value was given."""
    text = column.str.strip_chars()
    _require(text.str.contains(AMOUNT))
    if not signed:
        _require(~text.str.starts_with("-"))
    fen = _hundredths(text).fill_null(0).to_numpy()
    return fen.astype(np.int64), column.is_not_null().to_numpy()


def _centi(column: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    text = column.str.strip_chars()
    _require(text.str.contains(HEADCOUNT))
    centi = _hundredths(text).fill_null(0)
    _require(centi <= 1_000_000_000)
    return centi.to_numpy().astype(np.int64), column.is_not_null().to_numpy()


def _days(column: pl.Series, *, required=False) -> tuple[np.ndarray, np.ndarray]:
    text = _blank_to_null(column.str.strip_chars())
    _require(text.str.contains(DATE))
    dates = text.str.to_date("%Y-%m-%d", strict=False)
    _require((dates.is_not_null() | text.is_null()).all())
    if required:
        _require(text.is_not_null().all())
    days = dates.cast(pl.Int64).fill_null(0).to_numpy().astype(np.int64)
    return days, text.is_not_null().to_numpy()


def _blank_to_null(column: pl.Series) -> pl.Series:
    return pl.select(pl.when(column == "").then(None).otherwise(column)).to_series()


def _codes(column: pl.Series, options: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    _require(column.is_in(list(options)) | column.is_null())
    index = column.replace_strict(options, list(range(len(options))), default=0, return_dtype=pl.Int64)
    return index.to_numpy().astype(np.int64), column.is_not_null().to_numpy()


def _bools(column: pl.Series, default: bool) -> tuple[np.ndarray, np.ndarray]:
    return column.fill_null(default).to_numpy().astype(bool), column.is_not_null().to_numpy()


class _Builder:
    def __init__(self, size: int):
        self.tables = Tables(size=size)

    def put(self, name: str, values: np.ndarray, known: np.ndarray | None = None) -> None:
        self.tables.columns[name] = values
        if known is not None and not known.all():
            self.tables.known[name] = known

    def starts(self, entity: str, lengths: pl.Series) -> None:
        counts = lengths.fill_null(0).to_numpy().astype(np.int64)
        self.tables.starts[entity] = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def _text(column: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    stripped = column.str.strip_chars()
    known = (stripped.is_not_null() & (stripped != "")).to_numpy()
    return np.array(stripped.fill_null("").to_list(), dtype=object), known


def _enterprise(b: _Builder, df: pl.DataFrame, default_day: int) -> None:
    for key in ("name", "uscc", "district", "tech_field", "industry"):
        values, known = _text(df[key])
        if key == "uscc":
            try:
                values = np.array([validate_uscc(code) if code else "" for code in values], dtype=object)
            except USCCError:
                raise Declined from None
        b.put(key, values, known)
    b.put("registered_on", *_days(df["registered_on"]))
    application, given = _days(df["application_date"])
    b.put("application_day", np.where(given, application, default_day).astype(np.int64))
    for flag in FLAGS:
        b.put(flag, *_bools(df[flag], False))
    rating = df["self_rating"].struct.unnest()
    for key in ("advancement", "core_support"):
        b.put(f"rating_{key}", *_codes(rating[key], tuple(GRADES)))
    management = df["management"].struct.unnest()
    for item in MANAGEMENT_ITEMS:
        values, known = _bools(management[item], False)
        b.put(f"management_{item}", values, known)
    routes = df["tsme_routes"].struct.unnest()
    for route in TSME_ROUTES:
        b.put(f"tsme_routes_{route}", routes[route].fill_null(False).to_numpy().astype(bool))
    for key, flag in (
        ("fiscal_years", "fiscal_years_reported"),
        ("ip", "ip_reported"),
        ("incidents", "incidents_reported"),
    ):
        b.put(flag, df[key].is_not_null().to_numpy())
    b.put("conversions_reported", df["conversions"].is_not_null().to_numpy())


def _fiscal_years(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("fiscal_year", df["fiscal_years"].list.len())
    rows = df.select(pl.int_range(pl.len()).alias("owner"), "fiscal_years").explode("fiscal_years")
    rows = rows.filter(pl.col("fiscal_years").is_not_null()).unnest("fiscal_years")
    _require(rows["year"].is_not_null() & rows["year"].is_between(1990, 2100))
    _require(not rows.select(pl.struct("owner", "year").is_duplicated().any()).item())
    b.put("fy_year", rows["year"].to_numpy().astype(np.int64))
    for key in YEAR_AMOUNTS:
        b.put(key, *_fen(rows[key], signed=key in SIGNED_YEAR_AMOUNTS))
    for key in HEADCOUNTS:
        b.put(key, *_centi(rows[key]))
    rd_given = rows["rd"].is_not_null().to_numpy()
    rd = rows["rd"].struct.unnest()
    for key in RD_CATEGORIES:
        fen, _ = _fen(rd[key], signed=False)
        b.put(f"rd_{key}", fen, rd_given)


def _ip(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("ip", df["ip"].list.len())
    rows = df.select("ip").explode("ip").filter(pl.col("ip").is_not_null()).unnest("ip")
    _require(rows["kind"].is_not_null())
    b.put("ip_kind", _codes(rows["kind"], IP_KINDS)[0])
    b.put("ip_granted_day", *_days(rows["granted_on"]))
    expires, given = _days(rows["expires_on"])
    b.put("ip_expires_day", np.where(given, expires, NO_EXPIRY).astype(np.int64))
    b.put("ip_acquired_by", *_codes(rows["acquired_by"], ACQUISITION))
    b.put("ip_core", *_bools(rows["core"], False))
    b.put("ip_used_before", rows["used_before"].fill_null(False).to_numpy().astype(bool))


def _conversions(b: _Builder, df: pl.DataFrame) -> None:
    text = df["conversions"]
    _require(text.str.contains(CONVERSIONS))
    pairs = text.str.extract_all(PAIR)
    b.starts("conversion", pairs.list.len())
    flat = pairs.explode().drop_nulls()
    years = flat.str.extract(PAIR, 1).cast(pl.Int64)
    counts = flat.str.extract(PAIR, 2).cast(pl.Int64)
    _require(years.is_between(1990, 2100))
    b.put("conversion_year", years.to_numpy().astype(np.int64))
    b.put("conversion_count", counts.to_numpy().astype(np.int64))


def _incidents(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("incident", df["incidents"].list.len())
    rows = df.select("incidents").explode("incidents").filter(pl.col("incidents").is_not_null()).unnest("incidents")
    _require(rows["kind"].is_not_null())
    b.put("incident_kind", _codes(rows["kind"], INCIDENT_KINDS)[0])
    b.put("incident_day", _days(rows["on"], required=True)[0])
    b.put("incident_major", rows["major"].fill_null(True).to_numpy().astype(bool))


def read_jsonl(data: bytes, default_application_date: dt.date) -> Tables | None:
    """Tables for a block of JSON lines, or None when the block must be read line by line."""
    try:
        return tables_from_frame(pl.read_ndjson(data, schema=SCHEMA), default_application_date)
    except pl.exceptions.PolarsError:
        return None


def tables_from_frame(df: pl.DataFrame, default_application_date: dt.date) -> Tables | None:
    """Tables for profiles already in columnar form (the JSON-lines schema, e.g. read from Parquet), or None
    when some value needs the validating reader."""
    try:
        df = df.select(
            [
                pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype).alias(name)
                for name, dtype in SCHEMA.items()
            ]
        )
        builder = _Builder(df.height)
        _enterprise(builder, df, (default_application_date - EPOCH).days)
        _fiscal_years(builder, df)
        _ip(builder, df)
        _conversions(builder, df)
        _incidents(builder, df)
    except (Declined, pl.exceptions.PolarsError):
        return None
    return builder.tables
