"""HTML → PDF in headless Chromium (the system one, driven through Playwright), with the Chinese font checked first.

``playwright install`` is never needed. A process keeps one Chromium, started on the first document and driven from
one printer thread: documents print one at a time in a fresh browser context (about 0.3 s each once the browser is
up, instead of 1–2 s to start a browser per document). The browser is closed after ``PDF_PRINTER["idle_seconds"]``
without work and restarted after ``recycle_after`` documents, so a process holds at most one Chromium and only while
it prints. Reports print in the background worker (``gaoqi.core.documents``), so web processes hold none.
"""

import atexit
import contextlib
import queue
import shutil
import threading
from concurrent.futures import Future
from dataclasses import dataclass
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


def pdf_check() -> None:
    """Raise PdfUnavailable, with what to install, unless this server has Chromium and the CJK font."""
    _chromium()
    font_url()


@dataclass(frozen=True)
class _Job:
    executable: str
    html: str
    landscape: bool
    page_numbers: bool
    future: Future


class _Printer:
    """The process's Chromium and the thread that drives it (Playwright's sync API stays on one thread)."""

    def __init__(self):
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._playwright = self._browser = self._executable = None
        self._printed = 0

    def print(self, job: _Job) -> bytes:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="pdf-printer", daemon=True)
                self._thread.start()
        self._jobs.put(job)
        return job.future.result()

    def stop(self) -> None:
        """Close the browser and end the thread (at exit; the next document starts them again)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None and thread.is_alive():
            self._jobs.put(None)
            thread.join(timeout=10)

    def _serve(self) -> None:
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=settings.PDF_PRINTER["idle_seconds"])
                except queue.Empty:
                    self._close()
                    continue
                if job is None:
                    return
                self._run(job, settings.PDF_PRINTER["recycle_after"])
        finally:
            self._close()

    def _run(self, job: _Job, recycle_after: int) -> None:
        from playwright.sync_api import Error

        try:
            job.future.set_result(self._print(job))
        except Error as exc:
            self._close()  # a crashed or wedged browser is replaced by the next document
            job.future.set_exception(PdfUnavailable(_("PDF 生成失败：%(error)s") % {"error": str(exc).splitlines()[0]}))
        except BaseException as exc:
            self._close()
            job.future.set_exception(exc)
        else:
            self._printed += 1
            if self._printed >= recycle_after:
                self._close()

    def _print(self, job: _Job) -> bytes:
        browser = self._browser_for(job.executable)
        page = browser.new_page(java_script_enabled=False)  # print pages need no script; a fresh context each time
        try:
            page.set_content(job.html, wait_until="load", timeout=TIMEOUT_MS)
            return page.pdf(
                format="A4",
                landscape=job.landscape,
                print_background=True,
                display_header_footer=job.page_numbers,
                header_template="<span></span>",
                footer_template=PAGE_NUMBERS if job.page_numbers else "<span></span>",
                margin=MARGINS,
            )
        finally:
            page.context.close()

    def _browser_for(self, executable: str):
        from playwright.sync_api import sync_playwright

        if self._browser is not None and (executable != self._executable or not self._browser.is_connected()):
            self._close()
        if self._browser is None:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS
            )
            self._executable, self._printed = executable, 0
        return self._browser

    def _close(self) -> None:
        browser, playwright, self._browser, self._playwright = self._browser, self._playwright, None, None
        # a browser that already died has nothing left to close
        if browser is not None:
            with contextlib.suppress(Exception):
                browser.close()
        if playwright is not None:
            with contextlib.suppress(Exception):
                playwright.stop()


_printer = _Printer()
atexit.register(_printer.stop)


def html_to_pdf(html: str, *, landscape: bool = False, page_numbers: bool = True) -> bytes:
    """Print HTML to an A4 PDF in the process's Chromium; fonts the page uses are embedded as subsets."""
    return _printer.print(_Job(_chromium(), html, landscape, page_numbers, Future()))
