"""``manage.py schedule_notifications``: queue a delivery pass unless one is already waiting.

Run it at start-up: a pass that was running when its worker died never finishes, and this starts the chain again.
"""

from django.core.management.base import BaseCommand

from gaoqi.apps.notifications.tasks import delivery_kick


class Command(BaseCommand):
    help = "Queue the notification delivery pass (it re-queues itself) unless one is waiting."

    def handle(self, *args, **options):
        delivery_kick()
        self.stdout.write(self.style.SUCCESS("通知投递任务已在队列中。"))
