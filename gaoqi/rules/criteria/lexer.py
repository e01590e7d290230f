"""Turn criteria text into tokens: names, literals (numbers, percents, money, dates, strings), operators, keywords."""

import re
from dataclasses import dataclass
from decimal import Decimal

from gaoqi.rules.criteria.errors import CriteriaError

MAX_LENGTH = 4000
KEYWORDS = {"and", "or", "not", "in", "is", "known", "true", "false"}
ALIASES = {"且": "and", "并且": "and", "或": "or", "或者": "or", "非": "not"}
MONEY_UNITS = {
    "元": Decimal(1),
    "万": Decimal(10_000),
    "万元": Decimal(10_000),
    "亿": Decimal(10**8),
    "亿元": Decimal(10**8),
}
OPERATORS = ("==", "!=", ">=", "<=", ">", "<", "(", ")", ",", "≥", "≤", "≠", "＝", "（", "）", "，")
FULL_WIDTH = {"≥": ">=", "≤": "<=", "≠": "!=", "＝": "==", "（": "(", "）": ")", "，": ","}

_PATTERNS = [
    ("space", r"[ \t\r\n\u3000]+"),
    ("date", r"\d{4}-\d{2}-\d{2}(?![\d-])"),
    ("number", r"\d+(?:\.\d+)?(?:%|％|亿元|万元|亿|万|元)?"),
    ("string", r"\"[^\"\n]*\"|'[^'\n]*'|“[^”\n]*”"),
    ("name", r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|并且|或者|且|或|非"),
    ("op", "|".join(re.escape(op) for op in OPERATORS)),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS))


@dataclass(frozen=True)
class Token:
    kind: str  # name, keyword, number, percent, money, date, string, op, end
    text: str
    line: int
    column: int
    value: object = None


def _number(text: str) -> tuple[str, Decimal]:
    for suffix in ("%", "％"):
        if text.endswith(suffix):
            return "percent", Decimal(text[:-1]) / 100
    for unit in sorted(MONEY_UNITS, key=len, reverse=True):
        if text.endswith(unit):
            return "money", Decimal(text[: -len(unit)]) * MONEY_UNITS[unit]
    return "number", Decimal(text)


def tokenize(source: str) -> list[Token]:
    """All tokens of ``source`` followed by an ``end`` token; raises CriteriaError at the first unreadable character."""
    if len(source) > MAX_LENGTH:
        raise CriteriaError(f"条件表达式过长（{len(source)} 个字符），最多 {MAX_LENGTH} 个字符")
    tokens, position, line, line_start = [], 0, 1, 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        column = position - line_start + 1
        if match is None:
            raise CriteriaError(f"无法识别的字符“{source[position]}”", line, column)
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            line += text.count("\n")
            if "\n" in text:
                line_start = position + text.rindex("\n") + 1
        elif kind == "name":
            word = ALIASES.get(text, text)
            tokens.append(Token("keyword" if word in KEYWORDS else "name", word, line, column))
        elif kind == "number":
            literal_kind, value = _number(text)
            tokens.append(Token(literal_kind, text, line, column, value))
        elif kind == "date":
            tokens.append(Token("date", text, line, column, text))
        elif kind == "string":
            tokens.append(Token("string", text, line, column, text[1:-1]))
        else:
            tokens.append(Token("op", FULL_WIDTH.get(text, text), line, column))
        position = match.end()
    tokens.append(Token("end", "", line, position - line_start + 1))
    return tokens
