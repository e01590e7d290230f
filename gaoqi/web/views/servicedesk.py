"""Pages of 有求必应: the request list, a new request, one request with its history, downloads, the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.selectors import (
    CONSOLE_ROLES,
    attachment_get,
    next_states,
    preferred_mentor_choices,
    request_get,
    request_search,
    sla_dashboard,
    station_choices,
)
from gaoqi.apps.servicedesk.services import request_submit, request_transition
from gaoqi.core.errors import DomainError
from gaoqi.core.roles import Role
from gaoqi.web.forms.servicedesk import RequestForm, TransitionForm

PAGE_SIZE = 30


@login_required
@require_GET
def request_index(request):
    if request.user.role not in {*CONSOLE_ROLES, Role.ENTERPRISE}:
        raise PermissionDenied
    state = request.GET.get("state", "")
    state = state if state in ServiceRequest.State.values else ""
    rows = request_search(actor=request.user, state=state, escalated=bool(request.GET.get("escalated")))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "query": query.urlencode(),
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "states": ServiceRequest.State.choices,
        "state": state,
        "can_submit": enterprise_own(actor=request.user) is not None,
    }
    return render(request, "servicedesk/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    if enterprise_own(actor=request.user) is None:
        raise PermissionDenied
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        mentors=preferred_mentor_choices(actor=request.user),
        stations=station_choices(),
    )
    if form.is_valid():
        try:
            created = request_submit(
                actor=request.user, files=form.cleaned_data.pop("attachments"), **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("需求已提交：%(reason)s") % {"reason": created.route_reason})
            return redirect("servicedesk:detail", pk=created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "servicedesk/new.html", {"form": form}, status=status)


def _detail(request, service_request, form=None, status=200):
    actor = request.user
    context = {
        "req": service_request,
        "events": service_request.events.select_related("actor"),
        "attachments": service_request.attachments.all(),
        "next_states": [(s, ServiceRequest.State(s).label) for s in next_states(actor=actor, request=service_request)],
        "form": form or TransitionForm(),
        "now": timezone.now(),
    }
    return render(request, "servicedesk/detail.html", context, status=status)


@login_required
@require_GET
def request_detail(request, pk):
    return _detail(request, request_get(actor=request.user, pk=pk))


@login_required
@require_POST
def request_change(request, pk):
    service_request = request_get(actor=request.user, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            request_transition(actor=request.user, pk=pk, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("servicedesk:detail", pk=pk)
    return _detail(request, service_request, form=form, status=400)


@login_required
@require_GET
def attachment_download(request, pk):
    attachment = attachment_get(actor=request.user, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_GET
def dashboard(request):
    if request.user.role not in CONSOLE_ROLES:
        raise PermissionDenied
    return render(
        request, "servicedesk/dashboard.html", {"stats": sla_dashboard(actor=request.user, now=timezone.now())}
    )
