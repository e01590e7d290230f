"""Background work: a new latest assessment queues a re-match; the daily pass closes windows and reminds."""

import datetime as dt

from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.policies import tasks
from gaoqi.apps.policies.models import Policy, PolicyMatch


def test_a_new_latest_assessment_queues_a_rematch_of_that_enterprise(
    cast, make_assessment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_assessment(cast.ours)
    queued = DBTaskResult.objects.filter(task_path=tasks.rematch_enterprise.module_path)
    assert [row.args_kwargs["args"] for row in queued] == [[cast.ours.pk]]


def test_the_worker_rematches_and_notifies_a_newly_qualifying_enterprise(
    cast, make_assessment, make_policy, run_worker, django_capture_on_commit_callbacks
):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        make_assessment(cast.ours)
    run_worker()
    assert PolicyMatch.objects.get(enterprise=cast.ours).status == "qualify"
    assert Notice.objects.filter(user=cast.owner, cause=f"policy:{policy.pk}:440112").count() == 1


def test_the_daily_pass_closes_expired_windows_and_reminds_before_closing(cast, make_policy, sent):
    expired = make_policy(status=Policy.Status.PUBLISHED, closes_on=dt.date(2026, 8, 1))
    closing = make_policy(status=Policy.Status.PUBLISHED, closes_on=dt.date(2026, 8, 5), closing_lead_days=5)
    PolicyMatch.objects.create(policy=closing, enterprise=cast.ours, district="440112", status="qualify", version=1)
    assert tasks.daily_pass(dt.date(2026, 8, 2)) == 2
    expired.refresh_from_db()
    assert expired.status == Policy.Status.CLOSED
