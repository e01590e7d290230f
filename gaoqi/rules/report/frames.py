"""The result documents of many enterprises as Polars structs: the shape ``report/layout.py`` declares, each raw
column formatted by the Polars twin of its Python formatter (``report/formats.py``)."""

from dataclasses import dataclass

import numpy as np
import polars as pl

from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import UNKNOWN
from gaoqi.rules.report.formats import SCALE, STATUS_NAMES
from gaoqi.rules.report.gaps import Field, Gap
from gaoqi.rules.report.layout import COMPACT_CONDITION, COMPACT_GAP, Col, Message, Span, spec
from gaoqi.rules.report.raw import Raw


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


def frame(raw: dict[str, Raw]) -> pl.DataFrame:
    """Raw columns as a DataFrame, with ``<name>__valid`` masks where needed (fractions beyond int64 as text)."""
    data = {}
    for name, column in raw.items():
        values = column.values
        if column.kind == "fraction" and (values.dtype == object or column.den.dtype == object):
            values = np.array([f"{n}/{d}" for n, d in zip(values.tolist(), column.den.tolist(), strict=True)])
        elif column.kind == "fraction":
            data[f"{name}__den"] = pl.Series(f"{name}__den", column.den)
        data[name] = pl.Series(name, values.tolist() if values.dtype == object else values)
        if column.valid is not None:
            data[f"{name}__valid"] = pl.Series(f"{name}__valid", column.valid)
    return pl.DataFrame(data)


def _formatted(column: Raw, name: str) -> pl.Expr:
    if column.kind == "choice":
        return pl.col(name).replace_strict(dict(enumerate(column.labels)), return_dtype=pl.String)
    if column.kind == "fraction":
        if column.values.dtype == object or column.den.dtype == object:
            return pl.col(name)
        return pl.concat_str([pl.col(name), pl.lit("/"), pl.col(f"{name}__den")])
    return POLARS[column.kind](pl.col(name))


@dataclass(frozen=True)
class Materialised:
    """A part of the document already built as a column of the frame."""

    name: str


def _fixed_list(df: pl.DataFrame, items: list[pl.Expr]) -> pl.Series:
    """Each row's list of the same ``items``, built by interleaving whole columns (``concat_list`` of structs is far
    slower)."""
    parts = df.select([item.alias(f"item{i}") for i, item in enumerate(items)])
    size, width = parts.height, parts.width
    stacked = pl.concat([parts.to_series(i).alias("item") for i in range(width)])
    row_major = (np.arange(width) * size + np.arange(size)[:, None]).ravel()
    return stacked.gather(row_major).reshape((size, width)).arr.to_list()


def _materialise_lists(node, raw: dict[str, Raw], df: pl.DataFrame, built: dict[str, pl.Series]):
    """The document tree with each list replaced by a column of ``built``."""
    if isinstance(node, dict):
        return {key: _materialise_lists(child, raw, df, built) for key, child in node.items()}
    if isinstance(node, list):
        name = f"__list{len(built)}"
        built[name] = _fixed_list(df, [_expr(child, raw) for child in node])
        return Materialised(name)
    return node


def _expr(node, raw: dict[str, Raw]) -> pl.Expr:
    if isinstance(node, Col):
        column = raw[node.name]
        value = _formatted(column, node.name)
        if node.text:
            value = value.cast(pl.String)
        valid = pl.lit(True)
        if column.valid is not None:
            valid = pl.col(f"{node.name}__valid")
        if node.known_if is not None:
            valid = valid & (pl.col(node.known_if) != int(UNKNOWN))
        return pl.when(valid).then(value).otherwise(None)
    if isinstance(node, Span):
        return pl.concat_str([pl.col(node.low).cast(pl.String), pl.lit("–"), pl.col(node.high).cast(pl.String)])
    if isinstance(node, Message):
        choice = _expr(Col(node.choice), raw)
        args = [_expr(arg, raw) for arg in node.args]
        listed = pl.concat_list(args) if args else pl.lit([], dtype=pl.List(pl.String))
        message = pl.struct(pl.concat_str([pl.lit(f"{node.prefix}."), choice]).alias("id"), listed.alias("args"))
        return pl.when(choice.is_not_null() & (choice != "")).then(message)
    if isinstance(node, dict):
        return pl.struct([_expr(child, raw).alias(key) for key, child in node.items()])
    if isinstance(node, Materialised):
        return pl.col(node.name)
    return pl.lit(node, dtype=pl.String if node is None or isinstance(node, str) else None)


ITEM_FIELDS = (
    "condition",
    "action",
    "description",
    "message",
    "quantity",
    "unit",
    "estimated_cost",
    "reference",
    "score_gain",
    "available_from",
)
NO_COST = np.iinfo(np.int64).max
GAP_SCHEMA = {
    "row": pl.Int64,
    "rank": pl.Int64,
    "quantity_raw": pl.Int64,
    "cost_raw": pl.Int64,
    "gain_min": pl.Int64,
    "gain_max": pl.Int64,
    "available_raw": pl.Int64,
}


def _gap_rows(gap: Gap, rank: int) -> pl.DataFrame:
    """The enterprises a gap applies to, one row each, with its figures."""
    rows = np.flatnonzero(gap.applies)
    cost_valid = np.ones(len(rows), dtype=bool) if gap.cost.valid is None else gap.cost.valid[rows]

    def pick(raw: Raw | None):
        return None if raw is None else raw.values[rows]

    data = {
        "row": rows,
        "rank": np.full(len(rows), rank),
        "quantity_raw": gap.quantity.values[rows].astype(np.int64),
        "cost_raw": np.where(cost_valid, gap.cost.values[rows], NO_COST).astype(np.int64),
        "gain_min": pick(gap.gain_min),
        "gain_max": pick(gap.gain_max),
        "available_raw": pick(gap.available_from),
    }
    columns = {f"arg{i}": arg.values[rows] for i, arg in enumerate(gap.args) if isinstance(arg, Raw)}
    data.update({name: values.tolist() if values.dtype == object else values for name, values in columns.items()})
    gain = pl.col("gain_min").cast(pl.String)
    fields = {
        "quantity": pl.col("quantity"),
        "available_from": pl.col("available_from"),
        "gain": pl.when(pl.col("gain_min") == pl.col("gain_max"))
        .then(gain)
        .otherwise(pl.concat_str([gain, pl.lit("–"), pl.col("gain_max").cast(pl.String)])),
    }
    args = [
        fields[arg.name]
        if isinstance(arg, Field)
        else POLARS[arg.kind](pl.col(f"arg{i}")).cast(pl.String)
        if isinstance(arg, Raw)
        else pl.lit(arg, dtype=pl.String)
        for i, arg in enumerate(gap.args)
    ]
    listed = pl.concat_list(args) if args else pl.lit([], dtype=pl.List(pl.String))
    base = pl.DataFrame({key: data[key] for key in GAP_SCHEMA}, schema=GAP_SCHEMA)
    base = base.with_columns(pl.Series(name, data[name]) for name in columns)
    return base.with_columns(
        condition=pl.lit(gap.condition),
        action=pl.lit(gap.action),
        description=pl.lit(None, dtype=pl.String),
        quantity=POLARS[gap.quantity.kind](pl.col("quantity_raw")).cast(pl.String),
        unit=pl.lit(gap.unit),
        estimated_cost=pl.when(pl.col("cost_raw") != NO_COST).then(POLARS["fen"](pl.col("cost_raw"))),
        reference=pl.lit(gap.reference),
        score_gain=pl.when(pl.col("gain_min").is_not_null()).then(
            pl.struct(pl.col("gain_min").alias("min"), pl.col("gain_max").alias("max"))
        ),
        available_from=POLARS["day"](pl.col("available_raw")),
    ).select(
        "row",
        "rank",
        "cost_raw",
        *ITEM_FIELDS[:3],
        pl.struct(pl.lit(gap.message).alias("id"), listed.alias("args")).alias("message"),
        *ITEM_FIELDS[4:],
    )


def _gap_lists(gap_kinds: list[Gap], size: int, fields: tuple[str, ...] = ITEM_FIELDS) -> pl.Series:
    """Each enterprise's gap items as a list of structs: cheapest first, unpriced last, then in the law's order."""
    items = pl.concat([_gap_rows(gap, rank) for rank, gap in enumerate(gap_kinds)])
    lists = (
        items.sort(["row", "cost_raw", "rank"])
        .group_by("row", maintain_order=True)
        .agg(pl.struct(list(fields)).alias("gaps"))
    )
    every_row = pl.DataFrame({"row": np.arange(size, dtype=np.int64)})
    joined = every_row.join(lists, on="row", how="left", maintain_order="left")
    return joined["gaps"].fill_null(pl.lit([], dtype=lists.schema["gaps"]))


def documents(
    ev: Evaluation, raw: dict[str, Raw], gap_kinds: list[Gap], context: dict, *, compact: bool = False
) -> pl.DataFrame:
    """One row per enterprise with a single struct column ``result`` (the document, without explanations).

    ``compact`` leaves out what ``layout.expand`` restores from the rulebooks: the conditions' labels and
    references, the gap items' references, and the sentences (null here in any case)."""
    df = frame(raw)
    lists: dict[str, pl.Series] = {}
    document = spec(ev, context)
    fields = ITEM_FIELDS
    if compact:
        for condition in document["hte"]["conditions"]:
            for key in COMPACT_CONDITION:
                del condition[key]
        fields = tuple(field for field in ITEM_FIELDS if field not in COMPACT_GAP)
    document = _expr(_materialise_lists(document, raw, df, lists), raw)
    df = df.with_columns(gaps=_gap_lists(gap_kinds, ev.size, fields), **lists)
    return df.select(document.struct.with_fields(pl.col("gaps")).alias("result"))
