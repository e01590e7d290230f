"""``manage.py demo_servicedesk``: 有求必应 demo requests on top of ``manage.py demo`` and ``demo_mentoring``."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.servicedesk import demo
from gaoqi.apps.servicedesk.models import ServiceRequest


class Command(BaseCommand):
    help = "Load demo service requests with four months of history (routing, handling, ratings, escalations)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--requests", type=int, default=60)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when service requests already exist.")

    def handle(self, *, seed: int, requests: int, if_empty: bool, verbosity: int, **options):
        if ServiceRequest.objects.exists():
            if if_empty:
                return
            raise CommandError("已有服务需求；请在没有服务需求的数据库上加载。 (Service requests already exist.)")
        if not Enterprise.objects.exists():
            raise CommandError("请先运行 manage.py demo 加载演示企业。 (Run manage.py demo first.)")
        figures = demo.seed(seed=seed, requests=requests)
        if verbosity:
            self.stdout.write(self.style.SUCCESS("服务需求 {requests} 件，超时升级 {escalated} 件。".format(**figures)))
