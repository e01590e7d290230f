"""HTML → PDF in headless Chromium (the system one, driven through Playwright), with the Chinese font checked first.

``playwright install`` is never needed. Each call starts a browser (about 1–2 s), so bulk rendering belongs in a
background task.
"""

import shutil
from pathlib import Path

from django.conf import settings
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
TIMEOUT_MS = 60_000
PAGE_NUMBERS = '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'  # noqa: E501
MARGINS = {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}


class PdfUnavailable(Exception):
    """The server lacks what the PDF needs (Chromium or the CJK font); the message says what to install."""


def _chromium() -> str:
    path = getattr(settings, "PDF_CHROMIUM", CHROMIUM)
    if not Path(path).exists() and not shutil.which(path):
        raise PdfUnavailable(_("服务器缺少 Chromium，暂时无法生成 PDF（需安装 chromium）。"))
    return path


def font_url() -> str:
    """The ``file://`` URL of the CJK font print templates embed; PdfUnavailable when it is missing."""
    font = Path(settings.PDF_FONT)
    if not font.is_file():
        raise PdfUnavailable(_("服务器缺少中文字体，暂时无法生成 PDF（需安装 fonts-wqy-microhei）。"))
    return font.as_uri()


def html_to_pdf(html: str, *, landscape: bool = False, page_numbers: bool = True) -> bytes:
    """Print HTML to an A4 PDF; fonts the page uses are embedded as subsets."""
    from playwright.sync_api import Error, sync_playwright

    executable = _chromium()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS)
            try:
                page = browser.new_page(java_script_enabled=False)  # print pages need no script
                page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                return page.pdf(
                    format="A4",
                    landscape=landscape,
                    print_background=True,
                    display_header_footer=page_numbers,
                    header_template="<span></span>",
                    footer_template=PAGE_NUMBERS if page_numbers else "<span></span>",
                    margin=MARGINS,
                )
            finally:
                browser.close()
    except Error as exc:
        raise PdfUnavailable(_("PDF 生成失败：%(error)s") % {"error": str(exc).splitlines()[0]}) from exc
