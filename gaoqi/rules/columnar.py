"""A fast columnar reader for JSON-lines profiles (Polars), producing the same tables as ``profile.py``.

Amounts may be JSON numbers or decimal strings (Polars reads both as text). Every check is vectorised and marks the
rows it cannot vouch for (an amount with three decimals, an unknown code, a bad date…) instead of refusing the block:
those rows, and lines that are not JSON objects, go to the validating reader one by one, which gives each invalid
line its precise, field-named error (or reads a valid but unusual one, such as "1,234.00").
"""

import datetime as dt
import functools
import tempfile

import numpy as np
import polars as pl

from gaoqi.rules.catalogue import REGISTRY
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


class _Checks:
    """Rows (enterprises) the fast reader cannot vouch for, marked by vectorised checks."""

    def __init__(self, size: int):
        self.bad = np.zeros(size, dtype=bool)

    def require(self, ok, owners: np.ndarray | None = None) -> None:
        """Mark the rows (or, with ``owners``, the enterprises owning the child rows) where ``ok`` is false."""
        if isinstance(ok, pl.Series):
            ok = ok.fill_null(True).to_numpy()
        failed = ~np.asarray(ok, dtype=bool)
        if failed.any():
            self.bad[failed.nonzero()[0] if owners is None else owners[failed]] = True


def _hundredths(text: pl.Series) -> pl.Series:
    """Decimal strings (at most two places; others become null and are marked) → exact integers in hundredths."""
    return text.cast(pl.Decimal(38, 2), strict=False).to_physical().cast(pl.Int64)


def _fen(column: pl.Series, checks: _Checks, owners, *, signed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Decimal text (JSON numbers come as their digits; thousands separators in strings are dropped, as the
    validating reader drops them) → exact integer fen, and where a value was given."""
    text = column.str.strip_chars().str.replace_all(",", "", literal=True)
    ok = text.str.contains(AMOUNT)
    if not signed:
        ok = ok & ~text.str.starts_with("-")
    checks.require(ok, owners)
    fen = _hundredths(text).fill_null(0).to_numpy()
    return fen.astype(np.int64), column.is_not_null().to_numpy()


def _centi(column: pl.Series, checks: _Checks, owners) -> tuple[np.ndarray, np.ndarray]:
    text = column.str.strip_chars()
    checks.require(text.str.contains(HEADCOUNT), owners)
    centi = _hundredths(text).fill_null(0)
    checks.require(centi <= 1_000_000_000, owners)
    return centi.to_numpy().astype(np.int64), column.is_not_null().to_numpy()


def _days(column: pl.Series, checks: _Checks, owners=None) -> tuple[np.ndarray, np.ndarray]:
    text = _blank_to_null(column.str.strip_chars())
    dates = text.str.to_date("%Y-%m-%d", strict=False)
    checks.require(text.str.contains(DATE) & (dates.is_not_null() | text.is_null()), owners)
    days = dates.cast(pl.Int64).fill_null(0).to_numpy().astype(np.int64)
    return days, text.is_not_null().to_numpy()


def _blank_to_null(column: pl.Series) -> pl.Series:
    return pl.select(pl.when(column == "").then(None).otherwise(column)).to_series()


def _codes(column: pl.Series, options: tuple[str, ...], checks: _Checks, owners=None) -> tuple[np.ndarray, np.ndarray]:
    checks.require(column.is_in(list(options)) | column.is_null(), owners)
    index = column.replace_strict(options, list(range(len(options))), default=0, return_dtype=pl.Int64)
    return index.to_numpy().astype(np.int64), column.is_not_null().to_numpy()


def _bools(column: pl.Series, default: bool) -> tuple[np.ndarray, np.ndarray]:
    return column.fill_null(default).to_numpy().astype(bool), column.is_not_null().to_numpy()


class _Builder:
    def __init__(self, size: int):
        self.tables = Tables(size=size)
        self.checks = _Checks(size)

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


def _uscc(code: str) -> tuple[str, bool]:
    try:
        return validate_uscc(code), True
    except USCCError:
        return code, False


def _enterprise(b: _Builder, df: pl.DataFrame, default_day: int) -> None:
    for key in ("name", "uscc", "district", "tech_field", "industry"):
        values, known = _text(df[key])
        if key == "uscc":
            checked = [_uscc(code) if code else ("", True) for code in values]
            values = np.array([code for code, _ in checked], dtype=object)
            b.checks.require(np.array([ok for _, ok in checked], dtype=bool))
        b.put(key, values, known)
    b.put("registered_on", *_days(df["registered_on"], b.checks))
    application, given = _days(df["application_date"], b.checks)
    b.put("application_day", np.where(given, application, default_day).astype(np.int64))
    for flag in FLAGS:
        b.put(flag, *_bools(df[flag], False))
    rating = df["self_rating"].struct.unnest()
    for key in ("advancement", "core_support"):
        b.put(f"rating_{key}", *_codes(rating[key], tuple(GRADES), b.checks))
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


def _children(df: pl.DataFrame, key: str) -> tuple[pl.DataFrame, np.ndarray]:
    """A list column's items as rows, and the enterprise row owning each."""
    rows = df.select(pl.int_range(pl.len()).alias("__owner"), key).explode(key)
    rows = rows.filter(pl.col(key).is_not_null())
    return rows.unnest(key), rows["__owner"].to_numpy()


def _fiscal_years(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("fiscal_year", df["fiscal_years"].list.len())
    rows, owners = _children(df, "fiscal_years")
    b.checks.require(rows["year"].is_not_null() & rows["year"].is_between(1990, 2100), owners)
    b.checks.require(~rows.select(pl.struct("__owner", "year").is_duplicated()).to_series(), owners)
    b.put("fy_year", rows["year"].fill_null(0).to_numpy().astype(np.int64))
    for key in YEAR_AMOUNTS:
        b.put(key, *_fen(rows[key], b.checks, owners, signed=key in SIGNED_YEAR_AMOUNTS))
    for key in HEADCOUNTS:
        b.put(key, *_centi(rows[key], b.checks, owners))
    rd_given = rows["rd"].is_not_null().to_numpy()
    rd = rows["rd"].struct.unnest()
    for key in RD_CATEGORIES:
        fen, _ = _fen(rd[key], b.checks, owners, signed=False)
        b.put(f"rd_{key}", fen, rd_given)


def _ip(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("ip", df["ip"].list.len())
    rows, owners = _children(df, "ip")
    b.checks.require(rows["kind"].is_not_null(), owners)
    b.put("ip_kind", _codes(rows["kind"], IP_KINDS, b.checks, owners)[0])
    b.put("ip_granted_day", *_days(rows["granted_on"], b.checks, owners))
    expires, given = _days(rows["expires_on"], b.checks, owners)
    b.put("ip_expires_day", np.where(given, expires, NO_EXPIRY).astype(np.int64))
    b.put("ip_acquired_by", *_codes(rows["acquired_by"], ACQUISITION, b.checks, owners))
    b.put("ip_core", *_bools(rows["core"], False))
    b.put("ip_used_before", rows["used_before"].fill_null(False).to_numpy().astype(bool))


def _conversions(b: _Builder, df: pl.DataFrame) -> None:
    text = df["conversions"]
    b.checks.require(text.str.contains(CONVERSIONS))
    pairs = text.str.extract_all(PAIR)
    b.starts("conversion", pairs.list.len())
    owners = np.repeat(np.arange(df.height), pairs.list.len().fill_null(0).to_numpy())
    flat = pairs.explode().drop_nulls()
    years = flat.str.extract(PAIR, 1).cast(pl.Int64)
    counts = flat.str.extract(PAIR, 2).cast(pl.Int64)
    b.checks.require(years.is_between(1990, 2100), owners)
    b.put("conversion_year", years.to_numpy().astype(np.int64))
    b.put("conversion_count", counts.to_numpy().astype(np.int64))


def _incidents(b: _Builder, df: pl.DataFrame) -> None:
    b.starts("incident", df["incidents"].list.len())
    rows, owners = _children(df, "incidents")
    b.checks.require(rows["kind"].is_not_null(), owners)
    b.put("incident_kind", _codes(rows["kind"], INCIDENT_KINDS, b.checks, owners)[0])
    major = rows["major"].fill_null(True)
    days, given = _days(rows["on"], b.checks, owners)
    b.checks.require(given | ~major.to_numpy(), owners)
    b.put("incident_day", days, given)
    b.put("incident_major", major.to_numpy().astype(bool))


# DuckDB's JSON reader parses this schema about four times faster than Polars, but it casts leniently ("true" to a
# boolean, 2023.0 to a year, an object to text). Booleans, years and free text are therefore read as raw JSON and
# converted here under the validating reader's rules: a row whose raw value is of another JSON type is set aside.
TEXT_KEYS = ("name", "uscc", "district", "tech_field", "industry")
_QUOTED = r'^"[^"\\]*"$'
_INTEGER = r"^-?\d{1,15}$"
_NONE = pl.lit(False)


def _duck_type(dtype, text: bool = False) -> str:
    if dtype == pl.String:
        return "JSON" if text else "VARCHAR"
    if dtype in (pl.Boolean, pl.Int64):
        return "JSON"
    if isinstance(dtype, pl.List):
        return _duck_type(dtype.inner) + "[]"
    return "STRUCT(" + ", ".join(f'"{f.name}" {_duck_type(f.dtype)}' for f in dtype.fields) + ")"


DUCKDB_COLUMNS = {key: _duck_type(dtype, key in TEXT_KEYS or key == "conversions") for key, dtype in SCHEMA.items()}


def _from_json(raw: pl.Expr, dtype, text: bool = False) -> tuple[pl.Expr, pl.Expr]:
    """A column read as raw JSON → (the value as the schema types it, whether the raw value was of another type)."""
    if dtype == pl.Boolean:
        value = pl.when(raw == "true").then(True).when(raw == "false").then(False).otherwise(None)
        return value, raw.is_not_null() & ~raw.is_in(["true", "false"])
    if dtype == pl.Int64:
        whole = raw.str.contains(_INTEGER)
        return pl.when(whole).then(raw.cast(pl.Int64, strict=False)), raw.is_not_null() & ~whole
    if dtype == pl.String and text:
        quoted, whole = raw.str.contains(_QUOTED), raw.str.contains(_INTEGER)
        value = pl.when(quoted).then(raw.str.slice(1, raw.str.len_chars() - 2)).when(whole).then(raw)
        return value, raw.is_not_null() & ~quoted & ~whole
    if isinstance(dtype, pl.List):
        value, bad = _from_json(pl.element(), dtype.inner)
        if bad is _NONE:
            return raw, _NONE
        return raw.list.eval(value), raw.list.eval(bad).list.any().fill_null(False)
    if isinstance(dtype, pl.Struct):
        fields = [(f.name, *_from_json(raw.struct.field(f.name), f.dtype)) for f in dtype.fields]
        if all(bad is _NONE for _, _, bad in fields):
            return raw, _NONE
        value = pl.when(raw.is_not_null()).then(pl.struct(*(v.alias(name) for name, v, _ in fields)))
        return value, pl.any_horizontal(*(bad.fill_null(False) for _, _, bad in fields))
    return raw, _NONE


@functools.cache
def _duckdb():
    """One connection per process, opened on first use (the bulk path only); one thread, as blocks already run
    in parallel processes."""
    import duckdb

    return duckdb.connect(config={"threads": 1})


def _read_duckdb(data: bytes) -> tuple[pl.DataFrame, np.ndarray]:
    """JSON lines → a frame in SCHEMA, and the rows holding a value of the wrong JSON type; raises duckdb.Error
    when the block cannot be read as a whole (a line that is not JSON, or a list or object where none belongs)."""
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        source = handle.name.replace("'", "''")
        query = f"select * from read_json('{source}', format = 'newline_delimited', columns = {DUCKDB_COLUMNS!r})"
        raw = pl.DataFrame(_duckdb().sql(query))
    converted = [(name, *_from_json(pl.col(name), SCHEMA[name], name in TEXT_KEYS)) for name in SCHEMA]
    frame = raw.select(
        *(value.alias(name) for name, value, _ in converted),
        pl.any_horizontal(*(bad for _, _, bad in converted)).alias("__bad"),
    )
    return frame.drop("__bad"), frame["__bad"].to_numpy()


def read_jsonl(data: bytes, default_application_date: dt.date) -> tuple[Tables, np.ndarray] | None:
    """Tables for the lines of a block the fast reader vouches for, and which lines those are; None when the
    block cannot be parsed as a whole (a line that is not JSON, or a list or object where none belongs)."""
    import duckdb

    try:
        frame, wrong_type = _read_duckdb(data)
    except duckdb.Error:
        return None
    return tables_from_frame(frame, default_application_date, set_aside=wrong_type)


def tables_from_frame(
    df: pl.DataFrame, default_application_date: dt.date, set_aside: np.ndarray | None = None
) -> tuple[Tables, np.ndarray]:
    """Tables for the rows of profiles already in columnar form (the JSON-lines schema, e.g. read from Parquet)
    that pass every vectorised check and are not in ``set_aside``, and the mask of those rows; the others need the
    validating reader. Raises PolarsError when a column cannot be cast to the schema."""
    df = df.select(
        [
            pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in SCHEMA.items()
        ]
    )
    builder = _Builder(df.height)
    if set_aside is not None:
        builder.checks.require(~set_aside)
    _enterprise(builder, df, (default_application_date - EPOCH).days)
    _fiscal_years(builder, df)
    _ip(builder, df)
    _conversions(builder, df)
    _incidents(builder, df)
    good = ~builder.checks.bad
    return builder.tables.subset(good, lambda name: REGISTRY[name].entity), good
