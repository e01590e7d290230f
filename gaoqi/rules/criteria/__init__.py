"""The policy criteria language: a small, pure expression language over enterprise facts and assessment results.

``compile_criteria(text)`` parses and checks (never ``eval``); ``evaluate(criteria, facts)`` classifies many
enterprises at once (vectorised); ``explain(...)`` says, clause by clause, why one enterprise does or does not match.
"""

from gaoqi.rules.criteria.check import Criteria, compile_criteria
from gaoqi.rules.criteria.errors import CriteriaError
from gaoqi.rules.criteria.evaluate import LACKS, MET, NEARLY, NO, QUALIFY, UNKNOWN, UNMET, Outcome, evaluate
from gaoqi.rules.criteria.explain import describe, explain, show
from gaoqi.rules.criteria.facts import SCALE, Column, Facts, facts_from_lists, facts_from_record
from gaoqi.rules.criteria.nearness import Near, cost_facts, near_on
from gaoqi.rules.criteria.variables import VARIABLES, Variable

__all__ = [
    "LACKS",
    "MET",
    "NEARLY",
    "NO",
    "QUALIFY",
    "SCALE",
    "UNKNOWN",
    "UNMET",
    "VARIABLES",
    "Column",
    "Criteria",
    "CriteriaError",
    "Facts",
    "Near",
    "Outcome",
    "Variable",
    "compile_criteria",
    "cost_facts",
    "describe",
    "evaluate",
    "explain",
    "facts_from_lists",
    "facts_from_record",
    "near_on",
    "show",
]
