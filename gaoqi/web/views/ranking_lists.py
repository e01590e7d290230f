"""Pages of the yearly lists (精选辅导上市高企, 后备上市企业): drafting, review with comments and reasoned additions and
removals, approval and publication, and the difference from last year's list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_list
from gaoqi.apps.rankings import services
from gaoqi.apps.rankings.list_selectors import (
    list_diff,
    list_entries,
    list_entry_get,
    ranking_list_get,
    ranking_list_list,
)
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.rankings import CommentForm, EntryAddForm, ListDraftForm, ReasonForm


def _bureau(request) -> None:
    if request.user.role != Role.BUREAU:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def list_index(request):
    lists = ranking_list_list(actor=request.user)
    bureau = request.user.role == Role.BUREAU
    form = ListDraftForm(request.POST or None) if bureau else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                made = services.ranking_list_draft(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("榜单草稿已生成。"))
                return redirect("rankings:list", pk=made.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "rankings/lists.html", {"lists": lists, "form": form}, status=status)


def _detail(request, ranking_list, status=200, **forms):
    entries = list(list_entries(actor=request.user, ranking_list=ranking_list))
    for entry in entries:
        entry.district_name = DISTRICT_NAMES.get(entry.district, "")
    bureau = request.user.role == Role.BUREAU
    context = {
        "list": ranking_list,
        "included": [e for e in entries if e.included],
        "removed": [e for e in entries if not e.included],
        "comments": ranking_list.comments.select_related("author"),
        "diff": list_diff(actor=request.user, ranking_list=ranking_list),
        "bureau": bureau,
        "editable": bureau and ranking_list.status in services.EDITABLE,
        "steps": [step for step, (source, _t) in services.STEPS.items() if source == ranking_list.status]
        if bureau
        else [],
        "comment_form": forms.get("comment_form") or CommentForm(),
        "add_form": forms.get("add_form") or EntryAddForm(),
    }
    return render(request, "rankings/list.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def list_detail(request, pk):
    return _detail(request, ranking_list_get(actor=request.user, pk=pk))


@login_required
@require_POST
def list_step(request, pk):
    ranking_list = ranking_list_get(actor=request.user, pk=pk)
    try:
        services.ranking_list_transition(
            actor=request.user, ranking_list=ranking_list, step=request.POST.get("step", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("榜单状态已更新为“%(status)s”。") % {"status": ranking_list.get_status_display()})
    return redirect("rankings:list", pk=pk)


@login_required
@require_POST
def list_comment(request, pk):
    ranking_list = ranking_list_get(actor=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.list_comment_add(actor=request.user, ranking_list=ranking_list, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("rankings:list", pk=pk)
    return _detail(request, ranking_list, status=400, comment_form=form)


@login_required
@require_POST
def list_add(request, pk):
    ranking_list = ranking_list_get(actor=request.user, pk=pk)
    _bureau(request)
    form = EntryAddForm(request.POST)
    if form.is_valid():
        enterprise = enterprise_list(actor=request.user).filter(uscc=form.cleaned_data["uscc"].strip().upper()).first()
        try:
            if enterprise is None:
                raise DomainError(_("未找到该统一社会信用代码的企业。"), field="uscc")
            services.list_entry_add(
                actor=request.user, ranking_list=ranking_list, enterprise=enterprise, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("rankings:list", pk=pk)
    return _detail(request, ranking_list, status=400, add_form=form)


@login_required
@require_POST
def entry_remove(request, pk):
    entry = list_entry_get(actor=request.user, pk=pk)
    _bureau(request)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("请填写移出理由。"), field="reason")
        services.list_entry_remove(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("rankings:list", pk=entry.ranking_list_id)
