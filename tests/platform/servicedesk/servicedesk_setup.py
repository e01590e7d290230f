"""Helpers for 有求必应 tests: fixed Guangzhou times, sample files, filing a request."""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from gaoqi.apps.servicedesk.services import request_submit, request_transition

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def local(*args) -> datetime.datetime:
    """An aware datetime in Guangzhou's time zone."""
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def pdf(name="营业执照.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submit(actor, category="ip", at=None, **kwargs):
    """File a request as ``actor`` (default: an IP question on Friday 2025-09-26 10:00, the eve of 国庆)."""
    return request_submit(
        actor=actor,
        category=category,
        title=kwargs.pop("title", "专利布局咨询"),
        description=kwargs.pop("description", "想了解发明专利如何支撑高企认定。"),
        at=at or local(2025, 9, 26, 10, 0),
        **kwargs,
    )


def move(actor, request, to, **kwargs):
    """Move ``request`` to state ``to`` as ``actor``."""
    return request_transition(actor=actor, pk=request.pk, to=to, **kwargs)
