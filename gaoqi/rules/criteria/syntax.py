"""The syntax tree of a criteria expression and the recursive-descent parser that builds it (no ``eval``).

Grammar (keywords also in Chinese: 且/并且 = and, 或/或者 = or, 非 = not)::

    expression := conjunction ("or" conjunction)*
    conjunction := negation ("and" negation)*
    negation   := "not" negation | test
    test       := operand [ ("=="|"!="|">="|"<="|">"|"<") operand
                          | ["not"] "in" "(" literal ("," literal)* ")"
                          | "is" ["not"] "known" ]
    operand    := name | literal | "(" expression ")"
"""

from dataclasses import dataclass

from gaoqi.rules.criteria.errors import CriteriaError
from gaoqi.rules.criteria.lexer import Token, tokenize

MAX_DEPTH = 40
MAX_ITEMS = 500
COMPARISONS = ("==", "!=", ">=", "<=", ">", "<")
LITERALS = ("number", "percent", "money", "date", "string")


@dataclass(frozen=True)
class Node:
    line: int
    column: int


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Literal(Node):
    kind: str  # number, percent, money, date, string, bool
    value: object
    text: str


@dataclass(frozen=True)
class Compare(Node):
    left: Node
    op: str
    right: Node


@dataclass(frozen=True)
class InList(Node):
    subject: Node
    items: tuple[Literal, ...]
    negated: bool


@dataclass(frozen=True)
class Known(Node):
    subject: Node
    negated: bool


@dataclass(frozen=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True)
class And(Node):
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    operands: tuple[Node, ...]


def _describe(token: Token) -> str:
    return "表达式结尾" if token.kind == "end" else f"“{token.text}”"


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def fail(self, message: str, token: Token | None = None):
        token = token or self.token
        raise CriteriaError(message, token.line, token.column)

    def advance(self) -> Token:
        token = self.token
        self.index += 1
        return token

    def accept(self, kind: str, text: str) -> Token | None:
        if self.token.kind == kind and self.token.text == text:
            return self.advance()
        return None

    def expect(self, kind: str, text: str, what: str) -> Token:
        token = self.accept(kind, text)
        if token is None:
            self.fail(f"此处应为{what}，实际是{_describe(self.token)}")
        return token

    def nested(self, parse):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail(f"嵌套层数过多（最多 {MAX_DEPTH} 层），请简化条件")
        try:
            return parse()
        finally:
            self.depth -= 1

    def expression(self) -> Node:
        return self.nested(lambda: self.chain("or", Or, self.conjunction))

    def conjunction(self) -> Node:
        return self.chain("and", And, self.negation)

    def chain(self, keyword: str, build, parse_operand) -> Node:
        first = self.token
        operands = [parse_operand()]
        while self.accept("keyword", keyword):
            operands.append(parse_operand())
        return operands[0] if len(operands) == 1 else build(first.line, first.column, tuple(operands))

    def negation(self) -> Node:
        token = self.accept("keyword", "not")
        if token is None:
            return self.test()
        return Not(token.line, token.column, self.nested(self.negation))

    def test(self) -> Node:
        subject = self.operand()
        token = self.token
        if token.kind == "op" and token.text in COMPARISONS:
            self.advance()
            return Compare(token.line, token.column, subject, token.text, self.operand())
        if token.kind == "keyword" and token.text == "is":
            self.advance()
            negated = self.accept("keyword", "not") is not None
            self.expect("keyword", "known", "“known”")
            return Known(token.line, token.column, subject, negated)
        negated = self.accept("keyword", "not") is not None
        if negated or (token.kind == "keyword" and token.text == "in"):
            self.expect("keyword", "in", "“in”")
            return InList(token.line, token.column, subject, self.items(), negated)
        return subject

    def items(self) -> tuple[Literal, ...]:
        self.expect("op", "(", "左括号“(”")
        items = [self.literal()]
        while self.accept("op", ","):
            if len(items) >= MAX_ITEMS:
                self.fail(f"列表项过多（最多 {MAX_ITEMS} 项）")
            items.append(self.literal())
        self.expect("op", ")", "右括号“)”或逗号")
        return tuple(items)

    def literal(self) -> Literal:
        token = self.token
        if token.kind in LITERALS:
            self.advance()
            return Literal(token.line, token.column, token.kind, token.value, token.text)
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.advance()
            return Literal(token.line, token.column, "bool", token.text == "true", token.text)
        return self.fail(f"此处应为数值、文字（加引号）或日期，实际是{_describe(token)}")

    def operand(self) -> Node:
        token = self.token
        if token.kind == "name":
            self.advance()
            return Name(token.line, token.column, token.text)
        if self.accept("op", "("):
            inner = self.expression()
            self.expect("op", ")", "右括号“)”")
            return inner
        if token.kind in LITERALS or token.text in ("true", "false"):
            return self.literal()
        return self.fail(f"此处应为变量名、数值或左括号，实际是{_describe(token)}")


def parse(source: str) -> Node:
    """The syntax tree of ``source``; raises CriteriaError (Chinese message, line and column) when it cannot be read."""
    tokens = tokenize(source)
    if tokens[0].kind == "end":
        raise CriteriaError("条件表达式为空")
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.token.kind != "end":
        parser.fail(f"多余的内容{_describe(parser.token)}，是否缺少“and”或“or”？")
    return tree
