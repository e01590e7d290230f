"""``manage.py demo_finance``: 金融惠企 demo data on top of ``manage.py demo``."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.finance import demo
from gaoqi.apps.finance.models import Institution


class Command(BaseCommand):
    help = "Load demo institutions, products, six months of financing demands and deals, pool loans and signals."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--demands", type=int, default=320)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when institutions already exist.")

    def handle(self, *, seed: int, demands: int, if_empty: bool, verbosity: int, **options):
        if Institution.objects.exists():
            if if_empty:
                return
            raise CommandError("已有金融机构；请在没有金融数据的数据库上加载。 (Institutions already exist.)")
        if not Enterprise.objects.exists():
            raise CommandError("请先运行 manage.py demo 加载演示企业。 (Run manage.py demo first.)")
        figures = demo.seed(seed=seed, demands=demands)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    "金融机构 {institutions} 家，产品 {products} 个，融资需求 {demands} 件，对接 {deals} 次，"
                    "资金池贷款 {loans} 笔。".format(**figures)
                )
            )
