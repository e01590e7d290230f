"""Pages of 有求必应: the list, a new request, one request with its history and moves, downloads, the dashboard."""

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
from gaoqi.apps.servicedesk.routing import handler_label
from gaoqi.apps.servicedesk.selectors import (
    CONSOLE_ROLES,
    attachment_get,
    may_reroute,
    mentor_choices,
    next_states,
    preferred_mentor_choices,
    request_get,
    request_search,
    reroutable,
    sla_dashboard,
    station_choices,
)
from gaoqi.apps.servicedesk.services import request_reroute, request_submit, request_transition
from gaoqi.core.errors import DomainError
from gaoqi.core.roles import Role
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.servicedesk import CancelForm, RequestForm, RerouteForm, TransitionForm

PAGE_SIZE = 30
State = ServiceRequest.State


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
            add_domain_error(form, exc)
        else:
            handler = handler_label(queue=created.queue, mentor=created.mentor, station=created.station)
            messages.success(request, _("需求已提交，承办方：%(handler)s。") % {"handler": handler})
            return redirect("servicedesk:detail", pk=created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "servicedesk/new.html", {"form": form}, status=status)


def _detail(request, service_request, status=200, **forms):
    actor = request.user
    moves = next_states(actor=actor, request=service_request)
    context = {
        "req": service_request,
        "events": service_request.events.select_related("actor"),
        "attachments": service_request.attachments.all(),
        "next_states": [(s, State(s).label) for s in moves if s != State.CANCELLED],
        "form": forms.get("form") or TransitionForm(),
        "cancel_form": forms.get("cancel_form") or (CancelForm() if State.CANCELLED in moves else None),
        "reroute_form": forms.get("reroute_form")
        or (_reroute_form() if reroutable(actor=actor, request=service_request) else None),
        "now": timezone.now(),
    }
    return render(request, "servicedesk/detail.html", context, status=status)


def _reroute_form(data=None) -> RerouteForm:
    return RerouteForm(data, mentors=mentor_choices(), stations=station_choices())


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
            add_domain_error(form, exc)
        else:
            return redirect("servicedesk:detail", pk=pk)
    return _detail(request, service_request, form=form, status=400)


@login_required
@require_POST
def request_cancel(request, pk):
    service_request = request_get(actor=request.user, pk=pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            request_transition(actor=request.user, pk=pk, to=State.CANCELLED, note=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("需求已撤销，承办方已收到通知。"))
            return redirect("servicedesk:detail", pk=pk)
    return _detail(request, service_request, cancel_form=form, status=400)


@login_required
@require_POST
def reroute(request, pk):
    service_request = request_get(actor=request.user, pk=pk)
    if not may_reroute(actor=request.user, request=service_request):
        raise PermissionDenied
    form = _reroute_form(request.POST)
    if form.is_valid():
        try:
            moved = request_reroute(actor=request.user, pk=pk, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已改派给 %(handler)s。") % {"handler": moved.events.last().to_handler})
            still_visible = request_search(actor=request.user).filter(pk=pk).exists()
            return redirect("servicedesk:detail", pk=pk) if still_visible else redirect("servicedesk:list")
    return _detail(request, service_request, reroute_form=form, status=400)


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
