"""``manage.py demo_notifications``: welcome notices, a webhook endpoint and a dead letter (after ``demo``)."""

from django.core.management.base import BaseCommand

from gaoqi.apps.notifications import demo
from gaoqi.apps.notifications.models import Notice


class Command(BaseCommand):
    help = "Add the notifications demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when notices already exist")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Notice.objects.exists():
            self.stdout.write("已有通知数据，跳过。")
            return
        created = demo.seed()
        self.stdout.write(self.style.SUCCESS(f"已写入 {created} 条通知。"))
