"""Batch re-assessment: every enterprise in scope, chunk by chunk, through the engine's columnar path.

Chunk n is assessed in a thread (the rules need no database, and Polars releases the GIL) while chunk n+1 is
read and chunk n-1 written. Results are written with ``insert_rows``, their JSON encoded by Polars, because building
and saving a model instance per result costs more than assessing it.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import orjson
import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from gaoqi.apps.assessments.engine import ProfileError, assess_tables, localise, read_profiles, summary
from gaoqi.apps.assessments.events import batch_finished
from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.profile import profiles_as_dicts
from gaoqi.core.bulk import insert_rows

COLUMNS = ["enterprise", "batch", "as_of", "verdict", "score_min", "score_max", "rulebooks", "result"]
COLUMNS += ["is_latest", "created_at"]
SUMMARY = pl.struct(
    pl.col("result").struct.field("as_of"),
    pl.col("result").struct.field("rulebooks"),
    pl.struct(
        pl.col("result").struct.field("hte").struct.field("eligible"),
        pl.col("result").struct.field("hte").struct.field("verdict"),
        pl.struct(pl.col("result").struct.field("hte").struct.field("score").struct.field("total")).alias("score"),
    ).alias("hte"),
)


def scope(batch: BatchRun):
    """The enterprises a batch re-assesses: the whole city, or one district's."""
    enterprises = Enterprise.objects.all()
    return enterprises.filter(district=batch.district) if batch.district else enterprises


def _ids(batch: BatchRun, after: int) -> list[int]:
    chunk = settings.BACKGROUND["batch_chunk"]
    return list(scope(batch).filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:chunk])


def _readable(profile: dict, as_of) -> bool:
    try:
        read_profiles([profile], as_of)
    except ProfileError:
        return False
    return True


def _explained(text: str) -> str:
    """A bulk result with the same sentences a single assessment stores (written from its messages)."""
    return orjson.dumps(localise(orjson.loads(text))).decode()


def _assess(ids: list[int], profiles: list[dict], as_of) -> list[tuple]:
    """Rows to insert for the chunk; incomplete profiles are skipped, as single refreshes skip them."""
    try:
        tables = read_profiles(profiles, as_of)
    except ProfileError:
        keep = [i for i, profile in enumerate(profiles) if _readable(profile, as_of)]
        ids, profiles = [ids[i] for i in keep], [profiles[i] for i in keep]
        if not ids:
            return []
        tables = read_profiles(profiles, as_of)
    frame = assess_tables(tables, as_of)
    summaries = [summary(row) for row in frame.select(SUMMARY.alias("s"))["s"].to_list()]
    texts = [_explained(text) for text in frame["result"].struct.json_encode().to_list()]
    ops = connection.ops
    return [
        (
            pk,
            ops.adapt_datefield_value(s["as_of"]),
            s["verdict"],
            ops.adapt_decimalfield_value(s["score_min"]),
            ops.adapt_decimalfield_value(s["score_max"]),
            json.dumps(s["rulebooks"]),
            text,
        )
        for pk, s, text in zip(ids, summaries, texts, strict=True)
    ]


def _store(batch: BatchRun, ids: list[int], rows: list[tuple]) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic():
        Assessment.objects.filter(enterprise_id__in=[row[0] for row in rows], is_latest=True).update(is_latest=False)
        insert_rows(Assessment, COLUMNS, [(pk, batch.pk, *rest, True, now) for pk, *rest in rows])
        BatchRun.objects.filter(pk=batch.pk).update(
            done=F("done") + len(ids), resume_after=ids[-1], progressed_at=timezone.now()
        )


def _pipeline(batch: BatchRun, as_of, after: int) -> None:
    last, pending = after, None
    with ThreadPoolExecutor(max_workers=1) as pool:
        while True:
            ids = _ids(batch, last)
            future = pool.submit(_assess, ids, profiles_as_dicts(ids, as_of), as_of) if ids else None
            if pending:
                _store(batch, pending[0], pending[1].result())
            if not ids:
                return
            pending, last = (ids, future), ids[-1]


def batch_execute(*, batch_id: int) -> BatchRun:
    """Re-assess the batch's enterprises chunk by chunk, committing progress with each chunk; a finished batch is left
    alone, and a batch found RUNNING (its worker died and the task was re-queued) resumes after its last committed
    chunk instead of starting again."""
    batch = BatchRun.objects.get(pk=batch_id)
    if batch.status == BatchRun.Status.DONE:
        return batch
    if batch.status != BatchRun.Status.RUNNING:
        batch.done = batch.resume_after = 0
    BatchRun.objects.filter(pk=batch.pk).update(
        status=BatchRun.Status.RUNNING, done=batch.done, resume_after=batch.resume_after, progressed_at=timezone.now()
    )
    try:
        _pipeline(batch, timezone.localdate(), batch.resume_after)
    except Exception as exc:
        BatchRun.objects.filter(pk=batch.pk).update(status=BatchRun.Status.FAILED, error=str(exc)[:2000])
        raise
    BatchRun.objects.filter(pk=batch.pk).update(status=BatchRun.Status.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    batch_finished.send(sender=BatchRun, batch_id=batch.pk, district=batch.district)
    return batch
