"""The catalogue as an Excel workbook for procurement bodies (formula-safe cells)."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from gaoqi.apps.market.fields import field_name
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.spreadsheets import append_row

HEADERS = [
    gettext_lazy("产品名称"),
    gettext_lazy("企业名称"),
    gettext_lazy("所在区"),
    gettext_lazy("技术领域"),
    gettext_lazy("产品类型"),
    gettext_lazy("认定"),
    gettext_lazy("参考价格下限（元）"),
    gettext_lazy("参考价格上限（元）"),
    gettext_lazy("典型客户"),
    gettext_lazy("产品简介"),
]


def catalogue_xlsx(products) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("创新产品目录"))
    append_row(ws, [str(h) for h in HEADERS])
    for p in products:
        append_row(
            ws,
            [
                p.name,
                p.enterprise.name,
                str(DISTRICT_NAMES.get(p.enterprise.district, p.enterprise.district)),
                field_name(p.field),
                p.get_kind_display(),
                "、".join(p.certification_labels()),
                p.price_min,
                p.price_max,
                p.customers,
                p.description,
            ],
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
