"""The result document's shape, declared once and rendered two ways: as Python dicts for one enterprise (here) and
as Polars structs for many (``report/frames.py``, written straight to JSON lines or Parquet)."""

from dataclasses import dataclass

import numpy as np

from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import UNKNOWN
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.report.formats import PYTHON
from gaoqi.rules.report.gaps import REFERENCES, Field, Gap
from gaoqi.rules.report.messages import DEFAULT, gain_text, text
from gaoqi.rules.report.messages import render as render_message
from gaoqi.rules.report.raw import Raw, rate_column


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


@dataclass(frozen=True)
class Message:
    """A sentence kept as data: ``prefix.<choice>`` (null where the choice is '') and its arguments in the order the
    catalogue declares (columns or constant strings)."""

    prefix: str
    choice: str
    args: tuple = ()


def _rate_text(rate) -> str:
    return PYTHON["rate"](int(rate_column([rate])[0]))


def _label_args(ev: Evaluation) -> dict:
    return {
        "min_days": ev.param("hte.registration.min_days"),
        "min_staff": _rate_text(ev.param("hte.st_staff.min_ratio")),
        "min_hightech": _rate_text(ev.param("hte.hightech_income.min_ratio")),
        "lookback_days": ev.param("hte.incidents.lookback_days"),
    }


def _condition_args(ev: Evaluation) -> dict[str, tuple]:
    """Each condition's message arguments, figures from the result and legal figures from the parameters in force."""
    rd = "hte_rd_ratio"
    rd_share = ev.param("hte.rd_expense.other_max_share")
    return {
        "registered_one_year": (
            Col("days_registered", "hte_registered_one_year", text=True),
            str(ev.param("hte.registration.min_days")),
            Col("gap_registration_met_on", "hte_registered_one_year"),
        ),
        "core_ip": (
            Col("ip_core_count", "hte_core_ip", text=True),
            Col("ip_class_ii_used_count", "hte_core_ip", text=True),
        ),
        "tech_field": (Col("tech_field"),),
        "st_staff_ratio": (
            Col("st_staff_ratio"),
            _rate_text(ev.param("hte.st_staff.min_ratio")),
            Col("gap_st_staff_needed", "hte_st_staff_ratio", text=True),
        ),
        "rd_ratio": (
            Col("hte_rd_3y", rd),
            Col("hte_sales_3y", rd),
            Col("rd_ratio"),
            Col("latest_sales_revenue", rd),
            Col("rd_threshold", rd),
            _rate_text(ev.param("hte.rd_expense.entrusted_share")),
            _rate_text(rd_share),
            Col("domestic_rd_share"),
            _rate_text(ev.param("hte.rd_intensity.min_domestic_share")),
            Col("gap_rd_shortfall", rd),
            Col("gap_rd_required_3y", rd),
            Col("gap_domestic_rd_shortfall", rd),
        ),
        "hightech_income_ratio": (
            Col("latest_hightech_income", "hte_hightech_income_ratio"),
            Col("latest_total_income", "hte_hightech_income_ratio"),
            Col("hightech_income_ratio"),
            _rate_text(ev.param("hte.hightech_income.min_ratio")),
            Col("gap_hightech_income_shortfall", "hte_hightech_income_ratio"),
        ),
        "innovation_score": (
            *(
                Col(f"score_{part}_{end}", text=True)
                for part in ("total", "ip", "conversion", "management", "growth")
                for end in ("min", "max")
            ),
            str(ev.param("hte.score.pass_above")),
        ),
        "no_major_incident": (
            Col("major_incidents_last_year", "hte_no_major_incident", text=True),
            str(ev.param("hte.incidents.lookback_days")),
            Col("gap_incident_clear_on", "hte_no_major_incident"),
        ),
    }


def conditions_spec(ev: Evaluation, language: str) -> list[dict]:
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
    args, labels = _condition_args(ev), _label_args(ev)
    return [
        {
            "id": condition,
            "label": text(f"labels.{condition}", language, **labels),
            "status": Col(f"hte_{condition}"),
            "value": values[condition],
            "threshold": thresholds[condition],
            "explanation": None,
            "message": Message(f"conditions.{condition}", f"message_{condition}", args[condition]),
            "reference": REFERENCES[condition],
        }
        for condition, _, _ in CONDITIONS
    ]


def _range(part: str) -> dict:
    return {"min": Col(f"score_{part}_min"), "max": Col(f"score_{part}_max")}


def spec(ev: Evaluation, context: dict) -> dict:
    """The whole result document as a tree of constants, columns, spans and messages."""
    language = context["language"]
    tax_rates = {
        "standard_rate": _rate_text(ev.param("rd_deduction.cit.standard_rate")),
        "hte_rate": _rate_text(ev.param("rd_deduction.cit.hte_rate")),
    }
    return {
        "as_of": context["as_of"],
        "rulebooks": context["rulebooks"],
        "name": Col("name"),
        "uscc": Col("uscc"),
        "hte": {
            "eligible": Col("hte_eligible"),
            "verdict": Col("hte_verdict"),
            "conditions": conditions_spec(ev, language),
            "rd_ratio": Col("rd_ratio"),
            "rd_ratio_exact": Col("rd_ratio_exact"),
            "domestic_rd_share": Col("domestic_rd_share"),
            "domestic_rd_share_exact": Col("domestic_rd_share_exact"),
            "st_staff_ratio": Col("st_staff_ratio"),
            "st_staff_ratio_exact": Col("st_staff_ratio_exact"),
            "hightech_income_ratio": Col("hightech_income_ratio"),
            "hightech_income_ratio_exact": Col("hightech_income_ratio_exact"),
            "score": {
                "ip": _range("ip"),
                "conversion": _range("conversion"),
                "management": _range("management"),
                "growth": {
                    **_range("growth"),
                    "net_asset_growth": Col("net_asset_growth"),
                    "net_asset_growth_exact": Col("net_asset_growth_exact"),
                    "sales_growth": Col("sales_growth"),
                    "sales_growth_exact": Col("sales_growth_exact"),
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
            "explanation": None,
            "message": Message("rd_deduction", "message_rd_deduction"),
        },
        "benefits": {
            "hte_tax_saving": Col("hte_tax_saving"),
            "rd_deduction_tax_value": Col("rdd_tax_value"),
            "total": Col("benefits_total"),
            "basis": text("benefits.basis", language, **tax_rates),
            "message": Message("benefits", "benefits_message", (tax_rates["standard_rate"], tax_rates["hte_rate"])),
        },
    }


# ---- one enterprise: Python dicts ------------------------------------------------------------


def _cell(raw: dict[str, Raw], col: Col, i: int):
    column = raw[col.name]
    if column.valid is not None and not column.valid[i]:
        return None
    if col.known_if is not None and raw[col.known_if].values[i] == UNKNOWN:
        return None
    value = column.values[i]
    value = value.item() if hasattr(value, "item") else value
    if column.kind == "choice":
        return column.labels[value] or None
    if column.kind == "fraction":
        return f"{value}/{column.den[i]}"
    value = PYTHON[column.kind](value)
    return str(value) if col.text else value


def render(node, raw: dict[str, Raw], i: int):
    """The document for enterprise ``i``."""
    if isinstance(node, Col):
        return _cell(raw, node, i)
    if isinstance(node, Span):
        return f"{raw[node.low].values[i]}–{raw[node.high].values[i]}"
    if isinstance(node, Message):
        choice = _cell(raw, Col(node.choice), i)
        if choice is None:
            return None
        return {"id": f"{node.prefix}.{choice}", "args": [render(arg, raw, i) for arg in node.args]}
    if isinstance(node, dict):
        return {key: render(child, raw, i) for key, child in node.items()}
    if isinstance(node, list | tuple):
        return [render(child, raw, i) for child in node]
    return node


def _gap_arg(arg, fields: dict, i: int):
    if isinstance(arg, Field):
        return fields[arg.name]
    return _cell({"arg": arg}, Col("arg"), i) if isinstance(arg, Raw) else arg


def _gap_item(gap: Gap, i: int) -> dict:
    quantity = str(PYTHON[gap.quantity.kind](gap.quantity.values[i].item()))
    gain = None if gap.gain_min is None else {"min": int(gap.gain_min.values[i]), "max": int(gap.gain_max.values[i])}
    available = None if gap.available_from is None else PYTHON["day"](gap.available_from.values[i].item())
    fields = {"quantity": quantity, "available_from": available, "gain": gain_text(gain)}
    args = [
        fields[arg.name]
        if isinstance(arg, Field)
        else _cell({"arg": arg}, Col("arg"), i)
        if isinstance(arg, Raw)
        else arg
        for arg in gap.args
    ]
    return {
        "condition": gap.condition,
        "action": gap.action,
        "description": None,
        "message": {"id": gap.message, "args": args},
        "quantity": quantity,
        "unit": gap.unit,
        "estimated_cost": None
        if gap.cost.valid is not None and not gap.cost.valid[i]
        else PYTHON["fen"](gap.cost.values[i].item()),
        "reference": gap.reference,
        "score_gain": gain,
        "available_from": available,
    }


def _cost_key(gap: Gap, i: int) -> int:
    if gap.cost.valid is not None and not gap.cost.valid[i]:
        return np.iinfo(np.int64).max
    return int(gap.cost.values[i])


def gap_list(gap_kinds: list[Gap], i: int) -> list[dict]:
    """Enterprise ``i``'s gap items, cheapest first (unpriced last)."""
    chosen = sorted((g for g in gap_kinds if g.applies[i]), key=lambda g: _cost_key(g, i))
    return [_gap_item(gap, i) for gap in chosen]


COMPACT_CONDITION = ("label", "explanation", "reference")
COMPACT_GAP = ("description", "reference")


def expand(document: dict, gap_references: dict[tuple[str, str], str], language: str = DEFAULT) -> dict:
    """A compact bulk result (see ``frames.documents``) made whole: references from the rulebooks (gap references
    by condition and action, as ``api.gap_references`` lists them for the result's date), sentences and labels
    written in ``language``. A result that is already whole, or an error line, is returned as it is."""
    hte = document.get("hte")
    if not hte:
        return document
    for condition in hte.get("conditions") or []:
        condition.setdefault("reference", REFERENCES[condition["id"]])
    for item in document.get("gaps") or []:
        item.setdefault("reference", gap_references[item["condition"], item["action"]])
    return localise(document, language)


def localise(document: dict, language: str = DEFAULT) -> dict:
    """The document with every sentence written in ``language`` from its message (labels from the thresholds the
    result records); a stored result from before messages keeps the texts it has."""
    hte = document.get("hte") or {}
    thresholds = {c.get("id"): c.get("threshold") for c in hte.get("conditions") or []}
    label_args = {
        "min_days": thresholds.get("registered_one_year"),
        "min_staff": thresholds.get("st_staff_ratio"),
        "min_hightech": thresholds.get("hightech_income_ratio"),
    }
    for condition in hte.get("conditions") or []:
        if "message" in condition:
            condition["label"] = text(f"labels.{condition['id']}", language, **label_args)
            condition["explanation"] = render_message(condition["message"], language)
    for item in document.get("gaps") or []:
        if "message" in item:
            item["description"] = render_message(item["message"], language)
    deduction = document.get("rd_deduction") or {}
    if "message" in deduction:
        deduction["explanation"] = render_message(deduction["message"], language)
    benefits = document.get("benefits") or {}
    if "message" in benefits:
        benefits["basis"] = render_message(benefits["message"], language)
    return document
