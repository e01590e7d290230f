"""``manage.py demo_rankings``: the default indicator system, contest awards and equity rounds for the demo."""

from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.rankings import demo
from gaoqi.apps.rankings.models import IndicatorVersion


class Command(BaseCommand):
    help = "Load the 梯次培育与精选 demo: the default indicator system, contest awards and equity rounds."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when an indicator system exists.")

    def handle(self, *, seed: int, if_empty: bool, verbosity: int, **options):
        if IndicatorVersion.objects.exists():
            if if_empty:
                return
            raise CommandError("已有指标体系；请在没有排名数据的数据库上加载。 (Ranking data already exist.)")
        figures = demo.seed(seed=seed)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    "获奖 {awards} 项，股权融资 {rounds} 轮，资质证书 {certificates} 张。".format(**figures)
                )
            )
