"""``manage.py schedule_training``: queue the reminder pass (it re-queues itself) unless one is already waiting."""

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.training.tasks import send_reminders


class Command(BaseCommand):
    help = "Queue the 科创学堂 reminder pass (sessions starting within 24 hours); it re-queues itself."

    def handle(self, *args, **options):
        pending = isinstance(task_backends["default"], DatabaseBackend) and (
            DBTaskResult.objects.filter(
                task_path=send_reminders.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
        )
        if pending:
            self.stdout.write("科创学堂提醒任务已在队列中。")
            return
        send_reminders.enqueue()
        self.stdout.write(self.style.SUCCESS("已排入科创学堂提醒任务。"))
