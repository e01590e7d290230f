"""The API's request parser: ninja's, refusing text with NUL characters (no database stores them) wherever they
appear in a JSON body, a query string or a form, with the field named."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

NUL = "\x00"


def _nul_paths(value, path: tuple) -> list[tuple]:
    if isinstance(value, str):
        return [path] if NUL in value else []
    if isinstance(value, dict):
        found = [(*path, key) for key in value if isinstance(key, str) and NUL in key]
        return found + [p for key, item in value.items() for p in _nul_paths(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _nul_paths(item, (*path, index))]
    return []


def refuse_nul(data, source: str):
    """``data`` unchanged, or a ValidationError listing every field whose text holds a NUL character."""
    paths = _nul_paths(data, (source,))
    if paths:
        message = _("不能包含空字符（\\u0000）")
        raise ValidationError([{"loc": path, "msg": message, "type": "value_error"} for path in paths])
    return data


class ApiParser(Parser):
    def parse_body(self, request):
        return refuse_nul(super().parse_body(request), "body")

    def parse_querydict(self, data, list_fields, request):
        return refuse_nul(super().parse_querydict(data, list_fields, request), "query")
