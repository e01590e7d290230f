"""梯次培育与精选 pages: the indicator score board, one enterprise's score explained, the indicator system versions
and their editor, the tier funnel and the enterprises about to move up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gaoqi.apps.rankings import services
from gaoqi.apps.rankings.pipeline import tier_candidates, tier_funnel, tier_years
from gaoqi.apps.rankings.selectors import (
    board,
    indicator_version_current,
    indicator_version_get,
    indicator_version_list,
    score_explain,
    staff_only,
)
from gaoqi.core.disclosure import min_count
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.rules.indicators import METHODS, UNIT_LABELS
from gaoqi.web.forms.rankings import BoardFilterForm, IndicatorVersionForm, bands_text

BOARD_ROWS = 200


@login_required
@require_GET
def score_board(request):
    overseen = staff_only(request.user)
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if indicator_version_current() is None:
        return render(request, "rankings/board.html", {"form": form, "board": None})
    scored = board(actor=request.user, district=filters.get("district", ""), tech_area=filters.get("tech_area", ""))
    rows = [row | {"district_name": DISTRICT_NAMES.get(row["district"], "")} for row in scored.rows(BOARD_ROWS)]
    context = {"form": form, "board": scored, "rows": rows, "shown": len(scored.visible), "citywide": len(overseen) > 1}
    return render(request, "rankings/board.html", context)


@login_required
@require_GET
def score_detail(request, pk):
    row, lines = score_explain(actor=request.user, enterprise_pk=pk)
    context = {"row": row | {"district_name": DISTRICT_NAMES.get(row["district"], "")}, "lines": lines}
    context["units"] = UNIT_LABELS
    return render(request, "rankings/score.html", context)


@login_required
@require_GET
def version_list(request):
    versions = indicator_version_list(actor=request.user)
    context = {"versions": versions, "current": indicator_version_current(), "editor": request.user.role == Role.BUREAU}
    return render(request, "rankings/versions.html", context)


@login_required
@require_GET
def version_detail(request, pk):
    version = indicator_version_get(actor=request.user, pk=pk)
    indicators = [
        (indicator, METHODS[indicator.method], bands_text([[b.at, b.points] for b in indicator.bands]))
        for indicator in version.system().indicators
    ]
    return render(request, "rankings/version.html", {"version": version, "indicators": indicators})


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request):
    if request.user.role != Role.BUREAU:
        raise PermissionDenied
    current = indicator_version_current()
    initial = IndicatorVersionForm.initial_from(current.spec if current else {})
    form = IndicatorVersionForm(request.POST or None, initial=initial | {"name": current.name if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.indicator_version_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                effective_on=form.cleaned_data["effective_on"],
                spec=form.spec(),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            field = IndicatorVersionForm.field_of(exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, _("指标体系新版本已保存。"))
            return redirect("rankings:version", pk=version.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "rankings/version_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tier_funnel_page(request):
    staff_only(request.user)
    if request.method == "POST":
        return _take_snapshots(request)
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    years = tier_years()
    year = _year(request.GET.get("year"), years)
    funnel = tier_funnel(actor=request.user, year=year, **filters)
    context = {"form": form, "funnel": funnel, "years": years, "bureau": request.user.role == Role.BUREAU}
    context["small"] = min_count()
    context["chart"] = [{"name": row["label"], "value": row["count"]} for row in funnel.counts] if funnel else []
    return render(request, "rankings/tiers.html", context)


def _year(text: str | None, years: list[int]) -> int | None:
    return int(text) if text and text.isdigit() and int(text) in years else None


def _take_snapshots(request):
    year = request.POST.get("year", "")
    try:
        count = services.tier_snapshots_take(actor=request.user, year=int(year) if year.isdigit() else 0)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已重新判定 %(n)d 家企业 %(year)s 年的梯次。") % {"n": count, "year": year})
    return redirect("rankings:tiers")


@login_required
@require_GET
def tier_candidate_list(request):
    staff_only(request.user)
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = [
        row | {"district_name": DISTRICT_NAMES.get(row["district"], "")}
        for row in tier_candidates(actor=request.user, **filters)
    ]
    return render(request, "rankings/candidates.html", {"form": form, "rows": rows})
