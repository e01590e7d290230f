"""Spreadsheets in and out, safely.

Writing: ``append_row`` stores text that a spreadsheet program would take for a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) as a text cell marked "quote prefix", so Excel and WPS show it as typed
and never evaluate it, not even after the cell is edited; every export goes through it.

Reading: ``open_workbook`` checks an upload before any XML is parsed (file size, the sizes its ZIP directory
declares, the number of parts, the parts a workbook must have), then opens it read-only; ``sheet_rows`` streams a
sheet's rows and stops at the row and column limits. Python's ``zipfile`` never inflates a part beyond its declared
size, so a ZIP bomb is refused from its directory alone. Every problem is a ``SpreadsheetError`` with a Chinese
message that says what is wrong with the file.
"""

import io
import warnings
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
SIGNATURES = {
    b"\xd0\xcf\x11\xe0": gettext_lazy("这是旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入"),
    b"%PDF": gettext_lazy("这是 PDF 文件，不是 Excel 工作簿（.xlsx）"),
    b"\x89PNG": gettext_lazy("这是图片文件，不是 Excel 工作簿（.xlsx）"),
    b"\xff\xd8\xff": gettext_lazy("这是图片文件，不是 Excel 工作簿（.xlsx）"),
    b"Rar!": gettext_lazy("这是 RAR 压缩包，不是 Excel 工作簿（.xlsx）"),
}


class SpreadsheetError(Exception):
    """An upload that cannot be read as a workbook, with a message for the user."""


# ---- writing ---------------------------------------------------------------------------------------------------


def _as_text(ws, value: str):
    cell = WriteOnlyCell(ws, value=value) if isinstance(ws, WriteOnlyWorksheet) else Cell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_values(ws, values) -> list:
    """``values`` ready for ``ws.append``: text that looks like a formula becomes a quote-prefixed text cell."""
    return [_as_text(ws, v) if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values]


def append_row(ws, values) -> None:
    """Append one row; no value ever becomes a formula."""
    ws.append(safe_values(ws, values))


# ---- reading ---------------------------------------------------------------------------------------------------


def _limits() -> dict:
    return settings.UPLOADS["xlsx"]


def _check_container(data: bytes) -> None:
    limits = _limits()
    if len(data) > limits["max_bytes"]:
        raise SpreadsheetError(
            _("文件过大：最大 %(max)s，收到 %(size)s")
            % {"max": filesizeformat(limits["max_bytes"]), "size": filesizeformat(len(data))}
        )
    for signature, message in SIGNATURES.items():
        if data.startswith(signature):
            raise SpreadsheetError(message)
    if not data.startswith(b"PK"):
        raise SpreadsheetError(
            _("文件不是 Excel 工作簿（.xlsx）：内容不是 ZIP 格式（CSV、文本等请先在 Excel 中另存为 .xlsx）")
        )
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise SpreadsheetError(_("文件已损坏：ZIP 结构无法读取，请重新保存后再上传")) from None
    if len(parts) > limits["max_parts"]:
        raise SpreadsheetError(
            _("文件包含 %(n)s 个部件，超过上限 %(max)s") % {"n": len(parts), "max": limits["max_parts"]}
        )
    inflated = sum(part.file_size for part in parts)
    if inflated > limits["max_uncompressed_bytes"]:
        raise SpreadsheetError(
            _("文件解压后达 %(size)s，超过上限 %(max)s（可能是压缩炸弹）")
            % {"size": filesizeformat(inflated), "max": filesizeformat(limits["max_uncompressed_bytes"])}
        )
    names = {part.filename for part in parts}
    if missing := [name for name in REQUIRED_PARTS if name not in names]:
        raise SpreadsheetError(
            _("这是 ZIP 压缩包，但不是 Excel 工作簿：缺少 %(parts)s") % {"parts": "、".join(missing)}
        )


def _unreadable(exc: Exception, where: str) -> SpreadsheetError:
    exc = exc.__cause__ or exc  # openpyxl wraps what went wrong in a sheet in a ValueError
    if isinstance(exc, DefusedXmlException):
        return SpreadsheetError(_("%(where)s：含有不允许的 XML 实体或文档类型定义") % {"where": where})
    if isinstance(exc, ParseError):
        line, column = getattr(exc, "position", (None, None))
        return SpreadsheetError(
            _("%(where)s：XML 格式错误（第 %(line)s 行第 %(column)s 列），文件可能已损坏")
            % {"where": where, "line": line, "column": column}
        )
    return SpreadsheetError(
        _("%(where)s：无法读取（%(error)s），文件可能已损坏") % {"where": where, "error": type(exc).__name__}
    )


def _broken_part(data: bytes) -> tuple[str, Exception] | None:
    """The first XML part of the file that does not parse, with the parser's complaint."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            try:
                with archive.open(name) as part:
                    for _event in iterparse(part):
                        pass
            except (ParseError, DefusedXmlException) as exc:
                return name, exc
    return None


UNREADABLE = (ParseError, DefusedXmlException, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError)
UNREADABLE += (TypeError, IndexError, AttributeError, OSError, EOFError)
"""What openpyxl raises on a damaged or hostile part; each becomes a SpreadsheetError naming where it happened."""


def open_workbook(data: bytes):
    """A read-only workbook from uploaded bytes, after the container checks; SpreadsheetError when unreadable."""
    _check_container(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it skips (styles, extensions)
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE:
        if broken := _broken_part(data):
            name, exc = broken
            raise _unreadable(exc, _("文件部件 %(part)s") % {"part": name}) from None
        raise _unreadable(exc, _("工作簿结构")) from None


def sheet_rows(wb, name: str) -> Iterator[tuple]:
    """The values of a sheet's rows, header first, streamed; SpreadsheetError past the row or column limit or
    when the sheet's XML is damaged."""
    limits = _limits()
    where = _("工作表「%(name)s」") % {"name": name}
    sheet = wb[name]
    sheet.reset_dimensions()  # read the rows that are there, not the range the file claims
    rows = sheet.iter_rows(values_only=True)
    for number in range(1, limits["max_rows"] + 3):
        try:
            values = next(rows)
        except StopIteration:
            return
        except UNREADABLE as exc:
            raise _unreadable(exc, where) from None
        if number > limits["max_rows"] + 1:
            raise SpreadsheetError(
                _("%(where)s：行数过多，最多 %(n)s 行数据") % {"where": where, "n": limits["max_rows"]}
            )
        if len(values) > limits["max_columns"]:
            raise SpreadsheetError(
                _("%(where)s：第 %(row)s 行有 %(n)s 列，超过上限 %(max)s 列")
                % {"where": where, "row": number, "n": len(values), "max": limits["max_columns"]}
            )
        yield values
