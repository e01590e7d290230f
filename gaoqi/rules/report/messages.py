"""The rules' sentences in each language: messages (an id and positional arguments, kept in every result) rendered
through the catalogue ``messages.yaml``, which the engine owns. The platform chooses the language; nothing here
imports Django."""

import string
from functools import cache
from pathlib import Path

import yaml

from gaoqi.rules.engine.parameters import SAFE_LOADER

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
_FORMATTER = string.Formatter()


@cache
def catalogue() -> dict:
    return yaml.load((Path(__file__).parent / "messages.yaml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


@cache
def _entry(message_id: str) -> tuple[dict, tuple[str, ...]]:
    """The texts of a message by language, and the argument names in the order results carry them."""
    node, names = catalogue(), ()
    for part in message_id.split("."):
        if "args" in node:
            names = tuple(arg.split(":")[0] for arg in node["args"])
        node = node[part]
    if "args" in node:
        names = tuple(arg.split(":")[0] for arg in node["args"])
    return node, names


def argument_names(message_id: str) -> tuple[str, ...]:
    return _entry(message_id)[1]


def language_of(code: str | None) -> str:
    """The catalogue language for a language code such as ``en-us`` or ``zh-hans`` (Chinese by default)."""
    return "en" if code and code.lower().startswith("en") else DEFAULT


def render(message: dict | None, language: str = DEFAULT) -> str | None:
    """The sentence of a message ``{"id", "args"}`` in ``language``."""
    if not message:
        return None
    texts, names = _entry(message["id"])
    values = dict(zip(names, message.get("args") or (), strict=False))
    return _fill(texts.get(language) or texts[DEFAULT], values, language)


def text(message_id: str, language: str = DEFAULT, **values) -> str:
    """A catalogue sentence from named values (constant texts such as labels and report headings)."""
    texts, _ = _entry(message_id)
    return _fill(texts.get(language) or texts[DEFAULT], values, language)


def _fill(template: str, values: dict, language: str) -> str:
    out = []
    for literal, name, kind, _ in _FORMATTER.parse(template):
        out.append(literal)
        if name is not None:
            out.append(FORMATS[kind](values.get(name), language))
    return "".join(out)


def yuan(value, language: str = DEFAULT) -> str:
    """'1234567.80' → '1,234,567.80元' (zh) or 'CNY 1,234,567.80' (en)."""
    whole, _, cents = str(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    amount = f"{sign}{int(whole.lstrip('-')):,}.{(cents or '00'):0<2}"
    return f"{amount}元" if language == DEFAULT else f"CNY {amount}"


def percent(value, language: str = DEFAULT) -> str:
    """'0.0512' → '5.12%', '0.1' → '10%' (exact digits, truncated as the ratio is, no rounding up)."""
    if value is None:
        return "无法计算" if language == DEFAULT else "not computable"
    whole, _, decimals = str(value).partition(".")
    digits = (decimals + "0000")[:4]
    sign = "-" if whole.startswith("-") else ""
    fraction = digits[2:].rstrip("0")
    number = f"{int(whole.lstrip('-')) * 100 + int(digits[:2])}"
    return f"{sign}{number}{'.' + fraction if fraction else ''}%"


def gain_text(gain: dict | None) -> str | None:
    """A score gain {"min", "max"} as the argument text: '2–4', or '2' when both are equal."""
    if gain is None:
        return None
    return str(gain["min"]) if gain["min"] == gain["max"] else f"{gain['min']}–{gain['max']}"


def gain(value, language: str = DEFAULT) -> str:
    """'2–4' → '+2–4分' / '+2–4 points'."""
    return f"+{value}分" if language == DEFAULT else f"+{value} points"


FORMATS = {
    "yuan": yuan,
    "percent": percent,
    "gain": gain,
    "int": lambda value, language: str(value),
    "date": lambda value, language: str(value),
    "text": lambda value, language: str(value),
}
