"""File downloads and uploads: the profile workbook (template, import, export) and the report PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gaoqi.apps.assessments.pdf import report_pdf_content, report_pdf_document, report_pdf_request
from gaoqi.apps.assessments.selectors import assessment_get
from gaoqi.apps.enterprises.excel import profile_export, profile_import, template_workbook
from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_own
from gaoqi.core.pdf import PdfUnavailable, pdf_check
from gaoqi.web.forms.files import ProfileImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def template_download(request):
    return _download(template_workbook(), XLSX, _("高企档案导入模板.xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def profile_upload(request):
    enterprise = enterprise_own(actor=request.user)
    if enterprise is None:
        raise PermissionDenied
    form = ProfileImportForm(request.POST or None, request.FILES or None)
    report = None
    if form.is_valid():
        report = profile_import(actor=request.user, enterprise=enterprise, data=form.cleaned_data["file"].read())
        if report.ok:
            messages.success(request, _("导入成功，企业资料已更新。"))
            return redirect("portal")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "portal/import.html", {"form": form, "report": report, "enterprise": enterprise}, status=status
    )


@login_required
@require_GET
def profile_download(request, pk):
    enterprise = enterprise_get(actor=request.user, pk=pk)
    return _download(profile_export(enterprise), XLSX, _("%(name)s-企业档案.xlsx") % {"name": enterprise.name})


def _report_pdf_name(assessment) -> str:
    return _("%(name)s-高企自评报告-%(date)s.pdf") % {
        "name": assessment.enterprise.name,
        "date": f"{assessment.as_of:%Y%m%d}",
    }


def _pdf_unavailable(exc: PdfUnavailable) -> HttpResponse:
    return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def report_download(request, pk):
    """The stored PDF; until it is printed, a page that asks for it and reloads itself (202)."""
    assessment = assessment_get(actor=request.user, pk=pk)
    content = report_pdf_content(assessment)
    if content is not None:
        return _download(content, "application/pdf", _report_pdf_name(assessment))
    try:
        pdf_check()
    except PdfUnavailable as exc:
        return _pdf_unavailable(exc)
    context = {"assessment": assessment, "document": report_pdf_request(assessment)}
    return render(request, "reports/pdf_waiting.html", context, status=202)


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf_status(request, pk):
    """The report's PDF state for the report page (htmx polls it); POST asks the worker to print it."""
    assessment = assessment_get(actor=request.user, pk=pk)
    if request.method == "POST":
        try:
            pdf_check()
        except PdfUnavailable as exc:
            return _pdf_unavailable(exc)
        document = report_pdf_request(assessment, retry=True)
        if not request.headers.get("HX-Request"):
            return redirect("files:report_pdf", pk=assessment.pk)
    else:
        document = report_pdf_document(assessment)
    return render(request, "reports/_pdf.html", {"assessment": assessment, "document": document})
