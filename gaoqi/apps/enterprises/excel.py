"""The enterprise profile as an Excel workbook: blank template, all-or-nothing import, export in the same layout.

The sheet names and column headers are a fixed Chinese file format (they do not follow the user's language);
the error messages do. Blank cells mean "not reported" for figures and the model default for yes/no columns.
"""

import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gaoqi.apps.enterprises.excel_cells import NO, YES, CellError, Column, blank, read_cell
from gaoqi.apps.enterprises.models import (
    MANAGEMENT_ITEMS,
    RATINGS,
    Certificate,
    Enterprise,
    Incident,
    IPItem,
    ManagementItems,
)
from gaoqi.apps.enterprises.profile import TSME_ROUTES
from gaoqi.apps.enterprises.selectors import enterprise_can_edit
from gaoqi.apps.enterprises.services import profile_update
from gaoqi.core.districts import DISTRICTS, TECH_FIELD_NAMES
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.spreadsheets import SpreadsheetError, append_row, open_workbook, sheet_rows
from gaoqi.rules.profile import RD_CATEGORIES, SIGNED_YEAR_AMOUNTS

RD_LABELS = {
    "personnel": "人员人工费用",
    "direct_inputs": "直接投入费用",
    "depreciation": "折旧费用与长期待摊费用",
    "amortization": "无形资产摊销费用",
    "design": "设计费用",
    "equipment_trials": "装备调试费用与试验费用",
    "entrusted_domestic": "委托境内研究开发费用",
    "entrusted_overseas": "委托境外研究开发费用",
    "other": "其他费用",
}


def _zh(choices) -> tuple:
    with translation.override("zh-hans"):
        return tuple((code, str(label)) for code, label in choices)


def _money(name: str) -> str:
    """The cell kind of a year amount: negative allowed exactly where the profile format allows it."""
    return "signed_money" if name in SIGNED_YEAR_AMOUNTS else "money"


def _bool(header, key, default=False):
    return Column(header, key, "bool", default=default, width=10)


BASIC = (
    Column("企业名称", "name", "text", required=True, max_length=200, width=30),
    Column("统一社会信用代码", "uscc", "code", required=True, max_length=18, width=22),
    Column("所在区", "district", "choice", required=True, choices=_zh(DISTRICTS)),
    Column("技术领域代码", "tech_field", "code", required=True, max_length=5),
    Column("国民经济行业代码", "industry", "code", max_length=5, default=""),
    _bool("制造业企业", "is_manufacturing"),
    Column("注册日期", "registered_on", "date", required=True, width=12),
    Column("拟申报日期", "application_date", "date", width=12),
    _bool("主持或参与制定标准", "standards"),
    Column("技术先进程度自评", "advancement", "choice", choices=tuple(RATINGS), default=""),
    Column("核心支持作用自评", "core_support", "choice", choices=tuple(RATINGS), default=""),
    _bool("国家科技奖前三完成单位", "national_award_top3"),
    _bool("省级以上研发机构", "provincial_rd_institution"),
    _bool("主导制定标准", "led_standard"),
)
YEARS = (
    Column("年度", "year", "year", required=True, width=8),
    Column("销售收入", "sales_revenue", _money("sales_revenue"), width=16),
    Column("总收入", "total_income", _money("total_income"), width=16),
    Column("高新技术产品（服务）收入", "hightech_income", _money("hightech_income"), width=16),
    Column("年末净资产", "net_assets_end", _money("net_assets_end"), width=16),
    Column("年末资产总额", "total_assets_end", _money("total_assets_end"), width=16),
    Column("职工总数", "employees", "count", width=10),
    Column("科技人员数", "st_staff", "count", width=10),
    *(Column(f"研发-{RD_LABELS[cat]}", f"rd_{cat}", "money", width=16) for cat in RD_CATEGORIES),
    Column("应纳税所得额", "taxable_income", _money("taxable_income"), width=16),
    Column("成本费用总额", "total_costs", _money("total_costs"), width=16),
)
IP = (
    Column("类型", "kind", "choice", required=True, choices=_zh(IPItem.Kind.choices)),
    Column("名称", "title", "text", max_length=200, default="", width=30),
    Column("登记号", "number", "code", max_length=64, default="", width=20),
    Column("授权日期", "granted_on", "date", required=True, width=12),
    Column("获得方式", "acquired_by", "choice", choices=_zh(IPItem.AcquiredBy.choices), default="own"),
    _bool("核心知识产权", "core", default=True),
    _bool("已用于以往认定", "used_before"),
)
CONVERSIONS = (
    Column("年度", "year", "year", required=True, width=8),
    Column("成果转化数", "count", "count", required=True, width=12),
)
MANAGEMENT = (
    Column("项目", "item", "choice", required=True, choices=_zh(MANAGEMENT_ITEMS), width=40),
    _bool("是否具备", "present"),
)
INCIDENTS = (
    Column("类型", "kind", "choice", required=True, choices=_zh(Incident.Kind.choices)),
    Column("发生日期", "on", "date", required=True, width=12),
    _bool("重大事故", "major"),
)
SHEETS = {"基本信息": BASIC, "年度数据": YEARS, "知识产权": IP, "成果转化": CONVERSIONS, "研发管理": MANAGEMENT}
CERTIFICATES = (
    Column("类型", "kind", "choice", required=True, choices=_zh(Certificate.Kind.choices), width=26),
    Column("证书编号", "number", "code", max_length=64, default="", width=20),
    Column("发证日期", "issued_on", "date", required=True, width=12),
    Column("有效期至", "expires_on", "date", required=True, width=12),
)
SHEETS["事故记录"] = INCIDENTS
SHEETS["资质证书"] = CERTIFICATES
HELP_SHEET = "填写说明"
HELP = [
    "每个工作表第1行为列名，请勿修改；从第2行起每行一条记录，空行会被忽略。",
    "基本信息：只填第2行一行；统一社会信用代码须与本企业一致（用于防止导入其他企业的文件）。",
    "金额单位为元，最多两位小数（到分），可带千位分隔符；年末净资产、应纳税所得额可为负数。",
    "人数为年平均人数（整数）；日期格式为 2024-05-01；是否类的列填“是”或“否”，空白按默认值。",
    "年度数据：每个会计年度一行，研发费用按九类填写实际发生额；文件中未列出的年度保持不变。",
    "知识产权、成果转化、事故记录、资质证书：导入时整表替换原有记录；表中无记录即表示“无”。",
    "资质证书：高新技术企业证书等按证书填写发证日期和有效期至；评估时按评估基准日判断证书是否有效。",
    "导入是全有或全无的：任何一格有误，整个文件都不会保存，并逐格列出错误（工作表、行号、列名）。",
]


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        place = " ".join(p for p in (self.sheet, _("第%(row)s行") % {"row": self.row} if self.row else "") if p)
        where = f"{place} {self.column}" if self.column else place
        return f"{where}：{self.message}" if where else self.message


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    changes: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


# ---- reading sheets ------------------------------------------------------------------------------------------


def _read_sheet(wb, name: str, columns, errors: list[RowError]) -> list[tuple[int, dict]]:
    """The non-blank rows of a sheet as (Excel row number, {key: value}); problems go to ``errors``."""
    if name not in wb.sheetnames:
        errors.append(RowError(name, None, None, _("缺少工作表「%(name)s」，请使用导入模板") % {"name": name}))
        return []
    rows = sheet_rows(wb, name)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    positions = {h: i for i, h in enumerate(header) if h}
    missing = [c.header for c in columns if c.header not in positions]
    if missing:
        message = _("缺少列：%(columns)s，请使用导入模板") % {"columns": "、".join(missing)}
        errors.append(RowError(name, 1, None, message))
        return []
    parsed = []
    for number, values in enumerate(rows, start=2):
        cells = {c: values[positions[c.header]] if positions[c.header] < len(values) else None for c in columns}
        if all(blank(v) for v in cells.values()):
            continue
        record = {}
        for column, value in cells.items():
            try:
                record[column.key] = read_cell(value, column)
            except CellError as exc:
                errors.append(RowError(name, number, column.header, str(exc)))
        if len(record) == len(columns):
            parsed.append((number, record))
    return parsed


def _unique(rows, sheet: str, column: Column, errors: list[RowError]) -> None:
    seen = set()
    for number, record in rows:
        value = record[column.key]
        if value in seen:
            errors.append(RowError(sheet, number, column.header, _("%(value)s 重复出现") % {"value": value}))
        seen.add(value)


def _check_basic(rows, enterprise: Enterprise, errors: list[RowError]) -> dict | None:
    if len(rows) != 1:
        errors.append(RowError("基本信息", 2, None, _("应只有一行企业基本信息，实有 %(n)s 行") % {"n": len(rows)}))
        return None
    number, record = rows[0]
    if record["uscc"].upper() != enterprise.uscc:
        message = _("与本企业的统一社会信用代码 %(uscc)s 不一致，不能导入其他企业的文件") % {"uscc": enterprise.uscc}
        errors.append(RowError("基本信息", number, "统一社会信用代码", message))
    field_code = record["tech_field"]
    if not re.fullmatch(r"\d{2,5}", field_code) or field_code[:2] not in TECH_FIELD_NAMES:
        message = _("技术领域代码应为2至5位数字，并以10至80之一开头，收到 %(value)s") % {"value": repr(field_code)}
        errors.append(RowError("基本信息", number, "技术领域代码", message))
    return record


def _check_years(rows, errors: list[RowError]) -> None:
    _unique(rows, "年度数据", YEARS[0], errors)
    for number, r in rows:
        if r["employees"] is not None and r["st_staff"] is not None and r["st_staff"] > r["employees"]:
            errors.append(RowError("年度数据", number, "科技人员数", _("科技人员数不能超过职工总数")))
        if r["sales_revenue"] is not None and r["total_income"] is not None and r["sales_revenue"] > r["total_income"]:
            errors.append(RowError("年度数据", number, "销售收入", _("销售收入不能超过总收入")))


def _check_certificates(rows, errors: list[RowError]) -> None:
    for number, r in rows:
        if r["issued_on"] and r["expires_on"] and r["expires_on"] < r["issued_on"]:
            errors.append(RowError("资质证书", number, "有效期至", _("有效期至不能早于发证日期")))


def _to_profile(basic: dict, sheets: dict) -> dict:
    years = []
    for _number, r in sheets["年度数据"]:
        rd = {cat: r.pop(f"rd_{cat}") for cat in RD_CATEGORIES}
        years.append({**r, "rd": rd})
    profile = {k: basic[k] for k in basic if k not in {"uscc", *TSME_ROUTES, "advancement", "core_support"}}
    return {
        **profile,
        "tsme_routes": {k: basic[k] for k in TSME_ROUTES},
        "self_rating": {k: basic[k] for k in ("advancement", "core_support")},
        "fiscal_years": years,
        "ip": [r for _n, r in sheets["知识产权"]],
        "conversions": {str(r["year"]): r["count"] for _n, r in sheets["成果转化"]},
        "management": {r["item"]: r["present"] for _n, r in sheets["研发管理"]},
        "incidents": [r for _n, r in sheets["事故记录"]],
        "certificates": [r for _n, r in sheets["资质证书"]],
    }


def profile_import(*, actor, enterprise: Enterprise, data: bytes) -> ImportReport:
    """Read a workbook and apply it as one profile update; with any error nothing is saved."""
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    report = ImportReport()
    try:
        wb = open_workbook(data)
        try:
            sheets = {name: _read_sheet(wb, name, columns, report.errors) for name, columns in SHEETS.items()}
        finally:
            wb.close()
    except SpreadsheetError as exc:
        report.errors.append(RowError("", None, None, str(exc)))
        return report
    basic = None
    if not any(e.sheet == "基本信息" for e in report.errors):
        basic = _check_basic(sheets["基本信息"], enterprise, report.errors)
    _check_years(sheets["年度数据"], report.errors)
    _unique(sheets["成果转化"], "成果转化", CONVERSIONS[0], report.errors)
    _unique(sheets["研发管理"], "研发管理", MANAGEMENT[0], report.errors)
    _check_certificates(sheets["资质证书"], report.errors)
    if report.errors or basic is None:
        return report
    report.counts = {name: len(rows) for name, rows in sheets.items() if name != "基本信息"}
    try:
        with transaction.atomic():
            report.changes = profile_update(actor=actor, enterprise=enterprise, profile=_to_profile(basic, sheets))
    except DomainError as exc:
        header = next((c.header for c in BASIC if c.key == exc.field), None)
        report.errors.append(RowError("基本信息" if header else "", 2 if header else None, header, exc.message))
    return report


# ---- writing -------------------------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
FORMATS = {"money": "#,##0.00", "signed_money": "#,##0.00", "date": "yyyy-mm-dd", "code": "@"}


def _cell_value(value, column: Column):
    if column.kind == "bool":
        return YES if value else NO
    if column.kind == "choice":
        return dict(column.choices).get(value, value) or None
    return value if value != "" else None


def _validation(ws, column: Column, letter: str) -> None:
    if column.kind == "bool":
        options = f"{YES},{NO}"
    elif column.kind == "choice":
        options = ",".join(label for _code, label in column.choices)
    else:
        return
    rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
    rule.error = _("请从下拉列表中选择")
    ws.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{settings.UPLOADS['xlsx']['max_rows'] + 1}")


def _sheet(wb, name: str, columns, records: list[dict]) -> None:
    ws = wb.create_sheet(name)
    append_row(ws, [c.header for c in columns])
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[letter].width = max(column.width, len(column.header) * 2 + 2)
        _validation(ws, column, letter)
    for record in records:
        append_row(ws, [_cell_value(record.get(c.key), c) for c in columns])
    for row in ws.iter_rows(min_row=2, max_row=max(ws.max_row, 2)):
        for cell, column in zip(row, columns, strict=False):
            if column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]
    ws.freeze_panes = "A2"


def _workbook(records: dict[str, list[dict]]) -> bytes:
    wb = Workbook()
    wb.active.title = HELP_SHEET
    wb.active.column_dimensions["A"].width = 110
    for line in HELP:
        append_row(wb.active, [line])
    for name, columns in SHEETS.items():
        _sheet(wb, name, columns, records.get(name, []))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_workbook() -> bytes:
    """A blank workbook to fill in: every sheet with its headers; 研发管理 lists the nine items."""
    return _workbook({"研发管理": [{"item": key, "present": False} for key, _label in MANAGEMENT_ITEMS]})


def _model_row(obj, columns) -> dict:
    return {c.key: getattr(obj, c.key) for c in columns}


def profile_export(enterprise: Enterprise) -> bytes:
    """The enterprise's profile in the template's layout; importing it back changes nothing."""
    management = ManagementItems.objects.filter(enterprise=enterprise).first()
    records = {
        "基本信息": [_model_row(enterprise, BASIC)],
        "年度数据": [_model_row(fy, YEARS) for fy in enterprise.fiscal_years.order_by("year")],
        "知识产权": [_model_row(ip, IP) for ip in enterprise.ip_items.order_by("granted_on", "pk")],
        "成果转化": [_model_row(c, CONVERSIONS) for c in enterprise.conversions.order_by("year")],
        "研发管理": [
            {"item": key, "present": bool(management and getattr(management, key))} for key, _l in MANAGEMENT_ITEMS
        ],
        "事故记录": [_model_row(i, INCIDENTS) for i in enterprise.incidents.order_by("on", "pk")],
        "资质证书": [_model_row(c, CERTIFICATES) for c in enterprise.certificates.order_by("issued_on", "pk")],
    }
    return _workbook(records)
