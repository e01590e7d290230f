"""The result document's shape, declared once and rendered two ways: as Python dicts for one enterprise
(with Chinese explanations) and as Polars structs for many (written straight to JSON lines or Parquet)."""

from dataclasses import dataclass

import numpy as np
import polars as pl

from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import UNKNOWN
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.report.formats import POLARS, PYTHON
from gaoqi.rules.report.gaps import REFERENCES, Gap
from gaoqi.rules.report.raw import Raw, rate_column
from gaoqi.rules.report.sentences import explain


@dataclass(frozen=True)
class Col:
    """A raw column, null where invalid or where ``known_if`` (a status column) is unknown."""

    name: str
    known_if: str | None = None
    text: bool = False


@dataclass(frozen=True)
class Span:
    """'min–max' of two integer columns, as text."""

    low: str
    high: str


def _rate_text(rate) -> str:
    return PYTHON["rate"](int(rate_column([rate])[0]))


def conditions_spec(ev: Evaluation) -> list[dict]:
    thresholds = {
        "registered_one_year": str(ev.param("hte.registration.min_days")),
        "core_ip": "1",
        "tech_field": "国家重点支持的高新技术领域",
        "st_staff_ratio": _rate_text(ev.param("hte.st_staff.min_ratio")),
        "rd_ratio": Col("rd_threshold"),
        "hightech_income_ratio": _rate_text(ev.param("hte.hightech_income.min_ratio")),
        "innovation_score": str(ev.param("hte.score.pass_above") + 1),
        "no_major_incident": "0",
    }
    values = {
        "registered_one_year": Col("days_registered", "hte_registered_one_year", text=True),
        "core_ip": Col("ip_core_count", "hte_core_ip", text=True),
        "tech_field": Col("tech_field"),
        "st_staff_ratio": Col("st_staff_ratio"),
        "rd_ratio": Col("rd_ratio"),
        "hightech_income_ratio": Col("hightech_income_ratio"),
        "innovation_score": Span("score_total_min", "score_total_max"),
        "no_major_incident": Col("major_incidents_last_year", "hte_no_major_incident", text=True),
    }
    return [
        {
            "id": condition,
            "label": label,
            "status": Col(f"hte_{condition}"),
            "value": values[condition],
            "threshold": thresholds[condition],
            "explanation": None,
            "reference": REFERENCES[condition],
        }
        for condition, label, _ in CONDITIONS
    ]


def _range(part: str) -> dict:
    return {"min": Col(f"score_{part}_min"), "max": Col(f"score_{part}_max")}


def spec(ev: Evaluation, context: dict) -> dict:
    """The whole result document as a tree of constants, columns and spans."""
    return {
        "as_of": context["as_of"],
        "rulebooks": context["rulebooks"],
        "name": Col("name"),
        "uscc": Col("uscc"),
        "hte": {
            "eligible": Col("hte_eligible"),
            "conditions": conditions_spec(ev),
            "rd_ratio": Col("rd_ratio"),
            "domestic_rd_share": Col("domestic_rd_share"),
            "st_staff_ratio": Col("st_staff_ratio"),
            "hightech_income_ratio": Col("hightech_income_ratio"),
            "score": {
                "ip": _range("ip"),
                "conversion": _range("conversion"),
                "management": _range("management"),
                "growth": {
                    **_range("growth"),
                    "net_asset_growth": Col("net_asset_growth"),
                    "sales_growth": Col("sales_growth"),
                },
                "total": _range("total"),
            },
        },
        "tsme": {
            "eligible": Col("tsme_eligible"),
            "score": Col("tsme_score"),
            "direct_route": Col("tsme_direct_route"),
            "points": {
                "staff": Col("tsme_staff_points"),
                "rd": Col("tsme_rd_points"),
                "results": Col("tsme_results_points"),
            },
            "conditions": {
                "size": Col("tsme_size"),
                "industry": Col("tsme_industry"),
                "no_major_incident": Col("tsme_no_incident"),
            },
        },
        "rd_deduction": {
            "year": Col("rdd_year"),
            "rate": Col("rdd_rate"),
            "base": Col("rdd_base"),
            "extra_deduction": Col("rdd_extra_deduction"),
            "tax_value": Col("rdd_tax_value"),
            "income_tax_rate": Col("cit_rate"),
            "excluded_industry": Col("rdd_excluded_industry"),
        },
        "benefits": {
            "hte_tax_saving": Col("hte_tax_saving"),
            "rd_deduction_tax_value": Col("rdd_tax_value"),
            "total": Col("benefits_total"),
            "basis": "高企资格按最近一年应纳税所得额由25%降至15%测算；加计扣除按适用税率测算节税额",
        },
    }


# ---- one enterprise: Python dicts ------------------------------------------------------------


def _cell(raw: dict[str, Raw], col: Col, i: int):
    column = raw[col.name]
    if column.valid is not None and not column.valid[i]:
        return None
    if col.known_if is not None and raw[col.known_if].values[i] == UNKNOWN:
        return None
    value = PYTHON[column.kind](column.values[i].item() if hasattr(column.values[i], "item") else column.values[i])
    return str(value) if col.text else value


def render(node, raw: dict[str, Raw], i: int):
    """The document for enterprise ``i``."""
    if isinstance(node, Col):
        return _cell(raw, node, i)
    if isinstance(node, Span):
        return f"{raw[node.low].values[i]}–{raw[node.high].values[i]}"
    if isinstance(node, dict):
        return {key: render(child, raw, i) for key, child in node.items()}
    if isinstance(node, list):
        return [render(child, raw, i) for child in node]
    return node


def _gap_item(gap: Gap, raw_gap: dict, i: int) -> dict:
    item = {
        "condition": gap.condition,
        "action": gap.action,
        "description": None,
        "quantity": str(PYTHON[gap.quantity.kind](gap.quantity.values[i].item())),
        "unit": gap.unit,
        "estimated_cost": None
        if gap.cost.valid is not None and not gap.cost.valid[i]
        else PYTHON["fen"](gap.cost.values[i].item()),
        "reference": gap.reference,
        "score_gain": None
        if gap.gain_min is None
        else {"min": int(gap.gain_min.values[i]), "max": int(gap.gain_max.values[i])},
        "available_from": None if gap.available_from is None else PYTHON["day"](gap.available_from.values[i].item()),
    }
    return item


def _cost_key(gap: Gap, i: int) -> int:
    if gap.cost.valid is not None and not gap.cost.valid[i]:
        return np.iinfo(np.int64).max
    return int(gap.cost.values[i])


def gap_list(gap_kinds: list[Gap], i: int, row: dict | None = None) -> list[dict]:
    """Enterprise ``i``'s gap items, cheapest first (unpriced last), described in Chinese when ``row`` is given."""
    chosen = sorted((g for g in gap_kinds if g.applies[i]), key=lambda g: _cost_key(g, i))
    items = []
    for gap in chosen:
        item = _gap_item(gap, {}, i)
        if row is not None:
            item["description"] = gap.describe(row, item)
        items.append(item)
    return items


def explained(document: dict, row: dict) -> dict:
    """Fill in each condition's explanation from the formatted flat row."""
    for condition in document["hte"]["conditions"]:
        condition["explanation"] = explain(condition["id"], condition["status"], row)
    return document


def flat_row(raw: dict[str, Raw], i: int) -> dict:
    """Every raw column of enterprise ``i``, formatted (the input of the Chinese sentences)."""
    return {name: _cell(raw, Col(name), i) for name in raw}


# ---- many enterprises: Polars structs -------------------------------------------------------


def frame(raw: dict[str, Raw]) -> pl.DataFrame:
    """Raw columns as a DataFrame, with ``<name>__valid`` masks where needed."""
    data = {}
    for name, column in raw.items():
        values = column.values
        data[name] = pl.Series(name, values.tolist() if values.dtype == object else values)
        if column.valid is not None:
            data[f"{name}__valid"] = pl.Series(f"{name}__valid", column.valid)
    return pl.DataFrame(data)


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
        value = POLARS[column.kind](pl.col(node.name))
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
    if isinstance(node, dict):
        return pl.struct([_expr(child, raw).alias(key) for key, child in node.items()])
    if isinstance(node, Materialised):
        return pl.col(node.name)
    return pl.lit(node, dtype=pl.String if node is None or isinstance(node, str) else None)


ITEM_FIELDS = (
    "condition",
    "action",
    "description",
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
    return pl.DataFrame(data, schema=GAP_SCHEMA).with_columns(
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
    )


def _gap_lists(gap_kinds: list[Gap], size: int) -> pl.Series:
    """Each enterprise's gap items as a list of structs: cheapest first, unpriced last, then in the law's order."""
    items = pl.concat([_gap_rows(gap, rank) for rank, gap in enumerate(gap_kinds)])
    lists = (
        items.sort(["row", "cost_raw", "rank"])
        .group_by("row", maintain_order=True)
        .agg(pl.struct(list(ITEM_FIELDS)).alias("gaps"))
    )
    every_row = pl.DataFrame({"row": np.arange(size, dtype=np.int64)})
    joined = every_row.join(lists, on="row", how="left", maintain_order="left")
    return joined["gaps"].fill_null(pl.lit([], dtype=lists.schema["gaps"]))


def documents(ev: Evaluation, raw: dict[str, Raw], gap_kinds: list[Gap], context: dict) -> pl.DataFrame:
    """One row per enterprise with a single struct column ``result`` (the document, without explanations)."""
    df = frame(raw)
    lists: dict[str, pl.Series] = {}
    document = _expr(_materialise_lists(spec(ev, context), raw, df, lists), raw)
    df = df.with_columns(gaps=_gap_lists(gap_kinds, ev.size), **lists)
    return df.select(document.struct.with_fields(pl.col("gaps")).alias("result"))
