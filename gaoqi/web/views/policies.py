"""Pages of 政策: the library, the editor with live preview, matches and funnel, 我的政策, the dashboard."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gaoqi.apps.policies import selectors, services
from gaoqi.apps.policies.models import Category, Level, MatchStatus, Policy
from gaoqi.core.districts import DISTRICT_NAMES, DISTRICTS
from gaoqi.core.errors import DomainError
from gaoqi.core.roles import Role
from gaoqi.rules.criteria import VARIABLES
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.policies import BroadcastForm, PolicyForm

PAGE_SIZE = 30


def _staff(request):
    if not selectors.policy_staff_view(actor=request.user):
        raise PermissionDenied
    return request.user


def policy_list(request):
    q = request.GET.get("q", "").strip()
    choices = {"category": Category.choices, "level": Level.choices, "district": DISTRICTS}
    labels = {"category": _("类别"), "level": _("层级"), "district": _("适用区")}
    filters = {name: request.GET.get(name, "") for name in choices}
    filters = {name: value if value in dict(choices[name]) else "" for name, value in filters.items()}
    instant = request.GET.get("instant") == "1"
    found = selectors.policy_search(actor=request.user, q=q, instant=instant, **filters)
    context = {
        "page": Paginator(found.policies, PAGE_SIZE).get_page(request.GET.get("page")),
        "q": q,
        "partial": found.partial,
        "instant": instant,
        "filters": [(name, labels[name], choices[name], filters[name]) for name in choices],
    }
    return render(request, "policies/list.html", context)


def policy_calendar(request):
    """Month view of application windows; the month arrows swap the calendar in place through htmx."""
    calendar = selectors.policy_calendar(actor=request.user, month=request.GET.get("month", ""))
    template = "policies/_calendar.html" if request.headers.get("HX-Request") == "true" else "policies/calendar.html"
    return render(request, template, {"calendar": calendar})


def policy_detail(request, pk):
    mine = selectors.my_policy(actor=request.user, policy_id=pk)
    context = {"mine": mine, "policy": mine.policy, "staff": selectors.policy_staff_view(actor=request.user)}
    if context["staff"]:
        status, district = request.GET.get("status", ""), request.GET.get("district", "")
        matches = selectors.policy_matches(
            actor=request.user,
            policy=mine.policy,
            status=status if status in MatchStatus.values else "",
            district=district,
        )
        funnel = selectors.policy_funnel(actor=request.user, policy=mine.policy)
        published = mine.policy.status != Policy.Status.DRAFT
        context |= {
            "funnel": funnel,
            "funnel_gap": selectors.funnel_gap(funnel[-1], published=published),
            "matches": Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page")),
            "statuses": MatchStatus.choices,
            "status": status,
            "can_edit": selectors.policy_can_edit(actor=request.user, policy=mine.policy),
            "versions": mine.policy.versions.all()[:10],
        }
    return render(request, "policies/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request, pk=None):
    actor = _staff(request)
    policy = selectors.policy_get(actor=actor, pk=pk) if pk else None
    if policy and not selectors.policy_can_edit(actor=actor, policy=policy):
        raise PermissionDenied
    initial = {} if policy else {"districts": [actor.district] if actor.district else []}
    form = PolicyForm(request.POST or None, instance=policy, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if policy:
                services.policy_update(actor=actor, policy=Policy.objects.get(pk=policy.pk), data=data)
            else:
                policy = services.policy_create(actor=actor, data=data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("policies:detail", pk=policy.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "policy": policy, "variables": VARIABLES.values()}
    return render(request, "policies/edit.html", context, status=status)


@login_required
@require_POST
def policy_preview(request):
    actor = _staff(request)
    districts = request.POST.getlist("districts")
    amount = forms.DecimalField(min_value=0, max_digits=14, decimal_places=2, required=False)
    try:
        support_amount = amount.clean(request.POST.get("support_amount", ""))
    except ValidationError:
        support_amount = None
    try:
        preview = selectors.policy_preview(
            actor=actor, criteria=request.POST.get("criteria", ""), districts=districts, support_amount=support_amount
        )
    except DomainError as exc:
        return render(request, "policies/_preview.html", {"error": exc.message})
    rows = [(DISTRICT_NAMES.get(code, code), counts) for code, counts in preview["by_district"].items()]
    scope = [str(DISTRICT_NAMES[code]) for code in preview["scope"]] if actor.role == Role.DISTRICT else []
    return render(request, "policies/_preview.html", {"preview": preview, "rows": rows, "scope": scope})


@login_required
@require_POST
def policy_publish(request, pk):
    actor = _staff(request)
    try:
        services.policy_publish(actor=actor, policy=selectors.policy_get(actor=actor, pk=pk))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已发布，正在匹配并推送给符合条件的企业。"))
    return redirect("policies:detail", pk=pk)


@login_required
@require_POST
def policy_status(request, pk):
    actor = _staff(request)
    try:
        policy = selectors.policy_get(actor=actor, pk=pk)
        services.policy_set_status(actor=actor, policy=policy, status=request.POST.get("status", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("policies:detail", pk=pk)


@login_required
def mine(request):
    return render(request, "policies/mine.html", {"items": selectors.my_policies(actor=request.user)})


@login_required
@require_POST
def mark_applied(request, pk):
    services.application_mark(actor=request.user, policy_id=pk)
    messages.success(request, _("已标记为已申报。"))
    return redirect("policies:mine_detail", pk=pk)


@login_required
def dashboard(request):
    return render(request, "policies/dashboard.html", {"board": selectors.dashboard(actor=_staff(request))})


@login_required
@require_http_methods(["GET", "POST"])
def broadcast(request):
    actor = _staff(request)
    form = BroadcastForm(request.POST or None, district=actor.district if actor.role == Role.DISTRICT else "")
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.broadcast_send(actor=actor, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("通知已发送给 %(n)s 位企业用户。") % {"n": sent.recipients})
            return redirect("policies:list")
    return render(request, "policies/broadcast.html", {"form": form}, status=400 if form.errors else 200)
