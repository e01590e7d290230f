"""``manage.py demo_policies``: load the real seeded policies (published and matched) on top of ``manage.py demo``."""

from django.core.management.base import BaseCommand

from gaoqi.apps.policies import demo
from gaoqi.apps.policies.models import Policy


class Command(BaseCommand):
    help = "Load the seeded policy library (real policies with sources) and publish it."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when policies already exist")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Policy.objects.exists():
            self.stdout.write("政策库已有数据，跳过。")
            return
        created = demo.seed()
        self.stdout.write(self.style.SUCCESS(f"已载入 {created} 条政策。"))
