"""The report PDF printed by the worker: asked for from the report page, polled, printed once, kept per assessment."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoqi.apps.assessments.batch import batch_execute
from gaoqi.apps.assessments.models import BatchRun
from gaoqi.apps.assessments.pdf import REPORT
from gaoqi.apps.assessments.services import assessment_run
from gaoqi.core import documents
from gaoqi.core.models import PrintedDocument
from gaoqi.core.pdf import PdfUnavailable

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def prints(monkeypatch):
    """The PDF bytes of every document the worker prints (through the real Chromium)."""
    printed = []
    real = documents.html_to_pdf

    def counting(html, **options):
        pdf = real(html, **options)
        printed.append(pdf)
        return pdf

    monkeypatch.setattr(documents, "html_to_pdf", counting)
    return printed


@pytest.fixture
def owner(client, cast):
    client.force_login(cast.owner)
    return client


def _ask(client, report, **extra):
    return client.post(reverse("files:report_pdf_status", args=[report.pk]), **extra)


def _status(client, report) -> str:
    return client.get(reverse("files:report_pdf_status", args=[report.pk])).content.decode()


def test_the_report_page_offers_to_print_the_pdf_without_printing_it(owner, report, prints):
    page = owner.get(reverse("report", args=[report.pk])).content.decode()
    assert "生成 PDF" in page
    assert f'hx-post="/files/reports/{report.pk}/pdf/"' in page
    assert not PrintedDocument.objects.exists()


def test_asking_shows_a_polling_spinner_until_the_worker_has_printed_it(
    owner, report, prints, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fragment = _ask(owner, report, **HTMX).content.decode()
    assert "PDF 生成中" in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert 'class="spinner-border' in fragment
    assert "PDF 生成中" in owner.get(reverse("report", args=[report.pk])).content.decode()  # a reload keeps polling
    run_worker()
    fragment = _status(owner, report)
    assert "下载 PDF" in fragment
    assert "hx-trigger" not in fragment
    response = owner.get(reverse("files:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert len(prints) == 1


def test_without_script_the_download_link_waits_on_a_page_that_reloads_itself(
    owner, report, prints, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(owner, report)
    assert response.status_code == 302
    assert response.url == reverse("files:report_pdf", args=[report.pk])
    waiting = owner.get(response.url)
    assert waiting.status_code == 202
    assert '<meta http-equiv="refresh" content="2">' in waiting.content.decode()
    run_worker()
    assert owner.get(response.url)["Content-Type"] == "application/pdf"


def test_the_same_assessment_is_printed_once_and_always_served_as_the_same_bytes(
    client, cast, report, prints, run_worker, django_capture_on_commit_callbacks
):
    url = reverse("files:report_pdf", args=[report.pk])
    client.force_login(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202
        assert client.get(url).status_code == 202  # asked twice before the worker ran: still one print
    run_worker()
    first = client.get(url).content
    client.force_login(cast.bureau)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(url).content
    run_worker()
    assert again == first
    assert len(prints) == 1


def test_each_language_has_its_own_pdf(owner, report, prints, run_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(owner, report, HTTP_ACCEPT_LANGUAGE="zh-hans")
        _ask(owner, report, HTTP_ACCEPT_LANGUAGE="en")
    run_worker()
    assert sorted(PrintedDocument.objects.values_list("language", "status")) == [("en", "ready"), ("zh-hans", "ready")]
    assert len(prints) == 2


def test_a_new_assessment_deletes_the_pdf_of_the_one_it_supersedes(
    owner, cast, report, prints, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(owner, report)
    run_worker()
    assert PrintedDocument.objects.filter(kind=REPORT, object_id=report.pk).exists()
    newer = assessment_run(actor=cast.owner, enterprise=cast.ours)
    assert not PrintedDocument.objects.filter(kind=REPORT).exists()
    assert "生成 PDF" in _status(owner, newer)


def test_a_pdf_asked_for_before_a_newer_assessment_is_still_printed_for_the_one_on_screen(
    owner, cast, report, prints, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(owner, report)
    assessment_run(actor=cast.owner, enterprise=cast.ours)  # e.g. the re-assessment after a profile change
    run_worker()
    assert owner.get(reverse("files:report_pdf", args=[report.pk]))["Content-Type"] == "application/pdf"


def test_a_finished_batch_deletes_the_pdfs_it_superseded(owner, cast, report, make_assessment):
    theirs = make_assessment(cast.theirs)
    for assessment in (report, theirs):
        PrintedDocument.objects.create(kind=REPORT, object_id=assessment.pk, language="zh-hans", status="ready")
    batch = BatchRun.objects.create(created_by=cast.bureau, district="440112", total=1)
    batch_execute(batch_id=batch.pk)  # re-assesses ours (黄埔) only
    assert list(PrintedDocument.objects.values_list("object_id", flat=True)) == [theirs.pk]


def test_a_failed_print_says_why_and_is_printed_again_only_when_asked(
    owner, report, monkeypatch, run_worker, django_capture_on_commit_callbacks
):
    def broken(html, **options):
        raise PdfUnavailable("PDF 生成失败：浏览器意外退出")

    monkeypatch.setattr(documents, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(owner, report)
    run_worker()
    fragment = _status(owner, report)
    assert "浏览器意外退出" in fragment
    assert "重新生成 PDF" in fragment
    with django_capture_on_commit_callbacks(execute=True) as queued:
        waiting = owner.get(reverse("files:report_pdf", args=[report.pk]))
    assert waiting.status_code == 202
    assert "http-equiv" not in waiting.content.decode()  # a failure does not reload itself into a loop
    assert not queued
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert "PDF 生成中" in _ask(owner, report, **HTMX).content.decode()
    assert len(queued) == 1


def test_a_print_whose_worker_died_is_queued_again_by_the_next_request(
    owner, report, clock, django_capture_on_commit_callbacks
):
    clock.at(timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        _ask(owner, report)
    PrintedDocument.objects.update(status=PrintedDocument.Status.PRINTING)
    clock.at(timezone.now() + datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        _ask(owner, report)
    assert not queued
    clock.at(timezone.now() + datetime.timedelta(minutes=6))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        _ask(owner, report)
    assert len(queued) == 1
    assert PrintedDocument.objects.get().status == PrintedDocument.Status.QUEUED


def test_running_the_print_task_twice_prints_once(owner, report, prints, django_capture_on_commit_callbacks):
    _ask(owner, report)
    document = PrintedDocument.objects.get()
    documents.document_print(document_id=document.pk)
    documents.document_print(document_id=document.pk)
    assert len(prints) == 1
    assert documents.document_content(kind=REPORT, object_id=report.pk).startswith(b"%PDF")
