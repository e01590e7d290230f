"""The profile as an Excel workbook: template, export → import round trip, all-or-nothing import."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gaoqi.apps.enterprises.excel import SHEETS, profile_export, profile_import, template_workbook
from gaoqi.apps.enterprises.models import Certificate, FiscalYear, Incident, IPItem
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.core.errors import PermissionDenied
from gaoqi.core.models import AuditEntry


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _ip_rows(enterprise):
    return list(enterprise.ip_items.order_by("pk").values("kind", "title", "number", "granted_on", "core"))


def test_the_template_has_a_sheet_per_part_of_the_profile_with_chinese_headers():
    wb = _book(template_workbook())
    assert set(SHEETS) <= set(wb.sheetnames)
    headers = [c.value for c in wb["年度数据"][1]]
    assert headers[:2] == ["年度", "销售收入"]
    assert "研发-委托境外研究开发费用" in headers
    assert sum(h.startswith("研发-") for h in headers) == 9
    assert wb["研发管理"].max_row == 10  # header and the nine management items


def test_an_exported_profile_imports_back_unchanged(cast):
    IPItem.objects.create(
        enterprise=cast.ours, kind="software_copyright", title="华芯调度软件", number="2023SR0012345",
        granted_on=datetime.date(2023, 5, 1), acquired_by="transfer", core=False,
    )  # fmt: skip
    Incident.objects.create(enterprise=cast.ours, kind="quality", on=datetime.date(2024, 2, 3), major=False)
    Certificate.objects.create(
        enterprise=cast.ours, kind="hte", number="GR202344001234",
        issued_on=datetime.date(2023, 12, 8), expires_on=datetime.date(2026, 12, 7),
    )  # fmt: skip
    FiscalYear.objects.filter(enterprise=cast.ours, year=2025).update(
        sales_revenue=Decimal("999999999999.99"), net_assets_end=Decimal("-1234.56"), total_income=None
    )
    before, ips = profile_as_dict(cast.ours), _ip_rows(cast.ours)

    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=profile_export(cast.ours))

    assert report.ok, report.messages
    assert report.changes == {}  # the same rows again are no change
    assert profile_as_dict(cast.ours) == before
    assert _ip_rows(cast.ours) == ips


def test_an_edited_workbook_updates_the_profile_exactly_and_is_audited(cast):
    wb = _book(profile_export(cast.ours))
    years = wb["年度数据"]
    years["B2"] = "30,234,567.89"  # 2023 销售收入, with thousands separators
    wb["成果转化"].append([2024, 7])
    report = profile_import(actor=cast.colleague, enterprise=cast.ours, data=_save(wb))
    assert report.ok, report.messages
    assert FiscalYear.objects.get(enterprise=cast.ours, year=2023).sales_revenue == Decimal("30234567.89")
    assert profile_as_dict(cast.ours)["conversions"] == {"2024": 7, "2025": 3}
    entry = AuditEntry.objects.filter(enterprise_id=cast.ours.pk, action="profile.update").get()
    assert entry.actor == cast.colleague
    assert entry.changes["fiscal_years[2023].sales_revenue"] == ["30000000.00", "30234567.89"]


def test_a_bad_cell_rejects_the_whole_file_with_a_message_naming_sheet_row_and_column(cast):
    wb = _book(profile_export(cast.ours))
    wb["基本信息"]["A2"] = "改了名字的公司"
    wb["年度数据"]["B3"] = "三千万"
    wb["年度数据"]["C4"] = 1.234
    before = profile_as_dict(cast.ours)

    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=_save(wb))

    assert not report.ok
    assert report.messages == [
        "年度数据 第3行 销售收入：应为金额（元，最多两位小数），收到 '三千万'",
        "年度数据 第4行 总收入：金额最多保留两位小数（到分），收到 1.234",
    ]
    assert profile_as_dict(cast.ours) == before
    assert not AuditEntry.objects.filter(action="profile.update").exists()


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "message"),
    [
        ("基本信息", "B2", "91440106MA5XYW1200", "基本信息 第2行 统一社会信用代码：与本企业的统一社会信用代码"),
        ("基本信息", "C2", "深圳市", "基本信息 第2行 所在区：应为 荔湾区 | 越秀区"),
        ("基本信息", "F2", "也许", "基本信息 第2行 制造业企业：应为“是”或“否”，收到 '也许'"),
        ("年度数据", "A3", 2023, "年度数据 第3行 年度：2023 重复出现"),
        ("年度数据", "H2", 500, "年度数据 第2行 科技人员数：科技人员数不能超过职工总数"),
        ("年度数据", "B2", -5, "年度数据 第2行 销售收入：金额不能为负数，收到 -5"),
        ("知识产权", "A2", "商标", "知识产权 第2行 类型：商标不属于高企认定的知识产权"),
        ("知识产权", "D2", "2022-13-01", "知识产权 第2行 授权日期：应为日期（如 2024-05-01），收到 '2022-13-01'"),
        ("成果转化", "B2", 2.5, "成果转化 第2行 成果转化数：应为不小于 0 的整数，收到 2.5"),
    ],
)
def test_each_kind_of_bad_cell_is_named_in_chinese(cast, sheet, cell, value, message):
    wb = _book(profile_export(cast.ours))
    wb[sheet][cell] = value
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=_save(wb))
    assert len(report.messages) == 1
    assert report.messages[0].startswith(message), report.messages


def test_a_missing_sheet_or_column_is_reported_not_taken_as_empty(cast):
    wb = _book(profile_export(cast.ours))
    del wb["知识产权"]
    wb["年度数据"]["B1"] = "营业收入"
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=_save(wb))
    assert report.messages == [
        "年度数据 第1行：缺少列：销售收入，请使用导入模板",
        "知识产权：缺少工作表「知识产权」，请使用导入模板",
    ]
    assert cast.ours.ip_items.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a workbook", "这是 PDF 文件，不是 Excel 工作簿（.xlsx）"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "这是旧版 Excel 97-2003（.xls）文件"),
        (b"", "文件不是 Excel 工作簿（.xlsx）：内容不是 ZIP 格式"),
        (b"name,uscc\n", "文件不是 Excel 工作簿（.xlsx）：内容不是 ZIP 格式"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_gets_a_clear_error(cast, data, message):
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=data)
    assert len(report.messages) == 1
    assert report.messages[0].startswith(message)


def test_the_template_itself_imports_as_an_error_report_not_a_crash(cast):
    report = profile_import(actor=cast.owner, enterprise=cast.ours, data=template_workbook())
    assert report.messages == ["基本信息 第2行：应只有一行企业基本信息，实有 0 行"]


def test_only_the_enterprises_own_users_may_import(cast):
    data = profile_export(cast.ours)
    for who in (cast.outsider, cast.bureau, cast.mentor):
        with pytest.raises(PermissionDenied):
            profile_import(actor=who, enterprise=cast.ours, data=data)
