"""What-if over every enterprise: the system in force and the changed one scored on the same columns, the entry
criteria evaluated once, and the outcome compared (``gaoqi.rules.indicators.whatif``)."""

import datetime as dt

from gaoqi.apps.rankings.columns import load_population
from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.apps.rankings.selectors import aligned_facts
from gaoqi.rules.criteria import QUALIFY, compile_criteria, evaluate
from gaoqi.rules.indicators import System, gate_names, score
from gaoqi.rules.indicators.whatif import Rule, compare, qualifying


def what_if(
    *, version: IndicatorVersion, changed: System, eligibility: str, base: Rule, rule: Rule, today: dt.date
) -> dict:
    """The outcome of ``changed`` with ``rule`` against ``version`` with ``base``, over every enterprise."""
    population = load_population(today=today)
    current = version.system()
    criteria = compile_criteria(eligibility)
    names = set(criteria.names) | gate_names(current) | gate_names(changed)
    facts = aligned_facts(names, population.ids, today=today)
    eligible = evaluate(criteria, facts).category == QUALIFY
    before = qualifying(score(current, population.columns, facts).total, eligible, base)
    after = qualifying(score(changed, population.columns, facts).total, eligible, rule)
    areas = [str(field)[:2] for field in population.fields]
    return compare(before, after, population.districts, areas, base, rule)
