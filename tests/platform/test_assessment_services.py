"""Running assessments on demand, after profile changes and for everyone through the worker."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from gaoqi.apps.assessments.batch import batch_execute
from gaoqi.apps.assessments.engine import summary
from gaoqi.apps.assessments.events import batch_finished
from gaoqi.apps.assessments.models import Assessment, BatchRun, Verdict
from gaoqi.apps.assessments.services import assessment_refresh, assessment_run, batch_start
from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.models import AuditEntry
from gaoqi.rules import assess, assess_batch
from gaoqi.rules.hte.conditions import CONDITION_IDS
from gaoqi.rules.report.layout import localise


def test_running_an_assessment_stores_the_result_with_its_summary(cast):
    assessment = assessment_run(actor=cast.owner, enterprise=cast.ours)
    assert [c["id"] for c in assessment.result["hte"]["conditions"]] == list(CONDITION_IDS)
    assert assessment.verdict in Verdict.values
    assert assessment.rulebooks == assessment.result["rulebooks"]
    assert assessment.as_of.isoformat() == assessment.result["as_of"]
    assert assessment.is_latest
    assert AuditEntry.objects.filter(action="assessment.run", actor=cast.owner).exists()


def test_a_new_assessment_becomes_the_only_latest(cast):
    first = assessment_run(actor=cast.owner, enterprise=cast.ours)
    second = assessment_run(actor=cast.colleague, enterprise=cast.ours)
    first.refresh_from_db()
    assert not first.is_latest
    assert second.is_latest


def test_an_assigned_mentor_reads_but_cannot_run_assessments(cast):
    with pytest.raises(PermissionDenied):
        assessment_run(actor=cast.mentor, enterprise=cast.ours)


def test_a_station_cannot_even_see_the_enterprise_to_assess_it(cast):
    with pytest.raises(NotFound):
        assessment_run(actor=cast.station, enterprise=cast.ours)


def test_background_refresh_of_a_deleted_enterprise_does_nothing(db):
    assert assessment_refresh(enterprise_id=999_999) is None


def test_only_bureau_and_district_staff_start_a_batch(cast):
    with pytest.raises(PermissionDenied):
        batch_start(actor=cast.mentor)
    with pytest.raises(PermissionDenied):
        batch_start(actor=cast.owner)


def test_a_district_batch_covers_only_its_district(cast):
    batch = batch_start(actor=cast.district)
    assert (batch.district, batch.total) == ("440112", 1)


def test_starting_twice_while_queued_returns_the_same_batch(cast):
    assert batch_start(actor=cast.bureau) == batch_start(actor=cast.bureau)


def test_the_worker_reassesses_everyone_and_reports_progress(cast, django_capture_on_commit_callbacks, run_worker):
    with django_capture_on_commit_callbacks(execute=True):
        batch = batch_start(actor=cast.bureau)
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.percent) == ("done", 2, 2, 100)
    latest = Assessment.objects.filter(is_latest=True)
    assert set(latest.values_list("enterprise_id", flat=True)) == set(Enterprise.objects.values_list("pk", flat=True))
    assert all(a.batch_id == batch.pk for a in latest)


def test_running_a_finished_batch_again_changes_nothing(cast):
    batch = BatchRun.objects.create(created_by=cast.bureau, total=2)
    batch_execute(batch_id=batch.pk)
    count = Assessment.objects.count()
    batch_execute(batch_id=batch.pk)
    assert Assessment.objects.count() == count == 2
    assert Assessment.objects.filter(is_latest=True).count() == 2


def test_a_batch_spanning_several_chunks_stores_every_result_once(cast, settings):
    settings.BACKGROUND = {**settings.BACKGROUND, "batch_chunk": 1}
    batch = BatchRun.objects.create(created_by=cast.bureau, total=2)
    done = batch_execute(batch_id=batch.pk)
    assert (done.status, done.done) == ("done", 2)
    assert sorted(Assessment.objects.values_list("enterprise_id", flat=True)) == sorted([cast.ours.pk, cast.theirs.pk])


def test_a_district_batch_leaves_other_districts_latest_results_alone(cast, make_assessment):
    theirs = make_assessment(cast.theirs)
    batch = BatchRun.objects.create(created_by=cast.district, district="440112", total=1)
    batch_execute(batch_id=batch.pk)
    theirs.refresh_from_db()
    assert theirs.is_latest
    assert Assessment.objects.get(enterprise=cast.ours).batch == batch


def test_a_batch_whose_worker_stopped_is_marked_failed_and_replaced(cast):
    stuck = BatchRun.objects.create(created_by=cast.bureau, status="running", total=2, done=1)
    BatchRun.objects.filter(pk=stuck.pk).update(progressed_at=timezone.now() - datetime.timedelta(hours=1))
    fresh = batch_start(actor=cast.bureau)
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert fresh.pk != stuck.pk


def test_the_reassess_command_assesses_everyone_once_and_can_skip(cast):
    call_command("reassess", verbosity=0)
    assert Assessment.objects.filter(is_latest=True).count() == 2
    call_command("reassess", if_unassessed=True, verbosity=0)
    assert Assessment.objects.count() == 2
    call_command("reassess", district="440106", verbosity=0)
    assert Assessment.objects.filter(enterprise=cast.theirs).count() == 2


def test_a_batch_stores_the_engines_result_and_its_summary_columns(cast):
    batch = BatchRun.objects.create(created_by=cast.bureau, total=2)
    batch_execute(batch_id=batch.pk)
    stored = Assessment.objects.get(enterprise=cast.ours, is_latest=True)
    expected = localise(assess_batch([profile_as_dict(cast.ours, stored.as_of)], as_of=stored.as_of)[0])
    assert stored.result == expected
    columns = {k: getattr(stored, k) for k in ("verdict", "score_min", "score_max", "as_of", "rulebooks")}
    assert columns == summary(expected)
    assert stored.actor is None
    assert stored.created_at is not None


def test_an_unreadable_profile_is_skipped_and_the_rest_of_its_chunk_is_stored(cast):
    Enterprise.objects.filter(pk=cast.theirs.pk).update(uscc="not-a-code")
    batch = BatchRun.objects.create(created_by=cast.bureau, total=2)
    done = batch_execute(batch_id=batch.pk)
    assert (done.status, done.done) == ("done", 2)
    assert list(Assessment.objects.values_list("enterprise_id", flat=True)) == [cast.ours.pk]


def test_a_finished_batch_announces_itself_once(cast):
    heard = []
    batch_finished.connect(lambda sender, **kw: heard.append(kw), weak=False, dispatch_uid="test-heard")
    try:
        batch = BatchRun.objects.create(created_by=cast.district, district="440112", total=1)
        batch_execute(batch_id=batch.pk)
        batch_execute(batch_id=batch.pk)
    finally:
        batch_finished.disconnect(dispatch_uid="test-heard")
    assert [(kw["batch_id"], kw["district"]) for kw in heard] == [(batch.pk, "440112")]


def test_a_batch_stores_the_same_explanations_and_gap_descriptions_as_a_single_assessment(cast):
    batch = BatchRun.objects.create(created_by=cast.bureau, total=2)
    batch_execute(batch_id=batch.pk)
    stored = Assessment.objects.get(enterprise=cast.ours, is_latest=True).result
    as_of = datetime.date.fromisoformat(stored["as_of"])
    single = assess(profile_as_dict(cast.ours, as_of), as_of=as_of)
    explanations = [c["explanation"] for c in stored["hte"]["conditions"]]
    assert explanations == [c["explanation"] for c in single["hte"]["conditions"]]
    assert all(c["explanation"] for c in stored["hte"]["conditions"])
    assert [g["description"] for g in stored["gaps"]] == [g["description"] for g in single["gaps"]]
    assert not [g for g in stored["gaps"] if g["description"] in (None, g["action"])]


def test_a_verdict_pending_only_on_expert_scoring_is_stored_apart_from_missing_data():
    assert summary({"hte": {"eligible": None, "verdict": "pending_expert"}})["verdict"] == "pending"
    assert summary({"hte": {"eligible": None, "verdict": "missing_data"}})["verdict"] == "unknown"
    assert summary({"hte": {"eligible": None}})["verdict"] == "unknown"
