"""Excel exports."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gaoqi.apps.assessments.models import Verdict
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.spreadsheets import append_row


def overview_xlsx(rows) -> bytes:
    """The console list as a workbook with Chinese headers, one enterprise per row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("企业列表"))
    append_row(
        ws,
        [
            _("企业名称"),
            _("统一社会信用代码"),
            _("区"),
            _("技术领域代码"),
            _("注册日期"),
            _("自评结论"),
            _("最低得分"),
            _("最高得分"),
        ],
    )
    verdicts = dict(Verdict.choices)
    for name, uscc, district, field, registered_on, verdict, smin, smax in rows.iterator(chunk_size=5000):
        append_row(
            ws,
            [
                name,
                uscc,
                str(DISTRICT_NAMES.get(district, district)),
                field,
                registered_on,
                str(verdicts[verdict]) if verdict else _("未评估"),
                smin,
                smax,
            ],
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
