"""``manage.py demo_market``: 产品兴企 owners, products, scenarios, proposals and 对对碰 events."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.market import demo
from gaoqi.apps.market.models import Organisation


class Command(BaseCommand):
    help = "Load 产品兴企 demo data: owner organisations (login 'owner'), innovation products, scenarios, events."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when owner organisations exist.")

    def handle(self, *, seed: int, if_empty: bool, verbosity: int, **options):
        if Organisation.objects.exists():
            if if_empty:
                return
            raise CommandError("已有产品兴企数据；请在没有该数据的数据库上加载。 (Market data already exist.)")
        figures = demo.seed(seed=seed)
        if verbosity:
            message = (
                "场景方 {organisations} 家，创新产品 {products} 个，应用场景 {scenarios} 个，"
                "方案 {proposals} 份，对对碰 {events} 场。"
            )
            self.stdout.write(self.style.SUCCESS(message.format(**figures)))
