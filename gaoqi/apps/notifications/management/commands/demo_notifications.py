"""``manage.py demo_notifications``: welcome notices, a webhook endpoint and a dead letter (after ``demo``)."""

from django.core.management.base import BaseCommand

from gaoqi.apps.notifications import demo
from gaoqi.apps.notifications.models import Notice


class Command(BaseCommand):
    help = "Add the notifications demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the welcome notices were already written"
        )

    def handle(self, *args, if_empty=False, verbosity=1, **options):
        # other demo data (service requests, policies) sends notices first, so "empty" means no welcome notice yet
        if if_empty and Notice.objects.filter(dedupe_key=demo.WELCOME).exists():
            if verbosity:
                self.stdout.write("欢迎通知已写入，跳过。")
            return
        created = demo.seed()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"已写入 {created} 条通知。"))
