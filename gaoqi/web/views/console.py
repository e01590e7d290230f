"""The console for bureau, district staff and mentors: enterprise list, detail, batch re-assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoqi.apps.assessments.selectors import (
    assessment_list,
    batch_current,
    batch_get,
    enterprise_overview,
    enterprise_overview_rows,
    latest_by_enterprise,
)
from gaoqi.apps.assessments.services import assessment_can_run, assessment_run, batch_start
from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_history
from gaoqi.core.errors import DomainError
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.web.exports import overview_xlsx
from gaoqi.web.forms.console import EnterpriseFilterForm

CONSOLE_ROLES = {*STAFF_ROLES, Role.MENTOR}
PAGE_SIZE = 50


def _console_user(request):
    if request.user.role not in CONSOLE_ROLES:
        raise PermissionDenied
    return request.user


@login_required
def enterprise_list(request):
    actor = _console_user(request)
    form = EnterpriseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(enterprise_overview(actor=actor, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    latest = latest_by_enterprise(e.pk for e in page)
    rows = [(e, latest.get(e.pk)) for e in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "batch": batch_current(actor=actor),
    }
    return render(request, "console/list.html", context)


@login_required
def enterprise_export(request):
    actor = _console_user(request)
    form = EnterpriseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    response = HttpResponse(
        overview_xlsx(enterprise_overview_rows(actor=actor, **filters)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="enterprises.xlsx"'
    return response


@login_required
def enterprise_detail(request, pk):
    actor = _console_user(request)
    enterprise = enterprise_get(actor=actor, pk=pk)
    context = {
        "enterprise": enterprise,
        "fiscal_years": enterprise.fiscal_years.all(),
        "assessments": assessment_list(actor=actor, enterprise=enterprise).defer("result")[:20],
        "history": enterprise_history(actor=actor, enterprise=enterprise)[:20],
        "can_run": assessment_can_run(actor=actor, enterprise=enterprise),
    }
    return render(request, "console/detail.html", context)


@login_required
@require_POST
def enterprise_assess(request, pk):
    actor = _console_user(request)
    try:
        assessment = assessment_run(actor=actor, enterprise=enterprise_get(actor=actor, pk=pk))
    except DomainError as exc:
        messages.error(request, _("无法评估：%(message)s（%(field)s）") % {"message": exc.message, "field": exc.field})
        return redirect("console_enterprise", pk=pk)
    return redirect("report", pk=assessment.pk)


@login_required
@require_POST
def batch_create(request):
    actor = _console_user(request)
    if actor.role not in STAFF_ROLES:
        raise PermissionDenied
    if request.POST.get("confirm") != "1":
        messages.error(request, _("重新评估全部企业前，请先勾选确认。"))
        return redirect("console")
    batch_start(actor=actor)
    return redirect("console")


@login_required
def batch_progress(request, pk):
    batch = batch_get(actor=_console_user(request), pk=pk)
    return render(request, "console/_batch.html", {"batch": batch})
