"""Documents of 科创学堂: the attendance workbook and the attendance certificate (PDF)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gaoqi.apps.training.models import Registration, Session
from gaoqi.core.pdf import font_url, html_to_pdf
from gaoqi.core.spreadsheets import append_row


def _local(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def attendance_xlsx(session: Session, registrations) -> bytes:
    """One row per attendee (confirmed and waiting) with the check-in time; a header block names the session."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("签到表")
    append_row(ws, [session.title])
    append_row(ws, [_("时间"), _local(session.starts_at), _("地点"), session.venue])
    ws.append([])
    header = [_("序号"), _("参训人"), _("职务"), _("手机号码"), _("企业名称"), _("统一社会信用代码"), _("所在区")]
    header += [_("报名状态"), _("报名时间"), _("签到时间")]
    append_row(ws, header)
    for cell in (*ws[1], *ws[4]):
        cell.font = Font(bold=True)
    for n, r in enumerate(registrations, start=1):
        append_row(
            ws,
            [
                n,
                r.attendee_name,
                r.attendee_title,
                r.attendee_phone,
                r.enterprise.name,
                r.enterprise.uscc,
                r.enterprise.get_district_display(),
                r.get_status_display(),
                _local(r.created_at),
                _local(r.checked_in_at) or _("未签到"),
            ],
        )
    for column, width in zip("ABCDEFGHIJ", (6, 12, 12, 14, 32, 22, 10, 10, 18, 18), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def certificate_number(registration: Registration) -> str:
    return f"KCXT-{timezone.localtime(registration.session.starts_at):%Y}-{registration.pk:06d}"


def certificate_html(registration: Registration) -> str:
    return render_to_string(
        "training/certificate_pdf.html",
        {
            "registration": registration,
            "session": registration.session,
            "number": certificate_number(registration),
            "font_url": font_url(),
            "issued_on": timezone.localdate(),
        },
    )


def certificate_pdf(registration: Registration) -> bytes:
    """The attendance certificate of a checked-in attendee; PdfUnavailable when Chromium or the font is missing."""
    return html_to_pdf(certificate_html(registration), landscape=True, page_numbers=False)
