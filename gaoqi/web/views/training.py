"""科创学堂 pages: sessions, registration, the staff check-in page, attendance, feedback, certificates, KPIs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_can_edit, enterprise_own
from gaoqi.apps.training import codes, services
from gaoqi.apps.training.documents import attendance_xlsx, certificate_pdf
from gaoqi.apps.training.selectors import (
    feedback_summary,
    kpis,
    registration_get,
    registrations_of_own,
    roster,
    session_can_manage,
    session_counts,
    session_get,
    session_list,
    sessions_recommended,
    stations_managed,
)
from gaoqi.core.errors import DomainError
from gaoqi.core.pdf import PdfUnavailable
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.core.topics import Topic
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.training import (
    CheckinForm,
    FeedbackForm,
    KpiYearForm,
    ProgrammeForm,
    RegistrationForm,
    SessionEditForm,
    SessionForm,
)

ORGANISERS = {Role.BUREAU, Role.DISTRICT, Role.STATION}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organiser(request):
    if request.user.role not in ORGANISERS:
        raise PermissionDenied
    return request.user


def _managed(request, pk):
    session = session_get(actor=request.user, pk=pk)
    if not session_can_manage(actor=request.user, session=session):
        raise PermissionDenied
    return session


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def session_index(request):
    topic = request.GET.get("topic", "")
    upcoming = session_list(actor=request.user).filter(ends_at__gte=timezone.now())
    if topic in Topic.values:
        upcoming = upcoming.filter(topic=topic)
    enterprise = enterprise_own(actor=request.user)
    context = {
        "sessions": upcoming[:100],
        "topics": Topic.choices,
        "topic": topic,
        "recommended": sessions_recommended(enterprise=enterprise) if enterprise else [],
        "organiser": request.user.role in ORGANISERS,
        "now": timezone.now(),
    }
    return render(request, "training/index.html", context)


def _register(request, session, form) -> bool:
    """Register the posted attendee; False (with the error on the form) when refused."""
    if not form.is_valid():
        return False
    try:
        registration = services.registration_create(actor=request.user, session=session, **form.cleaned_data)
    except DomainError as exc:
        add_domain_error(form, exc)
        return False
    messages.success(
        request,
        _("已为 %(name)s 报名（%(status)s）。")
        % {"name": registration.attendee_name, "status": registration.get_status_display()},
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    session = session_get(actor=request.user, pk=pk)
    form = RegistrationForm(request.POST or None) if enterprise_own(actor=request.user) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if _register(request, session, form):
            return redirect("training:session", pk=session.pk)
    manager = session_can_manage(actor=request.user, session=session)
    context = {
        "session": session,
        "counts": session_counts(session),
        "form": form,
        "own": registrations_of_own(actor=request.user, session=session),
        "manager": manager,
        "editable": manager and session.editable(),
        "roster": roster(actor=request.user, session=session) if manager else None,
        "feedback": feedback_summary(actor=request.user, session=session) if manager else None,
    }
    return render(request, "training/session.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    actor = _organiser(request)
    form = SessionForm(request.POST or None, stations=stations_managed(actor=actor))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=actor, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("培训场次已发布。"))
            return redirect("training:session", pk=session.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/session_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _managed(request, pk)
    initial = {name: getattr(session, name) for name in services.EDITABLE}
    form = SessionEditForm(request.POST or None, initial=initial, stations=stations_managed(actor=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("培训场次已修改。"))
            return redirect("training:session", pk=session.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/session_edit.html", {"form": form, "session": session}, status=status)


@login_required
@require_POST
def session_cancel(request, pk):
    session = _managed(request, pk)
    try:
        notified = services.session_cancel(actor=request.user, session=session, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("本场培训已取消，已通知 %(n)d 位企业用户。") % {"n": notified})
    return redirect("training:session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request):
    actor = _organiser(request)
    form = ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(actor=actor, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("培训项目已创建，可以安排场次了。"))
            return redirect("training:session_new")
    status = 400 if request.method == "POST" else 200
    return render(request, "training/programme_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk):
    session = _managed(request, pk)
    form = CheckinForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.checkin(actor=request.user, session=session, text=form.cleaned_data["code"])
            form = CheckinForm()
        except DomainError as exc:
            add_domain_error(form, exc)
    # htmx swaps only 2xx answers: the panel carries the refusal; a plain form post gets 400.
    htmx = bool(request.headers.get("HX-Request"))
    status = 400 if request.method == "POST" and result is None and not htmx else 200
    context = {"session": session, "form": form, "result": result, "counts": session_counts(session)}
    return render(request, "training/_checkin_panel.html" if htmx else "training/checkin.html", context, status=status)


@login_required
@require_GET
def attendance_export(request, pk):
    session = _managed(request, pk)
    content = attendance_xlsx(session, roster(actor=request.user, session=session))
    return _download(content, XLSX, _("%(title)s-签到表.xlsx") % {"title": session.title})


@login_required
@require_GET
def my_registrations(request):
    if enterprise_own(actor=request.user) is None:
        raise PermissionDenied
    return render(request, "training/mine.html", {"registrations": registrations_of_own(actor=request.user)})


@login_required
@require_POST
def registration_cancel(request, pk):
    registration = registration_get(actor=request.user, pk=pk)
    try:
        promoted = services.registration_cancel(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已取消 %(name)s 的报名。") % {"name": registration.attendee_name})
        if promoted and session_can_manage(actor=request.user, session=registration.session):
            messages.info(request, _("候补学员 %(name)s 已转为正式名额。") % {"name": promoted.attendee_name})
    return redirect("training:session", pk=registration.session_id)


def _own_registration(request, pk):
    registration = registration_get(actor=request.user, pk=pk)
    if not enterprise_can_edit(actor=request.user, enterprise=registration.enterprise):
        raise PermissionDenied
    return registration


@login_required
@require_GET
def registration_qr(request, pk):
    registration = _own_registration(request, pk)
    if registration.status == registration.Status.CANCELLED:
        raise Http404
    svg = codes.qr_svg(registration.code)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_GET
def certificate(request, pk):
    registration = registration_get(actor=request.user, pk=pk)
    if registration.checked_in_at is None:
        raise Http404
    try:
        content = certificate_pdf(registration)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    filename = _("%(name)s-培训证明-%(title)s.pdf") % {
        "name": registration.attendee_name,
        "title": registration.session.title,
    }
    return _download(content, "application/pdf", filename)


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    registration = _own_registration(request, pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(actor=request.user, registration=registration, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("感谢您的反馈！"))
            return redirect("training:mine")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "registration": registration, "session": registration.session}
    return render(request, "training/feedback.html", context, status=status)


@login_required
@require_GET
def kpi_dashboard(request):
    if request.user.role not in STAFF_ROLES:
        raise PermissionDenied
    form = KpiYearForm(request.GET or {"year": timezone.localdate().year})
    year = (form.cleaned_data["year"] if form.is_valid() else None) or timezone.localdate().year
    return render(request, "training/kpis.html", {"form": form, "kpis": kpis(actor=request.user, year=year)})
