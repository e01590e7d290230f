"""When an enterprise "nearly" qualifies: few unmet clauses, none structural, and cheap to close.

The thresholds are dated settings (``nearness.yaml``). The cost of closing an unmet clause comes from what its
variables declare (``Variable.closing``): the self-assessment's gap plan for HTE results (counted once however many
HTE clauses are unmet), the shortfall itself for amounts the enterprise spends, nothing for supplying data.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np

from gaoqi.rules.criteria.check import Criteria
from gaoqi.rules.criteria.facts import SCALE, Column, Facts
from gaoqi.rules.criteria.syntax import And, Compare, InList, Known, Literal, Name, Node, Not, Or
from gaoqi.rules.criteria.variables import GAP_PLAN, SHORTFALL, STRUCTURAL, VARIABLES
from gaoqi.rules.engine.parameters import ParameterSet

SETTINGS = Path(__file__).with_name("nearness.yaml")
GAP_COST = "hte.gap_cost"


@dataclass(frozen=True)
class Near:
    """At most ``max_unmet`` unmet clauses, none structural, closing them estimated at most ``cost_limit`` yuan."""

    max_unmet: int
    cost_limit: Decimal
    cost_share: Decimal
    support_amount: Decimal | None
    since: dt.date

    @property
    def cost_limit_scaled(self) -> int:
        return int(self.cost_limit * SCALE)


@cache
def _settings() -> ParameterSet:
    return ParameterSet.load({"nearness": SETTINGS})


def near_on(day: dt.date, support_amount: Decimal | None = None) -> Near:
    """The nearness rule in force on ``day`` for a policy offering at most ``support_amount`` yuan (None: unstated)."""
    settings = _settings()
    max_unmet = settings["nearness.max_unmet"].entry_at(day)
    share = settings["nearness.cost_share"].entry_at(day)
    cap = settings["nearness.cost_cap"].entry_at(day)
    cost_share = Decimal(share.value.numerator) / Decimal(share.value.denominator)
    share_of_award = support_amount and (support_amount * cost_share).quantize(Decimal("0.01"))
    limit = share_of_award or Decimal(cap.value) / 100
    since = max(max_unmet.since, share.since, cap.since)
    return Near(max_unmet.value, limit, cost_share, support_amount or None, since)


def cost_facts(criteria: Criteria) -> frozenset[str]:
    """The extra facts needed to cost the criteria's gaps."""
    return frozenset({GAP_COST}) if any(VARIABLES[n].closing == GAP_PLAN for n in criteria.names) else frozenset()


def clause_names(node: Node) -> set[str]:
    """Every variable a clause reads."""
    match node:
        case Name(name=name):
            return {name}
        case And(operands=operands) | Or(operands=operands):
            return set().union(*(clause_names(o) for o in operands))
        case Not(operand=operand):
            return clause_names(operand)
        case Compare(left=left, right=right):
            return clause_names(left) | clause_names(right)
        case InList(subject=subject) | Known(subject=subject):
            return {subject.name}
    return set()


@dataclass(frozen=True)
class ClauseCost:
    """How one clause closes: never (structural), through the gap plan, or at a cost per enterprise."""

    closable: bool
    gap_plan: bool = False
    shortfall: Column | None = None  # ten-thousandths of yuan; None means free


def clause_cost(clause: Node, facts: Facts) -> ClauseCost:
    """The cost of closing ``clause`` for each enterprise, when it is unmet."""
    if isinstance(clause, Known):
        return ClauseCost(True)
    kinds = {VARIABLES[name].closing for name in clause_names(clause)}
    if STRUCTURAL in kinds:
        return ClauseCost(False)
    shortfall = None
    if SHORTFALL in kinds:
        shortfall = _shortfall(clause, facts)
        if shortfall is None:
            return ClauseCost(False)
    return ClauseCost(True, GAP_PLAN in kinds, shortfall)


def _shortfall(clause: Node, facts: Facts) -> Column | None:
    """``amount >= literal`` (or ``>``) costs the missing amount; other shapes cannot be costed."""
    if not (isinstance(clause, Compare) and isinstance(clause.left, Name) and isinstance(clause.right, Literal)):
        return None
    if clause.op not in (">=", ">") or VARIABLES[clause.left.name].closing != SHORTFALL:
        return None
    column = facts[clause.left.name]
    wanted = int(Decimal(clause.right.value) * SCALE)
    return Column(np.maximum(wanted - column.values, 0), column.known)


def closing_cost(criteria: Criteria, facts: Facts, unmet: np.ndarray) -> Column:
    """Per enterprise, the estimated cost (ten-thousandths of yuan) of closing every unmet clause; unknown where a
    clause cannot be closed or its cost is not known. ``unmet`` is clauses × enterprises."""
    total = np.zeros(facts.size, dtype=np.int64)
    known = np.ones(facts.size, dtype=bool)
    needs_plan = np.zeros(facts.size, dtype=bool)
    for index, clause in enumerate(criteria.clauses):
        rows = unmet[index]
        cost = clause_cost(clause, facts)
        if not cost.closable:
            known &= ~rows
            continue
        needs_plan |= rows & cost.gap_plan
        if cost.shortfall is not None:
            total += np.where(rows, cost.shortfall.values, 0)
            known &= ~rows | cost.shortfall.known
    plan = facts[GAP_COST]
    total += np.where(needs_plan, plan.values, 0)
    known &= ~needs_plan | plan.known
    return Column(total, known)
