"""What-if pages (bureau): change weights, bands, gates, the entry criteria, the score cut and the reward, see who
qualifies by district and area and what it costs; saved scenarios side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gaoqi.apps.rankings import services
from gaoqi.apps.rankings.selectors import indicator_version_current, what_if_get, what_if_list
from gaoqi.core.districts import DISTRICT_NAMES, TECH_FIELDS
from gaoqi.core.errors import DomainError
from gaoqi.web.forms.rankings import WhatIfForm

AREA_NAMES = dict(TECH_FIELDS)


@login_required
@require_http_methods(["GET", "POST"])
def what_if_index(request):
    scenarios = what_if_list(actor=request.user)
    current = indicator_version_current()
    form = WhatIfForm(request.POST or None, initial=WhatIfForm.initial_from(current.spec if current else {}))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in WhatIfForm.HEAD}
        try:
            scenario = services.what_if_save(actor=request.user, spec=form.spec(), **data)
        except DomainError as exc:
            field = WhatIfForm.field_of(exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, _("测算完成，方案已保存。"))
            return redirect("rankings:what_if", pk=scenario.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "rankings/what_if_index.html", {"form": form, "scenarios": scenarios[:20]}, status=status)


@login_required
@require_GET
def what_if_detail(request, pk):
    scenario = what_if_get(actor=request.user, pk=pk)
    result = scenario.result
    districts = [row | {"name": str(DISTRICT_NAMES.get(row["key"], row["key"]))} for row in result["districts"]]
    areas = [row | {"name": str(AREA_NAMES.get(row["key"], row["key"]))} for row in result["areas"]]
    context = {"scenario": scenario, "result": result, "districts": districts, "areas": areas}
    return render(request, "rankings/what_if.html", context)
