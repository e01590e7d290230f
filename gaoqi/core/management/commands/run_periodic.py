"""``manage.py run_periodic [--once]``: the scheduler. Every ``BACKGROUND["scheduler_seconds"]`` (or sooner when a
job falls due) it re-queues tasks whose worker died and queues the due periodic jobs. Any number may run at once."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from gaoqi.core import periodic

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Queue due periodic jobs and re-queue tasks whose worker died; --once for a single pass."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between passes")

    def handle(self, *, once: bool, interval: float | None, **options: object) -> None:
        interval = interval or settings.BACKGROUND["scheduler_seconds"]
        while True:
            try:
                done = periodic.tick()
            except DatabaseError:
                if once:
                    raise
                # a busy or restarting database: try again on the next pass rather than stop scheduling
                logger.exception("Scheduler pass failed; retrying in %s s", interval)
                time.sleep(interval)
                close_old_connections()
                continue
            if done["queued"] or done["requeued"] or done["failed"] or once:
                self.stdout.write(
                    f"周期任务：排入 {', '.join(done['queued']) or '无'}；"
                    f"重新排队 {done['requeued']}，判定失败 {done['failed']}"
                )
            if once:
                return
            due = periodic.next_due()
            wait = interval if due is None else (due - timezone.now()).total_seconds()
            time.sleep(min(interval, max(wait, 0.05)))
            close_old_connections()  # as between requests: drop a connection the database closed meanwhile
