"""The self-assessment report as a PDF: a print template rendered by headless Chromium (``gaoqi.core.pdf``).

Pages never print in the request: they ask for the report's document (``report_pdf_request``), the worker prints it
once per assessment and language (``gaoqi.core.documents``), and later downloads serve the stored bytes. A new
assessment of the enterprise supersedes the older ones, whose stored PDFs are then deleted.
"""

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.assessments.report import report_view
from gaoqi.core.documents import (
    Printable,
    document_content,
    document_request,
    document_status,
    documents_discard,
    register,
)
from gaoqi.core.formats import percent, yuan
from gaoqi.core.models import PrintedDocument
from gaoqi.core.pdf import PdfUnavailable, font_url, html_to_pdf

__all__ = ["PdfUnavailable", "html_to_pdf", "percent", "report_html", "report_pdf", "yuan"]

REPORT = "assessment_report"


def report_html(assessment) -> str:
    """The print page of a stored assessment (also handy to preview in a browser)."""
    context = {**report_view(assessment), "font_url": font_url(), "generated_at": timezone.localtime()}
    return render_to_string("assessments/report_pdf.html", context)


def report_pdf(assessment) -> bytes:
    """The assessment report printed now; raises PdfUnavailable when Chromium or the font is missing."""
    return html_to_pdf(report_html(assessment))


def _printable_report(assessment_id: int) -> str:
    return report_html(Assessment.objects.select_related("enterprise").get(pk=assessment_id))


register(REPORT, Printable(html=_printable_report))


def report_pdf_document(assessment: Assessment) -> PrintedDocument | None:
    """The report's document in the current language (the caller has checked the assessment is visible)."""
    return document_status(kind=REPORT, object_id=assessment.pk)


def report_pdf_request(assessment: Assessment, *, retry: bool = False) -> PrintedDocument:
    """Ask the worker for the report's PDF unless it is stored or on its way (``retry``: also after a failure)."""
    return document_request(kind=REPORT, object_id=assessment.pk, retry=retry)


def report_pdf_content(assessment: Assessment) -> bytes | None:
    """The stored PDF, or None while it is not ready."""
    return document_content(kind=REPORT, object_id=assessment.pk)


def report_pdfs_discard_superseded(*, enterprise_id: int | None = None) -> int:
    """Delete the stored PDFs of assessments that are no longer their enterprise's latest (or no longer exist)."""
    documents = PrintedDocument.objects.filter(kind=REPORT)
    if enterprise_id is not None:
        documents = documents.filter(object_id__in=Assessment.objects.filter(enterprise_id=enterprise_id).values("pk"))
    latest = Assessment.objects.filter(pk=OuterRef("object_id"), is_latest=True)
    return documents_discard(kind=REPORT, object_ids=documents.filter(~Exists(latest)).values("object_id"))
