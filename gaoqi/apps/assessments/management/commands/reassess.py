"""``manage.py reassess``: re-assess every enterprise now, in this process (the worker's code path without a queue)."""

import time

from django.core.management.base import BaseCommand

from gaoqi.apps.assessments.batch import batch_execute, scope
from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.core.districts import DISTRICT_NAMES


class Command(BaseCommand):
    help = "Re-assess all enterprises (or one district's) and store the results."

    def add_arguments(self, parser):
        parser.add_argument("--district", default="", choices=["", *DISTRICT_NAMES], help="GB/T 2260 code, e.g. 440112")
        parser.add_argument("--if-unassessed", action="store_true", help="Do nothing when assessments already exist.")

    def handle(self, *, district, if_unassessed, verbosity, **options):
        if if_unassessed and Assessment.objects.exists():
            return
        batch = BatchRun.objects.create(district=district)
        batch.total = scope(batch).count()
        batch.save(update_fields=["total"])
        start = time.perf_counter()
        batch = batch_execute(batch_id=batch.pk)
        if verbosity > 0:
            self.stdout.write(f"{batch.done} 家企业已重新评估，用时 {time.perf_counter() - start:.1f} 秒")
