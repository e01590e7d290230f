"""Home redirect, enterprise self-registration (rate-limited; an existing USCC becomes a claim), staff and colleague
accounts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gaoqi.apps.accounts.services import staff_user_create
from gaoqi.apps.accounts.throttle import registration_allowed
from gaoqi.apps.enterprises.selectors import claim_of, claims_to_review, enterprise_is_admin, enterprise_own
from gaoqi.apps.enterprises.services import colleague_invite, enterprise_register
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.web.client import client_address
from gaoqi.web.forms.accounts import ColleagueForm, DecisionForm, RegistrationForm, StaffUserForm
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.navigation import home_url


@login_required
def home(request):
    """Each role lands where its work is; a role without a workspace of its own sees what it can use."""
    if target := home_url(request.user):
        return redirect(target)
    return render(request, "accounts/home.html")


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not registration_allowed(client_address(request)):
        hours = settings.REGISTRATION_THROTTLE["window_seconds"] // 3600
        form.add_error(None, _("该网络地址注册尝试过多，请%(hours)s小时后再试。") % {"hours": hours})
        return render(request, "accounts/register.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registered = enterprise_register(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                uscc=data["uscc"],
                name=data["name"],
                district=data["district"],
                tech_field=data["tech_field"],
                registered_on=data["registered_on"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            login(request, registered.user)
            if registered.claim:
                return redirect("claim_status")
            return redirect("profile_step", step="basic")
    return render(request, "accounts/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def claim_status(request):
    """Where a claimant waits: their claim on an existing enterprise and its outcome."""
    claim = claim_of(actor=request.user)
    if claim is None:
        raise PermissionDenied
    return render(request, "accounts/claim.html", {"claim": claim})


@login_required
@require_http_methods(["GET", "POST"])
def staff_new(request):
    """Bureau administrators create accounts for mentors, stations, finance institutions and district staff."""
    if request.user.role != Role.BUREAU or not request.user.is_staff:
        raise PermissionDenied
    form = StaffUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_user_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已创建账户 %(name)s。") % {"name": user.username})
            return redirect("staff_new")
    return render(request, "accounts/staff_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def colleagues(request):
    """The enterprise's users; its admin adds colleagues."""
    enterprise = enterprise_own(actor=request.user)
    if enterprise is None:
        raise PermissionDenied
    is_admin = enterprise_is_admin(actor=request.user, enterprise=enterprise)
    if request.method == "POST" and not is_admin:
        raise PermissionDenied
    form = ColleagueForm(request.POST if request.method == "POST" else None) if is_admin else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            colleague_invite(actor=request.user, enterprise=enterprise, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已添加同事。"))
            return redirect("colleagues")
    people = get_user_model().objects.filter(membership__enterprise=enterprise).order_by("username")
    context = {
        "form": form,
        "people": people,
        "enterprise": enterprise,
        "claims": claims_to_review(actor=request.user),
        "decision": DecisionForm(),
    }
    return render(request, "accounts/colleagues.html", context, status=400 if form and form.errors else 200)
