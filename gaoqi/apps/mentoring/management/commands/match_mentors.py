"""``manage.py match_mentors --as USERNAME``: match the cultivation pool's newcomers with mentors, as a bureau user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.mentoring.services import match_newcomers
from gaoqi.core.errors import PermissionDenied


class Command(BaseCommand):
    help = "Assign mentors to enterprises of the cultivation pool that have none, keeping existing pairs."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", required=True, help="a bureau (市科技局) user")

    def handle(self, *, username: str, **options):
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"用户 {username} 不存在。")
        try:
            outcome = match_newcomers(actor=actor)
        except PermissionDenied:
            raise CommandError(f"用户 {username} 不是市科技局账户，不能运行匹配。") from None
        self.stdout.write(
            f"匹配 {outcome.assigned} 家，暂未匹配 {outcome.unassigned} 家；"
            f"总代价 {outcome.objective}（贪心 {outcome.greedy_objective}），{outcome.classes} 类"
        )
