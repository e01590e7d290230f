"""PDFs printed by the background worker and kept, so the same source is printed once.

An app registers a kind of document with the function that renders its print HTML from an object id
(``register("assessment_report", Printable(html=...))``). Its pages, after checking that the user may see the object,
ask for the document with ``document_request`` and show ``document_status`` until it is ready; the worker prints it
through the process's Chromium (``gaoqi.core.pdf``) and later downloads serve the stored bytes. Documents are kept per
language (the print page is translated). The app deletes documents whose object has been superseded with
``documents_discard``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from gaoqi.core.models import PrintedDocument
from gaoqi.core.pdf import PdfUnavailable, html_to_pdf

Status = PrintedDocument.Status
# A queued or printing document untouched this long lost its worker (killed mid-print): the next request queues it
# again. Printing takes seconds; the queue may hold it behind other documents for a while.
LOST_AFTER = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Printable:
    """How to print one kind of document: its print HTML from an object id, and the page layout."""

    html: Callable[[int], str]
    landscape: bool = False
    page_numbers: bool = True


KINDS: dict[str, Printable] = {}


def register(kind: str, printable: Printable) -> None:
    KINDS[kind] = printable


def _source(kind: str, object_id: int, language: str | None) -> dict:
    if kind not in KINDS:
        raise LookupError(f"no printable document kind {kind!r}")
    return {"kind": kind, "object_id": object_id, "language": language or get_language()}


def document_status(*, kind: str, object_id: int, language: str | None = None) -> PrintedDocument | None:
    """The document of this source without its bytes, or None when nobody asked for it yet."""
    return PrintedDocument.objects.defer("content").filter(**_source(kind, object_id, language)).first()


def document_content(*, kind: str, object_id: int, language: str | None = None) -> bytes | None:
    """The printed bytes, or None while the document is not ready."""
    found = PrintedDocument.objects.filter(status=Status.READY, **_source(kind, object_id, language))
    content = found.values_list("content", flat=True).first()
    return bytes(content) if content is not None else None


def document_request(*, kind: str, object_id: int, language: str | None = None, retry: bool = False) -> PrintedDocument:
    """The document, queued for printing unless it is ready or on its way (a lost one is queued again, a failed one
    when ``retry`` is set)."""
    from gaoqi.core.tasks import print_document

    now = timezone.now()
    with transaction.atomic():
        document, created = PrintedDocument.objects.defer("content").get_or_create(**_source(kind, object_id, language))
        lost = document.status in {Status.QUEUED, Status.PRINTING} and document.requested_at < now - LOST_AFTER
        if created or lost or (retry and document.status == Status.FAILED):
            claimed = PrintedDocument.objects.filter(pk=document.pk, status=document.status)
            if created or claimed.update(status=Status.QUEUED, requested_at=now, error="", finished_at=None):
                document.status, document.requested_at, document.error = Status.QUEUED, now, ""
                transaction.on_commit(lambda: print_document.enqueue(document.pk))
    return document


def document_print(*, document_id: int) -> None:
    """Print a queued document and store the bytes (the worker's task; a second run finds nothing to do)."""
    claimed = PrintedDocument.objects.filter(pk=document_id, status=Status.QUEUED)
    if not claimed.update(status=Status.PRINTING, requested_at=timezone.now()):
        return
    document = PrintedDocument.objects.defer("content").get(pk=document_id)
    printable = KINDS[document.kind]
    with override(document.language):
        try:
            content = html_to_pdf(
                printable.html(document.object_id),
                landscape=printable.landscape,
                page_numbers=printable.page_numbers,
            )
        except PdfUnavailable as exc:
            _finish(document_id, status=Status.FAILED, error=str(exc))
            return
        except Exception:
            _finish(document_id, status=Status.FAILED, error=_("PDF 生成失败，请稍后重试。"))
            raise  # the worker logs the traceback
    _finish(document_id, status=Status.READY, content=content)


def _finish(document_id: int, **values) -> None:
    PrintedDocument.objects.filter(pk=document_id, status=Status.PRINTING).update(finished_at=timezone.now(), **values)


def documents_discard(*, kind: str, object_ids: Iterable[int]) -> int:
    """Delete the stored documents of these objects (every language); returns how many went. Documents still queued
    or printing are left to finish: someone is waiting for them (a later discard takes them)."""
    found = PrintedDocument.objects.filter(kind=kind, object_id__in=object_ids)
    deleted, _by_model = found.exclude(status__in=[Status.QUEUED, Status.PRINTING]).delete()
    return deleted
