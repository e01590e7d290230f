"""``manage.py demo_training``: 科创学堂 programmes, sessions and attendance on top of the demo stations."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.training import demo
from gaoqi.apps.training.models import Programme


class Command(BaseCommand):
    help = "Load 科创学堂 demo programmes and sessions (past ones attended, coming ones open for registration)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when programmes already exist.")

    def handle(self, *, seed: int, if_empty: bool, verbosity: int, **options):
        if Programme.objects.exists():
            if if_empty:
                return
            raise CommandError("已有科创学堂数据；请在没有培训数据的数据库上加载。 (Training data already exist.)")
        figures = demo.seed(seed=seed)
        if verbosity:
            message = "培训项目 {programmes} 个，场次 {sessions} 场，报名 {registrations} 人次。"
            self.stdout.write(self.style.SUCCESS(message.format(**figures)))
