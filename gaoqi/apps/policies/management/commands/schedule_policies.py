"""``manage.py schedule_policies``: queue the daily policy pass (closing reminders) unless one is already waiting."""

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.policies.tasks import policy_daily


class Command(BaseCommand):
    help = "Queue the daily policy pass (close expired windows, closing reminders); it re-queues itself."

    def handle(self, *args, **options):
        pending = isinstance(task_backends["default"], DatabaseBackend) and (
            DBTaskResult.objects.filter(
                task_path=policy_daily.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
        )
        if pending:
            self.stdout.write("政策每日任务已在队列中。")
            return
        policy_daily.enqueue()
        self.stdout.write(self.style.SUCCESS("已排入政策每日任务。"))
