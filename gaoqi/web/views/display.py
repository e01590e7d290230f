"""The large-type and high-contrast switches: each button flips one choice and comes back to the same page."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoqi.web.display import COOKIE, COOKIE_MAX_AGE, OPTIONS, display_of


def _back(request) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@require_POST
def display_toggle(request):
    option = request.POST.get("toggle", "")
    if option not in OPTIONS:
        return HttpResponseBadRequest(_("未知的显示选项。"))
    display = display_of(request).toggled(option)
    response = redirect(_back(request))
    response.set_cookie(
        COOKIE,
        display.cookie_value,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
