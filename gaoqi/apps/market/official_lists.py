"""Bulk import of the bureau's official lists (高新技术企业名单, 科技型中小企业入库名单, 专精特新 lists) from Excel or
CSV into the enterprises' certificates: every row checked first, errors reported per row and column, and either
every row written in one transaction or none (a dry run writes nothing)."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Certificate, Enterprise
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.core.spreadsheets import SpreadsheetError, open_workbook, sheet_rows
from gaoqi.rules.uscc import USCCError, validate_uscc

LISTS = {
    "hte": Certificate.Kind.HTE,
    "tsme": Certificate.Kind.TSME,
    "specialised": Certificate.Kind.SPECIALISED,
    "little_giant": Certificate.Kind.LITTLE_GIANT,
}
COLUMNS = ("统一社会信用代码", "企业名称", "证书编号", "发证日期", "有效期至")
"""The header of every list (a fixed Chinese file format); 企业名称 is for the reader and is not checked."""
MAX_ROWS = 20_000


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    written: bool = False
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number in the file, column, message)


def _date(value, column: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip().replace("/", "-"))
    except ValueError:
        raise DomainError(_("应为日期，如 2026-06-30"), field=column) from None


def _table(data: bytes, filename: str) -> list[tuple]:
    """The rows of the file (header first): the first sheet of a workbook, or CSV in UTF-8 (with or without BOM)."""
    if filename.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError(_("CSV 文件应为 UTF-8 编码。"), field="file") from None
        return [tuple(row) for row in csv.reader(io.StringIO(text))][: MAX_ROWS + 1]
    try:
        wb = open_workbook(data)
        return list(sheet_rows(wb, wb.sheetnames[0]))[: MAX_ROWS + 1]
    except SpreadsheetError as exc:
        raise DomainError(str(exc), field="file") from None


def _check_header(header: tuple) -> None:
    found = tuple(str(cell or "").strip() for cell in header[: len(COLUMNS)])
    if found != COLUMNS:
        expected = "、".join(COLUMNS)
        raise DomainError(_("表头应为：%(columns)s（第1行）。") % {"columns": expected}, field="file")


def _row(values: tuple, enterprises: dict) -> dict:
    """One checked row, or DomainError naming its column."""
    cells = dict(zip(COLUMNS, (*values, *[None] * len(COLUMNS)), strict=False))
    try:
        uscc = validate_uscc(str(cells["统一社会信用代码"] or "").strip())
    except USCCError as exc:
        raise DomainError(str(exc), field="统一社会信用代码") from None
    if uscc not in enterprises:
        raise DomainError(_("平台中没有该统一社会信用代码的企业"), field="统一社会信用代码")
    number = str(cells["证书编号"] or "").strip()
    if not number:
        raise DomainError(_("必填，不能为空"), field="证书编号")
    issued, expires = _date(cells["发证日期"], "发证日期"), _date(cells["有效期至"], "有效期至")
    if expires < issued:
        raise DomainError(_("有效期至不能早于发证日期"), field="有效期至")
    return {"enterprise_id": enterprises[uscc], "number": number[:64], "issued_on": issued, "expires_on": expires}


@transaction.atomic
def official_list_import(*, actor, kind: str, data: bytes, filename: str, dry_run: bool) -> ImportReport:
    """Check every row of an official list; unless it is a dry run or a row is wrong, create or update each
    enterprise's certificate of that kind with that number."""
    if not (actor.is_authenticated and actor.role == Role.BUREAU):
        raise PermissionDenied
    if kind not in LISTS:
        raise DomainError(_("请选择名单类型。"), field="kind")
    table = _table(data, filename)
    if not table:
        raise DomainError(_("文件是空的。"), field="file")
    _check_header(table[0])
    enterprises = dict(Enterprise.objects.values_list("uscc", "pk"))
    report, rows = ImportReport(), []
    seen: dict[tuple[int, str], int] = {}
    for line, values in enumerate(table[1:], start=2):
        if all(v is None or not str(v).strip() for v in values):
            continue
        report.rows += 1
        try:
            row = _row(values, enterprises)
        except DomainError as exc:
            report.errors.append((line, exc.field or "", exc.message))
            continue
        if (row["enterprise_id"], row["number"]) in seen:
            report.errors.append(
                (line, "证书编号", _("与第%(line)s行重复") % {"line": seen[row["enterprise_id"], row["number"]]})
            )
            continue
        seen[row["enterprise_id"], row["number"]] = line
        rows.append(row)
    if report.errors or dry_run:
        return report
    existing = {
        (c.enterprise_id, c.number): c
        for c in Certificate.objects.filter(kind=LISTS[kind], number__in=[r["number"] for r in rows])
    }
    for row in rows:
        found = existing.get((row["enterprise_id"], row["number"]))
        if found is None:
            Certificate.objects.create(kind=LISTS[kind], **row)
            report.created += 1
        elif (found.issued_on, found.expires_on) != (row["issued_on"], row["expires_on"]):
            found.issued_on, found.expires_on = row["issued_on"], row["expires_on"]
            found.save(update_fields=["issued_on", "expires_on"])
            report.updated += 1
    report.written = True
    audit_record(
        actor=actor,
        action="market.official_list_import",
        target=actor,
        changes={"kind": kind, "file": filename[:100], "created": report.created, "updated": report.updated},
    )
    return report
