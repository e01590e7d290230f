"""The file pages: workbook template, import, export and the report PDF, tried by the cast."""

import io
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gaoqi.apps.enterprises.excel import profile_export
from gaoqi.apps.enterprises.models import FiscalYear
from gaoqi.apps.enterprises.profile import profile_as_dict

CAST = ["owner", "colleague", "outsider", "mentor", "other_mentor", "district", "other_district", "bureau", "station"]
SEES_OURS = {"owner", "colleague", "mentor", "district", "bureau"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''"), disposition
    return unquote(disposition.split("''", 1)[1])


def _upload(data: bytes, name="档案.xlsx"):
    return {"file": SimpleUploadedFile(name, data, content_type=XLSX)}


def _edited(enterprise, sheet, cell, value) -> bytes:
    wb = load_workbook(io.BytesIO(profile_export(enterprise)))
    wb[sheet][cell] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_anyone_signed_in_gets_the_blank_template_with_a_chinese_filename(client, cast):
    client.force_login(cast.station)
    response = client.get(reverse("files:template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert _filename(response) == "高企档案导入模板.xlsx"
    assert "年度数据" in load_workbook(io.BytesIO(response.content)).sheetnames


def test_a_visitor_is_sent_to_log_in(client, cast, report):
    for url in (reverse("files:template"), reverse("files:export", args=[cast.ours.pk])):
        assert client.get(url).status_code == 302
    assert client.get(reverse("files:report_pdf", args=[report.pk])).status_code == 302


@pytest.mark.parametrize("who", CAST)
def test_the_export_follows_the_tenancy_rule(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("files:export", args=[cast.ours.pk]))
    if who in SEES_OURS:
        assert response.status_code == 200
        assert _filename(response) == "广州华芯科技有限公司-企业档案.xlsx"
        basic = load_workbook(io.BytesIO(response.content))["基本信息"]
        assert basic["B2"].value == cast.ours.uscc
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("outsider", 200), ("bureau", 403), ("mentor", 403)])
def test_only_enterprise_users_get_the_import_form(client, cast, who, status):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("files:import"))
    assert response.status_code == status
    if status == 200:
        assert "下载空白导入模板" in response.content.decode()


def test_the_owner_imports_an_edited_workbook(client, cast):
    client.force_login(cast.owner)
    data = _edited(cast.ours, "年度数据", "H2", 33)
    response = client.post(reverse("files:import"), _upload(data))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal")
    assert FiscalYear.objects.get(enterprise=cast.ours, year=2023).st_staff == 33


def test_a_bad_cell_re_renders_the_form_with_the_error_report_and_saves_nothing(client, cast):
    client.force_login(cast.colleague)
    before = profile_as_dict(cast.ours)
    response = client.post(reverse("files:import"), _upload(_edited(cast.ours, "年度数据", "B3", "abc")))
    assert response.status_code == 400
    page = response.content.decode()
    assert "文件未导入" in page
    assert "应为金额（元，最多两位小数），收到 &#x27;abc&#x27;" in page
    assert profile_as_dict(cast.ours) == before


def test_a_file_that_is_not_excel_gets_a_clear_error(client, cast):
    client.force_login(cast.owner)
    response = client.post(reverse("files:import"), _upload(b"%PDF-1.7", name="报告.pdf"))
    assert response.status_code == 400
    assert "这是 PDF 文件，不是 Excel 工作簿（.xlsx）" in response.content.decode()


def test_another_enterprise_cannot_import_our_workbook_into_its_own_profile(client, cast):
    client.force_login(cast.outsider)
    before = profile_as_dict(cast.theirs)
    response = client.post(reverse("files:import"), _upload(profile_export(cast.ours)))
    assert response.status_code == 400
    assert "不能导入其他企业的文件" in response.content.decode()
    assert profile_as_dict(cast.theirs) == before


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("bureau", 200), ("outsider", 404), ("other_district", 404)]
)
def test_the_report_pdf_follows_the_tenancy_rule(
    client, cast, report, who, status, run_worker, django_capture_on_commit_callbacks
):
    client.force_login(getattr(cast, who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("files:report_pdf", args=[report.pk]))
    run_worker()
    if status == 200:
        assert response.status_code == 202
        response = client.get(reverse("files:report_pdf", args=[report.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert _filename(response) == "广州华芯科技有限公司-高企自评报告-20260630.pdf"


def test_a_missing_font_gives_a_chinese_503_not_a_traceback(client, cast, report, settings):
    settings.PDF_FONT = "/nonexistent/font.ttc"
    client.force_login(cast.owner)
    response = client.get(reverse("files:report_pdf", args=[report.pk]))
    assert response.status_code == 503
    assert "中文字体" in response.content.decode()
