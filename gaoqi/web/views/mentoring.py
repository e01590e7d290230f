"""Pages of 导师与工作站: mentor registry and load, matching, the mentor workbench, service stations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_get
from gaoqi.apps.mentoring import selectors, services
from gaoqi.apps.mentoring.sections import sections_for
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.mentoring import (
    MentorFilterForm,
    MentorForm,
    OverrideForm,
    StationForm,
    StationOperatorsForm,
    VisitForm,
)

PAGE_SIZE = 50


def _saved(request, form, save):
    """Run ``save`` on a valid posted form and return what it saved; a domain error lands on the form instead."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except DomainError as exc:
        add_domain_error(form, exc)
        return None


def _render(request, template, context, form):
    return render(request, template, context, status=400 if form.is_bound and form.errors else 200)


@login_required
def mentor_list(request):
    form = MentorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.mentor_list(actor=request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mentoring/mentor_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def mentor_edit(request, pk=None):
    selectors.require_bureau(request.user)
    profile = selectors.mentor_get(actor=request.user, pk=pk) if pk else None
    form = MentorForm(request.POST or None, instance=profile)

    def save(data):
        user = data.pop("user") if profile is None else profile.user
        return services.mentor_save(actor=request.user, user=user, data=data, profile=profile)

    if _saved(request, form, save):
        messages.success(request, _("导师档案已保存。"))
        return redirect("mentoring:mentors")
    return _render(request, "mentoring/mentor_form.html", {"form": form, "profile": profile}, form)


@login_required
def mentor_load(request):
    rows = selectors.mentor_load(actor=request.user)
    chart = [{"name": r["mentor"].user.username, "load": r["load"], "capacity": r["capacity"]} for r in rows]
    context = {"rows": rows, "chart": chart, "pool": selectors.pool_summary(actor=request.user)}
    return render(request, "mentoring/load.html", context)


@login_required
def assignments(request):
    selectors.require_staff(request.user)
    page = Paginator(selectors.assignment_list(actor=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "pool": selectors.pool_summary(actor=request.user), "override": OverrideForm()}
    return render(request, "mentoring/assignments.html", context)


@login_required
@require_POST
def assignments_match(request):
    outcome = services.match_newcomers(actor=request.user)
    messages.success(
        request,
        _("已为 %(assigned)d 家企业匹配导师（%(unassigned)d 家因名额不足暂未匹配）；总代价 %(cost)d，贪心 %(greedy)d。")
        % {
            "assigned": outcome.assigned,
            "unassigned": outcome.unassigned,
            "cost": outcome.objective,
            "greedy": outcome.greedy_objective,
        },
    )
    return redirect("mentoring:assignments")


@login_required
@require_POST
def assignments_override(request):
    selectors.require_bureau(request.user)
    form = OverrideForm(request.POST)

    def save(data):
        enterprise = enterprise_get(actor=request.user, pk=data["enterprise"])
        return services.assignment_override(
            actor=request.user, enterprise=enterprise, mentor_profile=data["mentor"], note=data["note"]
        )

    if _saved(request, form, save):
        messages.success(request, _("已人工指定导师。"))
        return redirect("mentoring:assignments")
    page = Paginator(selectors.assignment_list(actor=request.user), PAGE_SIZE).get_page(1)
    context = {"page": page, "pool": selectors.pool_summary(actor=request.user), "override": form}
    return _render(request, "mentoring/assignments.html", context, form)


@login_required
def workbench(request):
    return render(request, "mentoring/workbench.html", {"rows": selectors.workbench(actor=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def workbench_enterprise(request, pk):
    row = selectors.workbench_row(actor=request.user, pk=pk)
    form = VisitForm(request.POST or None)
    if _saved(request, form, lambda data: services.visit_log(actor=request.user, enterprise_id=pk, data=data)):
        messages.success(request, _("走访记录已保存。"))
        return redirect("mentoring:workbench_enterprise", pk=pk)
    context = {"row": row, "form": form, "visits": selectors.visit_list(actor=request.user, enterprise_id=pk)}
    return _render(request, "mentoring/workbench_enterprise.html", context, form)


def station_list(request):
    district = request.GET.get("district", "")
    context = {
        "stations": selectors.station_list(district=district),
        "kpi": selectors.station_kpi(),
        "district": district,
        "can_create": request.user.is_authenticated and request.user.role == Role.BUREAU,
        "mine": selectors.station_of(request.user),
    }
    return render(request, "mentoring/station_list.html", context)


def station_detail(request, pk):
    station = selectors.station_get(actor=request.user, pk=pk)
    context = {
        "station": station,
        "mentors": selectors.station_mentors(station),
        "sections": sections_for(station, request.user),
        "can_edit": selectors.station_can_edit(actor=request.user, station=station),
    }
    return render(request, "mentoring/station_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def station_edit(request, pk=None):
    station = selectors.station_get(actor=request.user, pk=pk) if pk else None
    if not (
        selectors.station_can_edit(actor=request.user, station=station) if station else request.user.role == Role.BUREAU
    ):
        raise PermissionDenied
    form = StationForm(request.POST or None, instance=station)
    is_bureau = request.user.role == Role.BUREAU
    operators = StationOperatorsForm(
        request.POST or None, initial={"operators": station.operators.all() if station else []}
    )

    def save(data):
        chosen = operators.cleaned_data["operators"] if is_bureau and operators.is_valid() else None
        return services.station_save(actor=request.user, data=data, station=station, operators=chosen)

    saved = _saved(request, form, save)
    if saved:
        messages.success(request, _("工作站信息已保存。"))
        return redirect("mentoring:station", pk=saved.pk)
    context = {"form": form, "operators": operators if is_bureau else None, "station": station}
    return _render(request, "mentoring/station_form.html", context, form)
