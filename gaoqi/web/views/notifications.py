"""Pages of 通知: the inbox, preferences, one-click unsubscribe, webhook subscriptions, dead letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gaoqi.apps.notifications import selectors, services
from gaoqi.apps.notifications.channels import unsubscribe_read
from gaoqi.apps.notifications.models import NoticeTopic
from gaoqi.core.errors import DomainError
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.notifications import PreferenceForm, WebhookForm

PAGE_SIZE = 30


@login_required
@require_GET
def inbox(request):
    unread = request.GET.get("unread") == "1"
    notices = selectors.notice_list(actor=request.user, unread=unread)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread": unread})


@login_required
@require_POST
def read(request, pk):
    services.notice_read(actor=request.user, notice_id=pk)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request):
    services.notice_read_all(actor=request.user)
    return redirect("notifications:inbox")


@login_required
@require_GET
def open_notice(request, pk):
    """Click-through: record it, then follow the notice's site-relative link."""
    link = services.notice_click(actor=request.user, notice_id=pk)
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = selectors.preference_get(actor=request.user)
    form = PreferenceForm(request.POST or None, initial=PreferenceForm.initial_from(preference))
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_update(actor=request.user, **form.preference_data())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("通知偏好已保存。"))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation; POST (the button, or a mail client's RFC 8058 one-click request) unsubscribes."""
    data = unsubscribe_read(token)
    if data is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    context = {"topic_label": NoticeTopic(data["t"]).label if data["t"] else _("全部通知邮件")}
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except DomainError:
            return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def webhooks(request):
    subscriptions = selectors.webhook_list(actor=request.user)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription = services.webhook_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已添加 Webhook，签名密钥：%(secret)s") % {"secret": subscription.secret})
            return redirect("notifications:webhooks")
    context = {"subscriptions": subscriptions, "form": form}
    return render(request, "notifications/webhooks.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def webhook_toggle(request, pk):
    subscription = selectors.webhook_get(actor=request.user, pk=pk)
    services.webhook_update(actor=request.user, subscription_id=pk, is_active=not subscription.is_active)
    return redirect("notifications:webhooks")


@login_required
@require_POST
def webhook_delete(request, pk):
    services.webhook_delete(actor=request.user, subscription_id=pk)
    messages.success(request, _("已删除 Webhook。"))
    return redirect("notifications:webhooks")


@login_required
@require_GET
def dead_letters(request):
    page = Paginator(selectors.dead_letter_list(actor=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/dead_letters.html", {"page": page})


@login_required
@require_POST
def dead_letter_retry(request, pk):
    services.dead_letter_retry(actor=request.user, delivery_id=pk)
    messages.success(request, _("已重新排入发送队列。"))
    return redirect("notifications:dead_letters")
