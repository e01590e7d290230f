"""The enterprise portal: overview, guided profile, on-demand assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gaoqi.apps.assessments.selectors import assessment_list
from gaoqi.apps.assessments.services import assessment_run
from gaoqi.apps.enterprises.selectors import draft_get, enterprise_history, enterprise_own
from gaoqi.apps.enterprises.services import draft_discard, draft_save, profile_update
from gaoqi.core.errors import DomainError
from gaoqi.web import profile_steps as steps


def _own(request):
    enterprise = enterprise_own(actor=request.user)
    if enterprise is None:
        raise PermissionDenied
    return enterprise


@login_required
def portal(request):
    enterprise = _own(request)
    context = {
        "enterprise": enterprise,
        "steps": steps.STEPS,
        "assessments": assessment_list(actor=request.user, enterprise=enterprise).defer("result")[:10],
        "history": enterprise_history(actor=request.user, enterprise=enterprise)[:10],
    }
    return render(request, "portal/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_step(request, step):
    if step not in steps.STEP_KEYS:
        raise Http404
    enterprise, user = _own(request), request.user
    if request.method == "GET":
        draft = draft_get(actor=user, enterprise=enterprise, step=step)
        forms = steps.build(step, enterprise, steps.querydict(draft.data) if draft else None)
        return _render_step(request, step, forms, draft=draft)
    forms = steps.build(step, enterprise, request.POST)
    if "draft" in request.POST or not steps.all_valid(forms):
        draft_save(actor=user, enterprise=enterprise, step=step, data=steps.plain(request.POST))
        if "draft" in request.POST:
            messages.info(request, _("草稿已保存。"))
            return redirect("profile_step", step=step)
        return _render_step(request, step, forms, status=400)
    profile_update(actor=user, enterprise=enterprise, profile=steps.to_profile(step, forms))
    draft_discard(actor=user, enterprise=enterprise, step=step)
    messages.success(request, _("已保存。"))
    following = steps.next_step(step)
    return redirect("profile_step", step=following) if following else redirect("portal")


def _render_step(request, step, forms, *, draft=None, status=200):
    context = {"step": step, "steps": steps.STEPS, "draft": draft, **forms}
    return render(request, f"portal/step_{step}.html", context, status=status)


@login_required
@require_POST
def assess(request):
    enterprise = _own(request)
    try:
        assessment = assessment_run(actor=request.user, enterprise=enterprise)
    except DomainError as exc:
        messages.error(request, _("无法评估：%(message)s（%(field)s）") % {"message": exc.message, "field": exc.field})
        return redirect("portal")
    return redirect("report", pk=assessment.pk)
