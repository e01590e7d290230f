"""Chinese descriptions of clauses and the per-clause explanation for one enterprise (met / unmet with the
shortfall / data missing)."""

from decimal import Decimal

from gaoqi.rules.criteria.check import Criteria
from gaoqi.rules.criteria.evaluate import UNKNOWN, UNMET, Outcome
from gaoqi.rules.criteria.facts import Facts
from gaoqi.rules.criteria.nearness import clause_names
from gaoqi.rules.criteria.syntax import And, Compare, InList, Known, Literal, Name, Node, Not, Or
from gaoqi.rules.criteria.variables import VARIABLES

OPERATOR_WORDS = {"==": "为", "!=": "不为", ">=": "≥", "<=": "≤", ">": "＞", "<": "＜"}
FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


def show(value, unit: str = "", names: dict | None = None) -> str:
    """A value as people read it: percents for ratios, 万元 for large amounts, 是/否, codes with their names."""
    if value is None:
        return "（未知）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if unit == "ratio":
            return f"{(value * 100).normalize():f}%"
        if unit == "yuan":
            return (
                f"{(value / 10_000).quantize(Decimal('0.01')).normalize():f}万元"
                if abs(value) >= 10_000
                else f"{value:f}元"
            )
        return f"{value.normalize():f}"
    if isinstance(value, str) and names and value in names:
        return f"{names[value]}（{value}）"
    return str(value)


def _literal(literal: Literal, unit: str, names: dict | None) -> str:
    if literal.kind in ("number", "percent", "money"):
        return show(Decimal(literal.value), unit, names)
    if literal.kind == "bool":
        return show(literal.value)
    return show(literal.value, unit, names)


def describe(node: Node, names: dict | None = None) -> str:
    """A clause in words, using the catalogue's labels, e.g. “近三年研发费用占销售收入比例 ≥ 5%”."""
    match node:
        case And(operands=operands):
            return "（" + "，且".join(describe(o, names) for o in operands) + "）"
        case Or(operands=operands):
            return "（" + "，或".join(describe(o, names) for o in operands) + "）"
        case Not(operand=operand):
            return f"并非{describe(operand, names)}"
        case Name(name=name):
            return VARIABLES[name].label
        case Known(subject=subject, negated=negated):
            return f"{VARIABLES[subject.name].label}{'未填报' if negated else '已填报'}"
        case InList(subject=subject, items=items, negated=negated):
            var = VARIABLES[subject.name]
            listed = "、".join(_literal(item, var.unit, names) for item in items)
            return f"{var.label}{'不属于' if negated else '属于'}：{listed}"
        case Compare(left=left, op=op, right=right):
            if isinstance(left, Literal):
                left, op, right = right, FLIPPED[op], left
            var = VARIABLES[left.name]
            other = VARIABLES[right.name].label if isinstance(right, Name) else _literal(right, var.unit, names)
            if var.type == "bool" and op == "==" and isinstance(right, Literal):
                return var.label if right.value else f"非{var.label}"
            return f"{var.label} {OPERATOR_WORDS[op]} {other}"
    return str(node)


def _shortfall(node: Node, facts: Facts, row: int, names: dict | None, *, gap: bool) -> str:
    """What the enterprise has against what the clause asks, with the gap for numeric thresholds."""
    if isinstance(node, Compare):
        left, op, right = node.left, node.op, node.right
        if isinstance(left, Literal):
            left, op, right = right, FLIPPED[op], left
        var = VARIABLES[left.name]
        actual = facts.value(left.name, row)
        text = f"实际{show(actual, var.unit, names)}"
        if gap and var.type == "number" and isinstance(right, Literal) and op in (">=", ">", "<=", "<"):
            gap = abs(Decimal(right.value) - actual)
            if var.unit == "ratio":
                return f"{text}，差 {(gap * 100).normalize():f} 个百分点"
            return f"{text}，差 {show(gap, var.unit)}"
        return text
    named = sorted(clause_names(node))
    return "；".join(f"{VARIABLES[n].label}：{show(facts.value(n, row), VARIABLES[n].unit, names)}" for n in named)


def explain(criteria: Criteria, outcome: Outcome, facts: Facts, row: int = 0, names: dict | None = None) -> list[dict]:
    """For one enterprise (``row``), each clause: ``{"clause", "status", "detail"}``."""
    explained = []
    for index, clause in enumerate(criteria.clauses):
        status = outcome.status(index, row)
        if status == UNKNOWN:
            missing = [VARIABLES[n].label for n in sorted(clause_names(clause)) if not facts[n].known[row]]
            detail = "缺少数据：" + "、".join(missing) if missing else "缺少数据"
        elif status == UNMET:
            detail = _shortfall(clause, facts, row, names, gap=True)
        else:
            detail = "" if isinstance(clause, Name) else _shortfall(clause, facts, row, names, gap=False)
        explained.append({"clause": describe(clause, names), "status": status, "detail": detail})
    return explained
