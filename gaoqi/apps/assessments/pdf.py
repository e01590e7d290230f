"""The self-assessment report as a PDF: a print template rendered by headless Chromium, Chinese font embedded.

Chromium is the system one (Debian package ``chromium``) driven through Playwright; ``playwright install`` is never
needed. Each call starts a browser (about 1–2 s), so bulk rendering belongs in a background task.
"""

import shutil
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
RATIO_CONDITIONS = {"st_staff_ratio", "rd_ratio", "hightech_income_ratio"}
TIMEOUT_MS = 60_000


class PdfUnavailable(Exception):
    """The server lacks what the PDF needs (Chromium or the CJK font); the message says what to install."""


def _chromium() -> str:
    path = getattr(settings, "PDF_CHROMIUM", CHROMIUM)
    if not Path(path).exists() and not shutil.which(path):
        raise PdfUnavailable(_("服务器缺少 Chromium，暂时无法生成 PDF（需安装 chromium）。"))
    return path


def _font() -> Path:
    font = Path(settings.PDF_FONT)
    if not font.is_file():
        raise PdfUnavailable(_("服务器缺少中文字体，暂时无法生成 PDF（需安装 fonts-wqy-microhei）。"))
    return font


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
    result = assessment.result or {}
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
        "font_url": _font().as_uri(),
        "generated_at": timezone.localtime(),
    }


def report_html(assessment) -> str:
    """The print page of a stored assessment (also handy to preview in a browser)."""
    return render_to_string("reports/report_pdf.html", report_context(assessment))


def html_to_pdf(html: str) -> bytes:
    """Print HTML to an A4 PDF in headless Chromium; fonts the page uses are embedded as subsets."""
    from playwright.sync_api import Error, sync_playwright

    executable = _chromium()
    footer = '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'  # noqa: E501
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS)
            try:
                page = browser.new_page(java_script_enabled=False)  # the print page needs no script
                page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer,
                    margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()
    except Error as exc:
        raise PdfUnavailable(_("PDF 生成失败：%(error)s") % {"error": str(exc).splitlines()[0]}) from exc


def report_pdf(assessment) -> bytes:
    """The assessment report as PDF bytes; raises PdfUnavailable when Chromium or the font is missing."""
    return html_to_pdf(report_html(assessment))
