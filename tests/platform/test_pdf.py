"""The assessment report printed to PDF by headless Chromium, with the Chinese font embedded."""

import io
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from gaoqi.apps.assessments import pdf
from gaoqi.apps.assessments.pdf import PdfUnavailable, percent, report_html, report_pdf, yuan
from gaoqi.core.pdf import _printer, html_to_pdf


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont")))
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object().get("/FontDescriptor").get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(f"embedded:{descriptor['/FontName']}")
    return names


@pytest.fixture
def printed(report):
    return report_pdf(report)


def test_the_report_prints_as_a_pdf_with_the_chinese_font_embedded(printed):
    assert printed.startswith(b"%PDF")
    fonts = _fonts(PdfReader(io.BytesIO(printed)))
    assert any(name.startswith("embedded:") and "WenQuanYi" in name for name in fonts), fonts


def test_the_pdf_text_names_the_enterprise_and_carries_every_part_of_the_report(printed):
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed)).pages)
    for expected in (
        "广州华芯科技有限公司",
        "评估基准日",
        "sha256:abc",  # the rulebook fingerprint
        "八项认定条件",
        "rd_ratio 说明",  # a condition's explanation
        "国科发火〔2016〕32号",  # its citation
        "创新能力评价",
        "科技人员再增加 3 人",  # the gap plan
        "450,000.00",
        "科技型中小企业评价",
        "研发费用加计扣除",
        "300,025.00",
    ):
        assert expected in text, expected


def test_the_print_page_shows_ratios_as_percentages_and_money_with_separators(report):
    html = report_html(report)
    assert "5.4%" in html  # hte.rd_ratio "0.054"
    assert "300,000.00" in html


def test_percentages_and_money_are_exact():
    assert percent("0.0495") == "4.95%"
    assert percent("1") == "100%"
    assert percent("0.25") == "25%"
    assert percent(None) is None
    assert yuan("999999999999.99") == "999,999,999,999.99"
    assert yuan("-1234.5") == "-1,234.50"


def test_a_missing_font_or_browser_is_a_clear_chinese_error(report, settings):
    settings.PDF_FONT = "/nonexistent/font.ttc"
    with pytest.raises(PdfUnavailable, match="中文字体"):
        report_pdf(report)
    settings.PDF_CHROMIUM = "/nonexistent/chromium"
    with pytest.raises(PdfUnavailable, match="Chromium"):
        pdf.html_to_pdf("<p>测试</p>")


def test_the_english_report_page_and_pdf_are_written_in_english(cast):
    from django.utils import translation

    from gaoqi.apps.assessments.services import assessment_run

    assessment = assessment_run(actor=cast.owner, enterprise=cast.ours)
    with translation.override("en"):
        html = report_html(assessment)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(assessment))).pages)
    assert "days from registration to the application date" in html
    assert "注册成立至申请日共" not in html
    assert "days from registration" in text.replace("\n", " ")


def test_the_process_keeps_one_browser_between_documents_and_replaces_it_after_the_recycle_count(settings):
    settings.PDF_PRINTER = {**settings.PDF_PRINTER, "recycle_after": 2}
    _printer.stop()
    html_to_pdf("<p>一</p>")
    first = _printer._browser
    html_to_pdf("<p>二</p>")  # the second document reaches the recycle count: the browser is closed after it
    assert first is not None
    assert _printer._browser is None
    assert html_to_pdf("<p>三</p>").startswith(b"%PDF")
    assert _printer._browser is not None
    assert _printer._browser is not first


def test_an_idle_printer_closes_its_browser(settings):
    settings.PDF_PRINTER = {**settings.PDF_PRINTER, "idle_seconds": 0.2}
    _printer.stop()
    html_to_pdf("<p>测试</p>")
    thread = _printer._thread
    deadline = time.monotonic() + 10
    while _printer._browser is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _printer._browser is None
    assert thread.is_alive()  # the thread waits for the next document; only the browser went
    _printer.stop()


def test_documents_printed_from_several_threads_all_come_out(settings):
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda n: html_to_pdf(f"<p>第 {n} 页</p>"), range(3)))
    assert all(p.startswith(b"%PDF") for p in pdfs)
