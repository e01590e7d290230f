"""Check a parsed expression against the variable catalogue: known names, matching types and units, conditions
where conditions are needed. The checked expression is split into its top-level clauses (the ``and`` parts)."""

from dataclasses import dataclass
from datetime import date

from gaoqi.rules.criteria.errors import CriteriaError
from gaoqi.rules.criteria.syntax import And, Compare, InList, Known, Literal, Name, Node, Not, Or, parse
from gaoqi.rules.criteria.variables import KIND_LABELS, TYPE_LABELS, UNIT_LITERALS, Variable, variable

ORDERING = (">=", "<=", ">", "<")


@dataclass(frozen=True)
class Criteria:
    """A checked expression: its source, its clauses (the top-level ``and`` parts) and the variables it reads."""

    source: str
    tree: Node
    clauses: tuple[Node, ...]
    names: frozenset[str]


def compile_criteria(source: str) -> Criteria:
    """Parse and check ``source``; raises CriteriaError with a Chinese message, line and column."""
    tree = parse(source)
    names: set[str] = set()
    _condition(tree, names)
    return Criteria(source, tree, tuple(_clauses(tree)), frozenset(names))


def _clauses(node: Node) -> list[Node]:
    """The top-level ``and`` parts, with nested ``and`` groups flattened."""
    if isinstance(node, And):
        return [clause for operand in node.operands for clause in _clauses(operand)]
    return [node]


def _fail(message: str, node: Node):
    raise CriteriaError(message, node.line, node.column)


def _condition(node: Node, names: set[str]) -> None:
    match node:
        case And(operands=operands) | Or(operands=operands):
            for operand in operands:
                _condition(operand, names)
        case Not(operand=operand):
            _condition(operand, names)
        case Name():
            var = _name(node, names)
            if var.type != "bool":
                _fail(f"“{var.name}”（{var.label}）是{TYPE_LABELS[var.type]}，不能单独作为条件，请与一个值比较", node)
        case Compare():
            _compare(node, names)
        case InList():
            _in_list(node, names)
        case Known(subject=subject):
            if not isinstance(subject, Name):
                _fail("“is known”前面应为变量名", node)
            _name(subject, names)
        case Literal():
            _fail(f"单独的值“{node.text}”不是条件，请写成“变量 比较符 值”", node)


def _name(node: Name, names: set[str]) -> Variable:
    var = variable(node.name, node.line, node.column)
    names.add(var.name)
    return var


def _compare(node: Compare, names: set[str]) -> None:
    left, right = node.left, node.right
    if isinstance(left, Literal) and isinstance(right, Name):
        left, right = right, left
    if not isinstance(left, Name):
        _fail("比较的一侧应为变量名", node.left)
    var = _name(left, names)
    if isinstance(right, Name):
        other = _name(right, names)
        if (var.type, var.unit) != (other.type, other.unit):
            _fail(f"“{var.name}”与“{other.name}”类型或单位不同，不能比较", node)
        if var.type in ("bool", "code") and node.op in ORDERING:
            _fail(f"{TYPE_LABELS[var.type]}只能用 == 或 != 比较", node)
        return
    if not isinstance(right, Literal):
        _fail("比较的另一侧应为变量名或值", right)
    _literal_fits(var, right, node)
    if var.type in ("bool", "code") and node.op in ORDERING:
        _fail(f"“{var.name}”是{TYPE_LABELS[var.type]}，只能用 == 或 != 比较", node)


def _literal_fits(var: Variable, literal: Literal, at: Node) -> None:
    expected = {
        "bool": {"bool"},
        "code": {"string"},
        "date": {"date"},
        "number": UNIT_LITERALS.get(var.unit, {"number"}),
    }[var.type]
    if literal.kind not in expected:
        wanted = "或".join(KIND_LABELS[kind] for kind in sorted(expected))
        _fail(
            f"“{var.name}”（{var.label}）应与{wanted}比较，不能与{KIND_LABELS[literal.kind]}“{literal.text}”比较",
            literal,
        )
    if literal.kind == "date":
        _valid_date(literal)


def _valid_date(literal: Literal) -> None:
    try:
        date.fromisoformat(literal.value)
    except ValueError:
        _fail(f"日期“{literal.text}”不存在", literal)


def _in_list(node: InList, names: set[str]) -> None:
    if not isinstance(node.subject, Name):
        _fail("“in”前面应为变量名", node)
    var = _name(node.subject, names)
    if var.type not in ("code", "number"):
        _fail(f"“{var.name}”是{TYPE_LABELS[var.type]}，不能用 in 列表", node)
    for item in node.items:
        _literal_fits(var, item, node)
