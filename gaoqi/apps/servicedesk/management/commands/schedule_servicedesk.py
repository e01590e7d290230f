"""``manage.py schedule_servicedesk``: queue the periodic escalation pass unless one is already waiting."""

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.servicedesk.tasks import escalate_overdue


class Command(BaseCommand):
    help = "Queue the 有求必应 SLA escalation pass (it re-queues itself) unless one is pending."

    def handle(self, *args, **options):
        pending = isinstance(task_backends["default"], DatabaseBackend) and (
            DBTaskResult.objects.filter(
                task_path=escalate_overdue.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
        )
        if pending:
            self.stdout.write("有求必应超时升级任务已在队列中。")
            return
        escalate_overdue.enqueue()
        self.stdout.write(self.style.SUCCESS("已排入有求必应超时升级任务。"))
