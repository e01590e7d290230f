"""``manage.py demo_mentoring``: service stations, mentors and a first matching on top of ``manage.py demo``."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.mentoring import demo
from gaoqi.apps.mentoring.models import Station


class Command(BaseCommand):
    help = "Load demo service stations and mentors, attach the demo users and run a first matching."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when stations already exist.")

    def handle(self, *, seed: int, if_empty: bool, verbosity: int, **options):
        if Station.objects.exists():
            if if_empty:
                return
            raise CommandError("已有工作站数据；请在没有工作站的数据库上加载。 (Stations already exist.)")
        figures = demo.seed(seed=seed)
        if verbosity:
            message = "工作站 {stations} 个（覆盖 {districts} 个区），导师 {mentors} 名，首轮匹配 {assigned} 家企业。"
            self.stdout.write(self.style.SUCCESS(message.format(**figures)))
