"""Reading one cell of the profile workbook: a typed, exact value or a Chinese message saying what is wrong."""

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_MONEY = Decimal("1000000000000")
CENT = Decimal("0.01")
YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its fixed Chinese header, the field it fills and how its cells are read."""

    header: str
    key: str
    kind: str  # text, code, money, signed_money, count, year, date, bool, choice
    required: bool = False
    choices: tuple = ()  # (code, Chinese label) pairs
    max_length: int = 0
    default: object = None
    width: int = 14


class CellError(ValueError):
    """A cell that cannot be read; the message (Chinese) says what was expected and what was found."""


def shown(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != datetime.time() else f"{value:%Y-%m-%d}"
    return repr(value) if isinstance(value, str) else str(value)


def _decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, float):
        value = repr(value)  # the decimal the cell shows, not its binary approximation
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidOperation
    return number


def _money(value, *, signed=False) -> Decimal:
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise CellError(_("应为金额（元，最多两位小数），收到 %(value)s") % {"value": shown(value)}) from None
    if number < 0 and not signed:
        raise CellError(_("金额不能为负数，收到 %(value)s") % {"value": shown(value)})
    if abs(number) >= MAX_MONEY:
        raise CellError(_("金额应小于 1万亿元，收到 %(value)s") % {"value": shown(value)})
    if number != number.quantize(CENT, rounding=ROUND_DOWN):
        raise CellError(_("金额最多保留两位小数（到分），收到 %(value)s") % {"value": shown(value)})
    return number.quantize(CENT)


def _integer(value, message: str, low: int, high: int) -> int:
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise CellError(message % {"value": shown(value)}) from None
    if number != number.to_integral_value() or not low <= number <= high:
        raise CellError(message % {"value": shown(value)})
    return int(number)


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value.strip())
        if match:
            try:
                return datetime.date(*map(int, match.groups()))
            except ValueError:
                pass
    raise CellError(_("应为日期（如 2024-05-01），收到 %(value)s") % {"value": shown(value)})


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().upper()
    if text in {YES, "TRUE", "Y", "1"}:
        return True
    if text in {NO, "FALSE", "N", "0"}:
        return False
    raise CellError(_("应为“是”或“否”，收到 %(value)s") % {"value": shown(value)})


def _text(value, column: Column) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.strftime("%Y-%m-%d") if isinstance(value, datetime.date) else str(value).strip()
    if column.max_length and len(text) > column.max_length:
        raise CellError(_("最多 %(n)s 个字符，收到 %(len)s 个") % {"n": column.max_length, "len": len(text)})
    return text


def _choice(value, column: Column) -> str:
    text = str(value).strip()
    for code, label in column.choices:
        if text in (code, label):
            return code
    if text in {"商标", "trademark"}:
        raise CellError(_("商标不属于高企认定的知识产权"))
    options = " | ".join(label for _code, label in column.choices)
    raise CellError(_("应为 %(options)s 之一，收到 %(value)s") % {"options": options, "value": shown(value)})


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(value, column: Column):
    if blank(value):
        if column.required:
            raise CellError(_("必填，不能为空"))
        return column.default
    match column.kind:
        case "money" | "signed_money":
            return _money(value, signed=column.kind == "signed_money")
        case "count":
            return _integer(value, _("应为不小于 0 的整数，收到 %(value)s"), 0, 10_000_000)
        case "year":
            return _integer(value, _("应为 1990–2100 之间的年份，收到 %(value)s"), 1990, 2100)
        case "date":
            return _date(value)
        case "bool":
            return _boolean(value)
        case "choice":
            return _choice(value, column)
    return _text(value, column)
