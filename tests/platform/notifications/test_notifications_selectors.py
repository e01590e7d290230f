"""Funnel counts per cause and the delivery queue kick."""

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications.models import Delivery, DeliveryState, Notice, Preference
from gaoqi.apps.notifications.selectors import notice_counts
from gaoqi.apps.notifications.services import NoticeSpec, notify
from gaoqi.apps.notifications.tasks import deliver_due, delivery_kick


def test_notice_counts_follow_the_funnel_per_cause(cast):
    for cause, users in [("policy:1", (cast.owner, cast.colleague, cast.outsider)), ("policy:2", (cast.owner,))]:
        notify(
            NoticeSpec(user_id=u.id, topic="policy", title="t", body="b", reason="r", dedupe_key=cause, cause=cause)
            for u in users
        )
    notify(
        [
            NoticeSpec(
                user_id=cast.owner.id,
                topic="training",
                title="t",
                body="b",
                reason="r",
                dedupe_key="x",
                cause="training:1",
            )
        ]
    )
    first = Notice.objects.filter(cause="policy:1")
    Delivery.objects.filter(notice__in=first[:2]).update(state=DeliveryState.SENT)
    Notice.objects.filter(pk=first[0].pk).update(read_at=timezone.now(), clicked_at=timezone.now())
    assert notice_counts("policy:") == {
        "policy:1": {"notified": 3, "delivered": 2, "read": 1, "clicked": 1},
        "policy:2": {"notified": 1, "delivered": 0, "read": 0, "clicked": 0},
    }


def test_the_delivery_pass_is_queued_once(db):
    delivery_kick()
    delivery_kick()
    ready = DBTaskResult.objects.filter(task_path=deliver_due.module_path, status=TaskResultStatus.READY)
    assert ready.count() == 1


def test_notify_queues_the_delivery_pass_on_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([NoticeSpec(user_id=cast.owner.id, topic="policy", title="t", body="b", reason="r", dedupe_key="k")])
    assert DBTaskResult.objects.filter(task_path=deliver_due.module_path).count() == 1


def test_the_real_worker_drains_the_outbox(cast, run_worker, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        notify([NoticeSpec(user_id=cast.owner.id, topic="policy", title="t", body="b", reason="r", dedupe_key="k")])
    run_worker()
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_a_pass_over_its_time_budget_yields_and_queues_the_rest_at_once(cast, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "pass_seconds": 1e-9}
    notify(
        NoticeSpec(user_id=cast.owner.id, topic="policy", title="t", body="b", reason="r", dedupe_key=f"k{n}")
        for n in range(25)
    )
    Preference.objects.create(user=cast.owner, daily_cap=50)
    assert deliver_due.call() == 20
    assert Delivery.objects.filter(state=DeliveryState.PENDING).count() == 5
    ready = DBTaskResult.objects.filter(task_path=deliver_due.module_path, status=TaskResultStatus.READY)
    assert ready.get().run_after <= timezone.now()
