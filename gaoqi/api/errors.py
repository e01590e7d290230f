"""One error envelope for every API failure: ``{"code", "message", "details"}``.

Validation errors list ``details.fields[] = {field, message}``: the dotted path of the field and a Chinese message
saying what was expected (``FIELD_MESSAGES``, from Pydantic's error types and their limits).
"""

import json

from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gaoqi.core.errors import DomainError, NotFound, PermissionDenied

STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
}
FIELD_MESSAGES = {
    "missing": gettext_lazy("必填"),
    "extra_forbidden": gettext_lazy("不接受此字段"),
    "string_type": gettext_lazy("应为文本"),
    "string_too_short": gettext_lazy("至少 %(min_length)s 个字符"),
    "string_too_long": gettext_lazy("最多 %(max_length)s 个字符"),
    "string_pattern_mismatch": gettext_lazy("格式不正确（应符合 %(pattern)s）"),
    "int_type": gettext_lazy("应为整数"),
    "int_parsing": gettext_lazy("应为整数"),
    "int_from_float": gettext_lazy("应为整数，不能有小数"),
    "int_parsing_size": gettext_lazy("整数过大"),
    "float_type": gettext_lazy("应为数字"),
    "float_parsing": gettext_lazy("应为数字"),
    "finite_number": gettext_lazy("应为有限的数字"),
    "decimal_type": gettext_lazy("应为数字"),
    "decimal_parsing": gettext_lazy("应为数字，例如 1234.56"),
    "decimal_max_digits": gettext_lazy("数字位数过多：最多 %(max_digits)s 位"),
    "decimal_max_places": gettext_lazy("小数最多 %(decimal_places)s 位"),
    "decimal_whole_digits": gettext_lazy("整数部分位数过多：最多 %(whole_digits)s 位"),
    "bool_type": gettext_lazy("应为 true 或 false"),
    "bool_parsing": gettext_lazy("应为 true 或 false"),
    "greater_than": gettext_lazy("应大于 %(gt)s"),
    "greater_than_equal": gettext_lazy("不能小于 %(ge)s"),
    "less_than": gettext_lazy("应小于 %(lt)s"),
    "less_than_equal": gettext_lazy("不能大于 %(le)s"),
    "date_type": gettext_lazy("应为日期，格式如 2026-05-01"),
    "date_parsing": gettext_lazy("应为日期，格式如 2026-05-01"),
    "date_from_datetime_parsing": gettext_lazy("应为日期，格式如 2026-05-01"),
    "date_from_datetime_inexact": gettext_lazy("应为日期，不能带时刻"),
    "datetime_type": gettext_lazy("应为时间，格式如 2026-05-01T09:30"),
    "datetime_parsing": gettext_lazy("应为时间，格式如 2026-05-01T09:30"),
    "datetime_from_date_parsing": gettext_lazy("应为时间，格式如 2026-05-01T09:30"),
    "time_type": gettext_lazy("应为时刻，格式如 22:00"),
    "time_parsing": gettext_lazy("应为时刻，格式如 22:00"),
    "list_type": gettext_lazy("应为列表"),
    "too_short": gettext_lazy("至少 %(min_length)s 项"),
    "too_long": gettext_lazy("最多 %(max_length)s 项"),
    "dict_type": gettext_lazy("应为对象"),
    "model_type": gettext_lazy("应为对象"),
    "model_attributes_type": gettext_lazy("应为对象"),
    "literal_error": gettext_lazy("应为以下之一：%(expected)s"),
    "enum": gettext_lazy("应为以下之一：%(expected)s"),
    "json_invalid": gettext_lazy("不是有效的 JSON"),
}


def envelope(api: NinjaAPI, request, status: int, code: str, message: str, details=None):
    return api.create_response(request, {"code": code, "message": message, "details": details or {}}, status=status)


def _location(loc) -> str:
    parts = [str(p) for p in loc if p not in {"body", "payload", "query", "path", "form"}]
    return ".".join(parts)


def field_message(error: dict) -> str:
    """A Chinese message for one Pydantic error; our own validators' messages (``value_error``) as they are."""
    if error.get("type") == "value_error":
        return str(error.get("ctx", {}).get("error", error.get("msg", "")))
    template = FIELD_MESSAGES.get(error.get("type", ""))
    if template is None:
        return error.get("msg", "")
    try:
        return str(template) % {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return error.get("msg", "")


def install(api: NinjaAPI) -> None:
    """Register the handlers that shape errors."""

    @api.exception_handler(ValidationError)
    def validation(request, exc):
        fields = [{"field": _location(e.get("loc", ())), "message": field_message(e)} for e in exc.errors]
        return envelope(api, request, 422, "invalid", _("请求数据有误，请按提示修改。"), {"fields": fields})

    @api.exception_handler(DomainError)
    def domain(request, exc):
        return envelope(api, request, 400, exc.code, exc.message, {"field": exc.field} if exc.field else None)

    @api.exception_handler(NotFound)
    def not_found(request, exc):
        return envelope(api, request, 404, "not_found", _("对象不存在或无权查看。"))

    @api.exception_handler(Http404)
    def http404(request, exc):
        return envelope(api, request, 404, "not_found", _("对象不存在或无权查看。"))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return envelope(api, request, 403, "forbidden", _("您的账户无权执行此操作。"))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return envelope(api, request, 401, "unauthenticated", _("请先登录或提供有效的 API 令牌。"))

    @api.exception_handler(MultiPartParserError)
    def unreadable_form(request, exc):
        return envelope(
            api, request, 400, "bad_request", _("表单数据无法解析（multipart 请求须带 boundary，且内容完整）。")
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        cause = exc.__cause__
        if isinstance(cause, ValidationError):  # raised by the parser while ninja read the body
            return validation(request, cause)
        if isinstance(cause, json.JSONDecodeError | UnicodeDecodeError):
            return envelope(api, request, 400, "bad_request", _("请求体不是有效的 JSON（UTF-8 编码）。"))
        return envelope(api, request, exc.status_code, STATUS_CODES.get(exc.status_code, "error"), str(exc))
