"""Assess enterprises: one at a time with explanations, or many at once (columnar, same formulas)."""

import datetime as dt

from gaoqi.rules import hte, rd_deduction, tsme  # noqa: F401  (registers the rulebooks)
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.engine import Evaluation, Tables
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.profile import read_profiles
from gaoqi.rules.report.build import build
from gaoqi.rules.report.columns import collect
from gaoqi.rules.rulebooks import fingerprints, parameters

COSTS = (
    "staff_annual_cost",
    "class_ii_ip_cost",
    "class_i_ip_cost",
    "conversion_cost",
    "management_element_cost",
    "standards_cost",
)
TABLES = ("ip_quantity", "conversion", "standards_bonus")


def _context(as_of: dt.date) -> dict:
    params = parameters()
    return {
        "as_of": as_of.isoformat(),
        "rulebooks": fingerprints(),
        "costs": {name: params[f"estimates.{name}"].entry_at(as_of).value for name in COSTS},
        "tables": {name: params[f"hte.score.{name}"].entry_at(as_of).value for name in TABLES},
    }


def evaluate(tables: Tables, as_of: dt.date, *, trace=False) -> tuple[Evaluation, dict[str, list]]:
    """Evaluate every output variable for the enterprises in ``tables``."""
    evaluation = Evaluation(REGISTRY, parameters(), tables, as_of, trace=trace)
    return evaluation, collect(evaluation)


def _rows(columns: dict[str, list], size: int):
    names = list(columns)
    for i in range(size):
        yield {name: columns[name][i] for name in names}


def _basis(evaluation: Evaluation, variable: str) -> dict:
    inputs, names = evaluation.reads(variable)
    params = parameters()
    cited = []
    for name in names:
        entry = params[name].entry_at(evaluation.as_of)
        value = entry.value if not isinstance(entry.value, dict | list) else "（见参数表）"
        cited.append(
            {
                "name": name,
                "label": params[name].label,
                "value": str(value),
                "since": entry.since.isoformat(),
                "reference": entry.reference,
                "confidence": entry.confidence,
            }
        )
    return {"inputs": [{"name": n, "label": REGISTRY[n].label} for n in inputs], "parameters": cited}


def assess(profile: dict, *, as_of: dt.date | None = None) -> dict:
    """The explained result for one enterprise profile; raises ProfileError on invalid input."""
    as_of = as_of or dt.date.today()
    tables = read_profiles([profile], as_of)
    evaluation, columns = evaluate(tables, as_of, trace=True)
    result = build(next(_rows(columns, 1)), _context(as_of))
    for condition in result["hte"]["conditions"]:
        condition["basis"] = _basis(evaluation, f"hte_{condition['id']}")
    result["name"] = profile.get("name")
    result["uscc"] = profile.get("uscc")
    return result


def assess_tables(tables: Tables, as_of: dt.date) -> list[dict]:
    """Results (without the trace basis) for already-validated tables."""
    _, columns = evaluate(tables, as_of)
    context = _context(as_of)
    return [build(row, context) for row in _rows(columns, tables.size)]


def assess_batch(profiles: list[dict], *, as_of: dt.date | None = None) -> list[dict]:
    """Results for many profiles at once; raises ProfileError (with the profile index) on the first invalid one."""
    as_of = as_of or dt.date.today()
    results = assess_tables(read_profiles(profiles, as_of), as_of)
    for profile, result in zip(profiles, results, strict=True):
        result["name"], result["uscc"] = profile.get("name"), profile.get("uscc")
    return results


CONDITION_IDS = [condition for condition, _, _ in CONDITIONS]
