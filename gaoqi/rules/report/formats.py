"""How each kind of raw column is written in a result, for one enterprise; ``report/frames.py`` has the Polars twin
of each formatter (many enterprises), and the parity tests check that the two agree."""

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
