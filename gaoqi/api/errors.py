"""One error envelope for every API failure: ``{"code", "message", "details"}``."""

from django.http import Http404
from django.utils.translation import gettext as _
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


def envelope(api: NinjaAPI, request, status: int, code: str, message: str, details=None):
    return api.create_response(request, {"code": code, "message": message, "details": details or {}}, status=status)


def _location(loc) -> str:
    parts = [str(p) for p in loc if p not in {"body", "payload", "query", "path", "form"}]
    return ".".join(parts)


def install(api: NinjaAPI) -> None:
    """Register the handlers that shape errors."""

    @api.exception_handler(ValidationError)
    def validation(request, exc):
        details = {"fields": [{"field": _location(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors]}
        return envelope(api, request, 422, "invalid", _("请求数据有误，请按提示修改。"), details)

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

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return envelope(api, request, exc.status_code, STATUS_CODES.get(exc.status_code, "error"), str(exc))
