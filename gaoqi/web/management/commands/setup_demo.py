"""``manage.py setup_demo``: one start-up for the demo — migrate, load every app's demo data where it is missing,
assess, and queue the periodic work — in one process, with a progress line per step."""

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gaoqi.apps.enterprises.demo import DEMO_PASSWORD, DEMO_USERS
from gaoqi.apps.market.demo import OWNER_LOGIN

STEPS = [
    ("数据库迁移", "migrate", {"interactive": False, "skip_checks": True}),
    ("演示企业", "demo", {"if_empty": True}),
    ("自评（全部企业）", "reassess", {"if_unassessed": True}),
    ("导师与服务站", "demo_mentoring", {"if_empty": True}),
    ("科创学堂", "demo_training", {"if_empty": True}),
    ("有求必应", "demo_servicedesk", {"if_empty": True}),
    ("产品兴企", "demo_market", {"if_empty": True}),
    ("金融惠企", "demo_finance", {"if_empty": True}),
    ("政策库（发布并推送）", "demo_policies", {"if_empty": True}),
    ("通知", "demo_notifications", {"if_empty": True}),
    ("梯次培育与精选", "demo_rankings", {"if_empty": True}),
    ("周期任务（通知投递、超时升级、提醒、政策每日）", "run_periodic", {"once": True}),
]


class Command(BaseCommand):
    help = "Migrate, load every app's demo data if missing, assess, and queue the periodic tasks (one process)."
    # the system checks import every page and endpoint (SciPy, Polars); runserver runs them right after
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=500)

    def handle(self, *, enterprises: int, **options):
        started = time.perf_counter()
        for number, (label, command, kwargs) in enumerate(STEPS, 1):
            step = time.perf_counter()
            if command == "demo":
                kwargs = kwargs | {"enterprises": enterprises}
            if command == "demo_finance":  # a small demo (tests) gets one demand per enterprise
                kwargs = kwargs | {"demands": min(320, enterprises)}
            call_command(command, verbosity=0, stdout=io.StringIO(), **kwargs)
            self.stdout.write(f"[{number:2}/{len(STEPS)}] {label} … {time.perf_counter() - step:.1f} 秒")
        logins = ", ".join([*(name for name, _role, _district in DEMO_USERS), OWNER_LOGIN])
        self.stdout.write(
            self.style.SUCCESS(
                f"演示环境就绪，用时 {time.perf_counter() - started:.1f} 秒；演示账号 {logins}，密码 {DEMO_PASSWORD}"
            )
        )
