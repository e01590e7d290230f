"""The self-assessment report as a PDF: a print template rendered by headless Chromium (``gaoqi.core.pdf``).

Pages never print in the request: they ask for the report's document (``report_pdf_request``), the worker prints it
once per assessment and language (``gaoqi.core.documents``), and later downloads serve the stored bytes. A new
assessment of the enterprise supersedes the older ones, whose stored PDFs are then deleted.
"""

from decimal import Decimal, InvalidOperation

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from gaoqi.apps.assessments.engine import localised
from gaoqi.apps.assessments.models import Assessment
from gaoqi.core.documents import (
    Printable,
    document_content,
    document_request,
    document_status,
    documents_discard,
    register,
)
from gaoqi.core.models import PrintedDocument
from gaoqi.core.pdf import PdfUnavailable, font_url, html_to_pdf

__all__ = ["PdfUnavailable", "html_to_pdf", "percent", "report_html", "report_pdf", "yuan"]

REPORT = "assessment_report"

RATIO_CONDITIONS = {"st_staff_ratio", "rd_ratio", "hightech_income_ratio"}


def percent(value) -> str | None:
    """A ratio or rate string from the result as a percentage: ``"0.0495"`` → ``"4.95%"`` (exact)."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)) * 100
    except InvalidOperation:
        return str(value)
    text = f"{number:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def yuan(value) -> str | None:
    """A money string from the result with thousands separators: ``"2480000.00"`` → ``"2,480,000.00"``."""
    if value in (None, ""):
        return None
    try:
        return f"{Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)


def _conditions(hte: dict) -> list[dict]:
    rows = []
    for c in hte.get("conditions") or []:
        row = dict(c)
        if c.get("id") in RATIO_CONDITIONS:
            row["value"], row["threshold"] = percent(c.get("value")), percent(c.get("threshold"))
        rows.append(row)
    return rows


def _gaps(gaps: list[dict]) -> list[dict]:
    rows = []
    for g in gaps:
        quantity = yuan(g.get("quantity")) if g.get("unit") == "元" else g.get("quantity")
        rows.append({**g, "quantity": quantity, "estimated_cost": yuan(g.get("estimated_cost"))})
    return rows


HTE_RATIOS = ("rd_ratio", "domestic_rd_share", "st_staff_ratio", "hightech_income_ratio")
RD_MONEY = ("base", "extra_deduction", "tax_value")
BENEFIT_MONEY = ("hte_tax_saving", "rd_deduction_tax_value", "total")


def report_context(assessment) -> dict:
    result = localised(assessment.result)
    hte, rd, benefits = result.get("hte") or {}, result.get("rd_deduction") or {}, result.get("benefits") or {}
    growth = (hte.get("score") or {}).get("growth") or {}
    return {
        "assessment": assessment,
        "enterprise": assessment.enterprise,
        "result": result,
        "hte": hte,
        "conditions": _conditions(hte),
        "growth_rates": {
            "net_assets": percent(growth.get("net_asset_growth")),
            "sales": percent(growth.get("sales_growth")),
        },
        "ratios": {k: percent(hte.get(k)) for k in HTE_RATIOS},
        "gaps": _gaps(result.get("gaps") or []),
        "tsme": result.get("tsme") or {},
        "rd": {**rd, **{k: yuan(rd.get(k)) for k in RD_MONEY}},
        "rd_rates": {"rate": percent(rd.get("rate")), "income_tax_rate": percent(rd.get("income_tax_rate"))},
        "benefits": {**benefits, **{k: yuan(benefits.get(k)) for k in BENEFIT_MONEY}},
        "font_url": font_url(),
        "generated_at": timezone.localtime(),
    }


def report_html(assessment) -> str:
    """The print page of a stored assessment (also handy to preview in a browser)."""
    return render_to_string("assessments/report_pdf.html", report_context(assessment))


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
