"""Vectorised three-valued evaluation of checked criteria over columnar facts, and the match classification.

Each clause is met, unmet or unknown for each enterprise (Kleene logic: unknown data never counts as met).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np

from gaoqi.rules.criteria.check import Criteria
from gaoqi.rules.criteria.facts import EPOCH, SCALE, Column, Facts
from gaoqi.rules.criteria.nearness import Near, closing_cost
from gaoqi.rules.criteria.syntax import And, Compare, InList, Known, Literal, Name, Node, Not, Or
from gaoqi.rules.criteria.variables import VARIABLES

QUALIFY, NEARLY, LACKS, NO = "qualify", "nearly", "lacks", "no"
MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Truth:
    value: np.ndarray  # meaningful where known
    known: np.ndarray


@dataclass(frozen=True)
class Outcome:
    """Per enterprise: each clause's truth, the classification (qualify / nearly / lacks / no) and the estimated
    cost of closing the unmet clauses (ten-thousandths of yuan; unknown where they cannot be closed)."""

    clauses: tuple[Truth, ...]
    category: np.ndarray  # object array of QUALIFY, NEARLY, LACKS, NO
    unmet: np.ndarray  # clauses × enterprises
    cost: Column

    def unmet_clauses(self, row: int) -> list[int]:
        return np.flatnonzero(self.unmet[:, row]).tolist()

    def counts(self) -> dict[str, int]:
        kinds, numbers = np.unique(self.category, return_counts=True)
        found = dict(zip(kinds.tolist(), numbers.tolist(), strict=True))
        return {kind: found.get(kind, 0) for kind in (QUALIFY, NEARLY, LACKS, NO)}

    def status(self, clause: int, row: int) -> str:
        truth = self.clauses[clause]
        if not truth.known[row]:
            return UNKNOWN
        return MET if truth.value[row] else UNMET


def evaluate(criteria: Criteria, facts: Facts, near: Near | None = None) -> Outcome:
    """Evaluate every clause for every enterprise in ``facts`` and classify them. Without a ``near`` rule nobody is
    classified as nearly qualifying."""
    truths = tuple(_truth(clause, facts) for clause in criteria.clauses)
    met = np.array([t.known & t.value for t in truths]).reshape(len(truths), facts.size)
    unmet = np.array([t.known & ~t.value for t in truths]).reshape(len(truths), facts.size)
    unknown = np.array([~t.known for t in truths]).reshape(len(truths), facts.size)
    unmet_count = unmet.sum(axis=0)
    category = np.full(facts.size, NO, dtype=object)
    category[met.all(axis=0)] = QUALIFY
    category[(unmet_count == 0) & unknown.any(axis=0)] = LACKS
    cost = closing_cost(criteria, facts, unmet)
    if near is not None:
        few = (unmet_count >= 1) & (unmet_count <= near.max_unmet) & ~unknown.any(axis=0)
        category[few & cost.known & (cost.values <= near.cost_limit_scaled)] = NEARLY
    return Outcome(truths, category, unmet, cost)


def _truth(node: Node, facts: Facts) -> Truth:
    match node:
        case And(operands=operands):
            return _all([_truth(o, facts) for o in operands])
        case Or(operands=operands):
            parts = [_truth(o, facts) for o in operands]
            negated = _all([Truth(~p.value, p.known) for p in parts])
            return Truth(~negated.value, negated.known)
        case Not(operand=operand):
            inner = _truth(operand, facts)
            return Truth(~inner.value, inner.known)
        case Name(name=name):
            column = facts[name]
            return Truth(column.values.astype(bool), column.known)
        case Known(subject=subject, negated=negated):
            known = facts[subject.name].known
            return Truth(~known if negated else known.copy(), np.ones(facts.size, dtype=bool))
        case InList():
            return _in_list(node, facts)
        case Compare():
            return _compare(node, facts)
    raise TypeError(node)


def _all(parts: list[Truth]) -> Truth:
    false_somewhere = np.logical_or.reduce([p.known & ~p.value for p in parts])
    all_known = np.logical_and.reduce([p.known for p in parts])
    value = ~false_somewhere
    return Truth(value, false_somewhere | all_known)


def _in_list(node: InList, facts: Facts) -> Truth:
    column = facts[node.subject.name]
    items = [_scalar(item) for item in node.items]
    inside = np.isin(column.values, np.array(items, dtype=column.values.dtype))
    return Truth(~inside if node.negated else inside, column.known)


def _compare(node: Compare, facts: Facts) -> Truth:
    left, op, right = node.left, node.op, node.right
    if isinstance(left, Literal):
        left, op, right = right, FLIPPED[op], left
    column = facts[left.name]
    if isinstance(right, Name):
        other = facts[right.name]
        return Truth(_apply(op, column.values, other.values), column.known & other.known)
    if VARIABLES[left.name].type == "number":
        return Truth(_number_compare(op, column.values, right.value), column.known)
    return Truth(_apply(op, column.values, _scalar(right)), column.known)


def _number_compare(op: str, values: np.ndarray, literal: Decimal) -> np.ndarray:
    """Exact comparison of ten-thousandths with a Decimal that may have more places than the data."""
    scaled = literal * SCALE
    if scaled == scaled.to_integral_value():
        return _apply(op, values, int(scaled))
    ceiling, floor = int(scaled.to_integral_value(ROUND_CEILING)), int(scaled.to_integral_value(ROUND_FLOOR))
    match op:
        case ">=" | ">":
            return values >= ceiling
        case "<=" | "<":
            return values <= floor
        case "==":
            return np.zeros(values.shape, dtype=bool)
    return np.ones(values.shape, dtype=bool)


def _apply(op: str, left: np.ndarray, right) -> np.ndarray:
    match op:
        case "==":
            return np.asarray(left == right, dtype=bool)
        case "!=":
            return np.asarray(left != right, dtype=bool)
        case ">=":
            return left >= right
        case "<=":
            return left <= right
        case ">":
            return left > right
    return left < right


def _scalar(literal: Literal):
    """A literal in the columns' representation."""
    match literal.kind:
        case "number" | "percent" | "money":
            scaled = literal.value * SCALE
            return int(scaled) if scaled == scaled.to_integral_value() else float(scaled)
        case "date":
            return (date.fromisoformat(literal.value) - EPOCH).days
    return literal.value


def clause_truths(criteria: Criteria, facts: Facts) -> tuple[Truth, ...]:
    """Each top-level clause's three-valued truth for every enterprise, without the classification (for callers that
    combine clauses of many criteria themselves)."""
    return tuple(_truth(clause, facts) for clause in criteria.clauses)
