"""Official lists: checked row by row, reported per row and column, written all or nothing, dry runs write nothing."""

import io

import pytest
from openpyxl import Workbook

from gaoqi.apps.enterprises.models import Certificate
from gaoqi.apps.market.official_lists import COLUMNS, official_list_import
from gaoqi.core.errors import DomainError, PermissionDenied
from tests.platform.conftest import OUTSIDER_USCC, OWNER_USCC


def _csv(*rows) -> bytes:
    lines = [",".join(COLUMNS), *(",".join(row) for row in rows)]
    return ("\ufeff" + "\n".join(lines)).encode()


def _xlsx(*rows) -> bytes:
    wb = Workbook()
    wb.active.append(COLUMNS)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = (OWNER_USCC, "广州华芯科技有限公司", "GR202544000123", "2025-12-01", "2028-11-30")


def _run(market, data, *, name="list.csv", dry_run=False, kind="hte"):
    return official_list_import(actor=market.bureau, kind=kind, data=data, filename=name, dry_run=dry_run)


def test_a_dry_run_checks_every_row_and_writes_nothing(market):
    report = _run(market, _csv(GOOD), dry_run=True)
    assert (report.rows, report.errors, report.written) == (1, [], False)
    assert not Certificate.objects.exists()


def test_a_clean_list_creates_certificates_and_a_second_import_updates_them(market):
    report = _run(market, _xlsx(GOOD), name="高企名单.xlsx")
    assert (report.created, report.updated, report.written) == (1, 0, True)
    certificate = Certificate.objects.get(enterprise=market.ours, kind="hte")
    assert (certificate.number, str(certificate.expires_on)) == ("GR202544000123", "2028-11-30")
    report = _run(market, _csv((*GOOD[:4], "2028-12-31")))
    assert (report.created, report.updated) == (0, 1)
    assert str(Certificate.objects.get(enterprise=market.ours).expires_on) == "2028-12-31"


def test_one_wrong_row_is_named_and_nothing_is_written(market):
    rows = [
        GOOD,
        (OUTSIDER_USCC, "广州天河云软件有限公司", "", "2025-12-01", "2028-11-30"),
        ("91440101MA59ABCDX1", "无此企业", "GR1", "2025-12-01", "2028-11-30"),
        (OUTSIDER_USCC, "广州天河云软件有限公司", "GR2", "2025-12-01", "2024-11-30"),
        (OUTSIDER_USCC, "广州天河云软件有限公司", "GR3", "明年", "2028-11-30"),
        GOOD,
    ]
    report = _run(market, _csv(*rows))
    assert [(line, column) for line, column, _message in report.errors] == [
        (3, "证书编号"),
        (4, "统一社会信用代码"),
        (5, "有效期至"),
        (6, "发证日期"),
        (7, "证书编号"),
    ]
    assert report.errors[-1][2] == "与第2行重复"
    assert not report.written
    assert not Certificate.objects.exists()


def test_a_wrong_header_or_an_unreadable_file_is_refused_on_the_file(market):
    with pytest.raises(DomainError) as caught:
        _run(market, "企业,编号\n".encode())
    assert caught.value.field == "file"
    with pytest.raises(DomainError) as caught:
        _run(market, b"%PDF-1.4", name="list.xlsx")
    assert caught.value.field == "file"
    with pytest.raises(DomainError):
        _run(market, _csv(GOOD).decode("utf-8-sig").encode("gbk"))


def test_only_the_bureau_imports(market):
    for who in (market.district, market.owner, market.scenario_owner):
        with pytest.raises(PermissionDenied):
            official_list_import(actor=who, kind="hte", data=_csv(GOOD), filename="a.csv", dry_run=True)


def test_the_page_reports_the_rows_and_keeps_the_dry_run_default(client, market):
    client.force_login(market.bureau)
    assert 'name="dry_run"' in client.get("/market/lists/import/").content.decode()
    upload = io.BytesIO(_csv(GOOD, (OUTSIDER_USCC, "x", "", "2025-12-01", "2028-11-30")))
    upload.name = "list.csv"
    response = client.post("/market/lists/import/", {"kind": "tsme", "file": upload})
    assert response.status_code == 400
    assert "必填，不能为空" in response.content.decode()
    upload = io.BytesIO(_csv(GOOD))
    upload.name = "list.csv"
    response = client.post("/market/lists/import/", {"kind": "tsme", "file": upload})
    assert "新增证书 1 个" in response.content.decode()
    assert Certificate.objects.filter(kind="tsme").count() == 1
