"""精准画像 (an enterprise against its peers) and 标杆 (benchmark enterprises) pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gaoqi.apps.rankings.profiles import benchmarks, profile_get
from gaoqi.apps.rankings.selectors import indicator_version_current, staff_only
from gaoqi.web.forms.rankings import BoardFilterForm


def _radar(profile: dict) -> dict:
    """Radar data: one series per peer group that may be shown, standings 0–100 per measure."""
    keys = list(profile["labels"])
    series = [
        {"name": group["label"], "value": [m["standing"] or 0 for m in group["measures"]]}
        for group in profile["groups"]
        if group["peers"] is not None
    ]
    return {"indicators": [{"name": str(profile["labels"][k]), "max": 100} for k in keys], "series": series}


def _render(request, profile):
    rows = [
        {
            "label": profile["labels"][key],
            "unit": profile["units"][key],
            "value": profile["values"][key],
            "groups": [
                (group["measures"][index]["standing"], group["measures"][index]["quartiles"])
                for group in profile["groups"]
            ],
        }
        for index, key in enumerate(profile["labels"])
    ]
    context = {"profile": profile, "rows": rows, "radar": _radar(profile)}
    return render(request, "rankings/profile.html", context)


def _no_system(request):
    return render(request, "rankings/profile.html", {"profile": None})


@login_required
@require_GET
def own_profile(request):
    if indicator_version_current() is None:
        return _no_system(request)
    return _render(request, profile_get(actor=request.user))


@login_required
@require_GET
def enterprise_profile(request, pk):
    return _render(request, profile_get(actor=request.user, enterprise_pk=pk))


@login_required
@require_GET
def benchmark_list(request):
    form = BoardFilterForm(request.GET or None)
    district = form.cleaned_data.get("district", "") if form.is_valid() else ""
    if indicator_version_current() is None:
        staff_only(request.user)
        return render(request, "rankings/benchmarks.html", {"rows": [], "form": form})
    return render(
        request, "rankings/benchmarks.html", {"rows": benchmarks(actor=request.user, district=district), "form": form}
    )
