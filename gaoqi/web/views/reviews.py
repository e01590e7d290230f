"""Reviewed requests: the bureau's review page, decisions on claims and district changes, and the enterprise's
district change request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gaoqi.apps.enterprises import reviews
from gaoqi.apps.enterprises.selectors import (
    claims_to_review,
    district_changes_of,
    district_changes_to_review,
    enterprise_own,
)
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.web.forms.accounts import DecisionForm, DistrictChangeForm
from gaoqi.web.forms.errors import add_domain_error


@login_required
def review_list(request):
    """Pending claims and district changes, for the bureau."""
    if request.user.role != Role.BUREAU:
        raise PermissionDenied
    context = {
        "claims": claims_to_review(actor=request.user),
        "changes": district_changes_to_review(actor=request.user),
        "decision": DecisionForm(),
    }
    return render(request, "console/reviews.html", context)


def _decide(request, decide, pk, back: str):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择通过或驳回。"))
        return redirect(back)
    try:
        decide(
            actor=request.user,
            pk=pk,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已审核。"))
    return redirect(back)


@login_required
@require_POST
def claim_decide(request, pk):
    """The bureau or the enterprise's administrator decides a claim (each returns to their own page)."""
    back = "reviews" if request.user.role == Role.BUREAU else "colleagues"
    return _decide(request, lambda pk, **kw: reviews.claim_decide(claim_id=pk, **kw), pk, back)


@login_required
@require_POST
def district_change_decide(request, pk):
    return _decide(request, lambda pk, **kw: reviews.district_change_decide(change_id=pk, **kw), pk, "reviews")


@login_required
@require_http_methods(["GET", "POST"])
def district_change(request):
    """The enterprise's district, the changes asked for, and a form to ask for one."""
    enterprise = enterprise_own(actor=request.user)
    if enterprise is None:
        raise PermissionDenied
    form = DistrictChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.district_change_request(actor=request.user, enterprise=enterprise, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已提交，市科技局审核后生效。"))
            return redirect("district_change")
    context = {
        "enterprise": enterprise,
        "form": form,
        "changes": district_changes_of(actor=request.user, enterprise=enterprise),
    }
    return render(request, "portal/district.html", context, status=400 if form.errors else 200)
