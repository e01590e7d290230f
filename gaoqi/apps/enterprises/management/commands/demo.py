"""``manage.py demo --enterprises N --seed S``: load deterministic demo data."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.enterprises.demo import DEMO_PASSWORD, DEMO_USERS, demo_load
from gaoqi.apps.enterprises.models import Enterprise


class Command(BaseCommand):
    help = "Load Guangzhou-shaped demo enterprises and the demo users (password gaoqi-demo)."

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when enterprises already exist.")

    def handle(self, *, enterprises, seed, if_empty, verbosity, **options):
        if Enterprise.objects.exists():
            if if_empty:
                return
            raise CommandError("已有企业数据；请在空数据库上加载演示数据。 (Demo data needs an empty database.)")
        if enterprises < 1:
            raise CommandError("--enterprises 至少为 1。")

        def progress(done):
            if verbosity > 1:
                self.stdout.write(f"{done}/{enterprises}")

        demo_load(enterprises=enterprises, seed=seed, progress=progress)
        if verbosity == 0:
            return
        logins = ", ".join(name for name, _role, _district in DEMO_USERS)
        self.stdout.write(
            self.style.SUCCESS(f"{enterprises} 家演示企业已加载；演示账号 {logins}，密码 {DEMO_PASSWORD}")
        )
