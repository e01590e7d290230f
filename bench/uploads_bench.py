"""Workbook uploads (not a timed test): how long refusing a ZIP bomb takes, and reading the largest workbook the
limits allow (5,000 filled rows; the years repeat, so it ends in one error per repeated year rather than a save),
with peak Python memory (tracemalloc).

    .venv/bin/python bench/uploads_bench.py [--runs 5]

Runs on a scratch SQLite database with one enterprise; prints medians.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _bomb(workbook: bytes, inflated_mb: int) -> bytes:
    """The workbook with its 年度数据 sheet swapped for ``inflated_mb`` MB of repeated rows."""
    row = b"<row>" + b'<c t="inlineStr"><is><t>0</t></is></c>' * 50 + b"</row>"
    chunk = row * (1024 * 1024 // len(row))
    source = zipfile.ZipFile(io.BytesIO(workbook))
    target_name = sorted(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))[2]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != target_name:
                target.writestr(info, source.read(info.filename))
        with target.open(target_name, "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(inflated_mb):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _largest_allowed(workbook: bytes, rows: int) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    sheet = book["年度数据"]
    for n in range(rows):
        money = [1234567.89] * 6
        sheet.append([1990 + n % 100, *money[:5], 100, 10, *([12345.67] * 9), *money[:2]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _measure(label: str, runs: int, call) -> None:
    times, peaks = [], []
    for _ in range(runs):
        tracemalloc.start()
        start = time.perf_counter()
        report = call()
        times.append(time.perf_counter() - start)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    first = (report.messages or ["ok"])[0][:70]
    median_ms, peak_mb = statistics.median(times) * 1000, statistics.median(peaks) / 2**20
    print(f"{label:<44} {median_ms:9.1f} ms  peak {peak_mb:7.1f} MB  → {first}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="gaoqi-uploads-")
    os.environ["GAOQI_SQLITE_PATH"] = str(Path(scratch.name) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from gaoqi.apps.enterprises.excel import profile_export, profile_import
    from tests.platform.fuzz import fuzz_cast

    call_command("migrate", verbosity=0)
    fuzz_cast()
    from gaoqi.apps.enterprises.models import Membership

    member = Membership.objects.select_related("user", "enterprise").first()
    actor, enterprise = member.user, member.enterprise
    workbook = profile_export(enterprise)
    for inflated in (200, 1400):
        bomb = _bomb(workbook, inflated)
        label = f"ZIP bomb {len(bomb) / 1024:.0f} KB → {inflated} MB"
        _measure(label, args.runs, lambda bomb=bomb: profile_import(actor=actor, enterprise=enterprise, data=bomb))
    largest = _largest_allowed(workbook, 4990)
    label = f"5,000 rows × 20 columns ({len(largest) / 1024:.0f} KB)"
    _measure(label, args.runs, lambda: profile_import(actor=actor, enterprise=enterprise, data=largest))
    scratch.cleanup()


if __name__ == "__main__":
    main()
