"""Assess enterprises: one at a time with explanations, or many at once (columnar, same formulas)."""

import datetime as dt
import functools

from gaoqi.rules import hte, rd_deduction, tsme  # noqa: F401  (registers the rulebooks)
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.engine import Evaluation, Tables
from gaoqi.rules.profile import read_profiles
from gaoqi.rules.report.gaps import gaps
from gaoqi.rules.report.layout import expand as expand_document
from gaoqi.rules.report.layout import gap_list, localise, render, spec
from gaoqi.rules.report.messages import DEFAULT
from gaoqi.rules.report.raw import collect
from gaoqi.rules.rulebooks import fingerprints, parameters

COSTS = (
    "staff_annual_cost",
    "class_ii_ip_cost",
    "class_i_ip_cost",
    "conversion_cost",
    "management_element_cost",
    "standards_cost",
)


def _context(as_of: dt.date, language: str = DEFAULT) -> dict:
    params = parameters()
    return {
        "as_of": as_of.isoformat(),
        "rulebooks": fingerprints(),
        "language": language,
        "costs": {name: params[f"estimates.{name}"].entry_at(as_of).value for name in COSTS},
    }


def _basis(evaluation: Evaluation, variable: str) -> dict:
    """Which inputs and which dated, cited parameters a condition's outcome was computed from."""
    inputs, names = evaluation.reads(variable)
    params = parameters()
    cited = []
    for name in names:
        parameter = params[name]
        entry = parameter.entry_at(evaluation.as_of)
        cited.append(
            {
                "name": name,
                "label": parameter.label,
                "value": display(entry.value, parameter.unit),
                "since": entry.since.isoformat(),
                "reference": entry.reference,
                "confidence": entry.confidence,
            }
        )
    return {"inputs": [{"name": n, "label": REGISTRY[n].label} for n in inputs], "parameters": cited}


def display(value, unit: str) -> str:
    """A parameter value as people read it."""
    if unit == "yuan":
        return f"{value / 100:,.2f}元"
    if unit == "ratio":
        return (
            f"{float(value):.4g}" if value.denominator not in (1, 2, 4, 5, 10, 20, 25, 50, 100) else str(float(value))
        )
    if isinstance(value, dict | list):
        return "（见参数表）"
    return str(value)


def assess(profile: dict, *, as_of: dt.date | None = None, language: str = DEFAULT) -> dict:
    """The explained result for one enterprise profile (sentences in ``language``); raises ProfileError on invalid
    input."""
    as_of = as_of or dt.date.today()
    tables = read_profiles([profile], as_of)
    evaluation = Evaluation(REGISTRY, parameters(), tables, as_of, trace=True)
    raw = collect(evaluation)
    context = _context(as_of, language)
    document = render(spec(evaluation, context), raw, 0)
    document["gaps"] = gap_list(gaps(evaluation, context["costs"]), 0)
    localise(document, language)
    for condition in document["hte"]["conditions"]:
        condition["basis"] = _basis(evaluation, f"hte_{condition['id']}")
    return document


def assess_tables(tables: Tables, as_of: dt.date, language: str = DEFAULT, *, compact: bool = False):
    """Results for already-validated tables, as a one-column (``result``) Polars DataFrame of structs; sentences left
    to ``localise`` (their messages are in every result). ``compact`` results also leave out labels and
    references, which ``expand`` restores."""
    from gaoqi.rules.report.frames import documents  # Polars only where many enterprises are assessed

    evaluation = Evaluation(REGISTRY, parameters(), tables, as_of)
    context = _context(as_of, language)
    return documents(evaluation, collect(evaluation), gaps(evaluation, context["costs"]), context, compact=compact)


@functools.cache
def gap_references(as_of: dt.date) -> dict[tuple[str, str], str]:
    """Each gap item's legal reference by (condition, action), for the rulebooks in force on ``as_of``."""
    evaluation = Evaluation(REGISTRY, parameters(), read_profiles([{}], as_of), as_of)
    return {(gap.condition, gap.action): gap.reference for gap in gaps(evaluation, _context(as_of)["costs"])}


def expand(result: dict, language: str = DEFAULT) -> dict:
    """A compact bulk result (a line of ``gaoqi assess-batch`` output) made whole, with its sentences written in
    ``language``: the same document ``assess`` gives, without the single-only ``basis``."""
    if "as_of" not in result:
        return result
    return expand_document(result, gap_references(dt.date.fromisoformat(result["as_of"])), language)


def assess_batch(profiles: list[dict], *, as_of: dt.date | None = None, language: str = DEFAULT) -> list[dict]:
    """Results for many profiles at once, sentences left out (``localise`` writes them from the messages); raises
    ProfileError on the first invalid one."""
    as_of = as_of or dt.date.today()
    return assess_tables(read_profiles(profiles, as_of), as_of, language)["result"].to_list()
