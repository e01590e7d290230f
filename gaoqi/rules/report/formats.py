"""How each kind of raw column is written in a result: a Python formatter (one enterprise) and its
Polars twin (many enterprises). The parity tests check that the two agree."""

import polars as pl

from gaoqi.rules.dates import to_date

STATUS_NAMES = {1: "pass", 0: "fail", -1: "unknown"}
TRI = {1: True, 0: False, -1: None}
SCALE = 10_000  # ratios are carried as integers scaled by 10⁴, truncated toward zero


def _decimal(q: int) -> str:
    sign = "-" if q < 0 else ""
    q = abs(q)
    return f"{sign}{q // SCALE}.{q % SCALE:04d}"


def _rate(q: int) -> str:
    return _decimal(q).rstrip("0").rstrip(".")


def fen_text(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


PYTHON = {
    "status": lambda v: STATUS_NAMES[v],
    "tri": lambda v: TRI[v],
    "int": int,
    "bool": bool,
    "code": lambda v: v or None,
    "fen": fen_text,
    "ratio": _decimal,
    "rate": _rate,
    "day": lambda v: to_date(v).isoformat(),
}


def _pl_decimal(column: pl.Expr, digits: int, per: int) -> pl.Expr:
    magnitude = column.abs()
    sign = pl.when(column < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str(
        [sign, (magnitude // per).cast(pl.String), pl.lit("."), (magnitude % per).cast(pl.String).str.zfill(digits)]
    )


POLARS = {
    "status": lambda c: c.replace_strict(STATUS_NAMES, return_dtype=pl.String),
    "tri": lambda c: c.replace_strict({1: True, 0: False, -1: None}, return_dtype=pl.Boolean),
    "int": lambda c: c,
    "bool": lambda c: c,
    "code": lambda c: pl.when(c == "").then(None).otherwise(c),
    "fen": lambda c: _pl_decimal(c, 2, 100),
    "ratio": lambda c: _pl_decimal(c, 4, SCALE),
    "rate": lambda c: _pl_decimal(c, 4, SCALE).str.strip_chars_end("0").str.strip_chars_end("."),
    "day": lambda c: c.cast(pl.Date).dt.to_string("%Y-%m-%d"),
}
