"""Schemathesis over /api/v1/openapi.json as an enterprise admin and as the bureau, on a scratch database.

    .venv/bin/python scripts/fuzz_api.py                              # about 10,000 cases (make fuzz)
    .venv/bin/python scripts/fuzz_api.py --examples 4 --no-coverage   # the short run of `make test`

Prints the cases run and the server errors (each with the request and, grouped, the exception behind it) and exits
1 when there was any. SQLite in a temporary directory; with DATABASE_URL=postgres://…/NAME a scratch database
NAME_fuzz on that server instead, created and dropped here.
"""

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@contextmanager
def scratch_database(directory: str):
    """Point the settings at a throw-away database for the length of the run."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        os.environ["GAOQI_SQLITE_PATH"] = str(Path(directory) / "fuzz.sqlite3")
        yield
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_fuzz"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=40, help="Hypothesis examples per operation and phase")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-coverage", action="store_true", help="leave out the boundary-value phase (short run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gaoqi-fuzz-") as directory, scratch_database(directory):
        os.environ["GAOQI_MEDIA_ROOT"] = str(Path(directory) / "media")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.settings")
        os.environ["GAOQI_DEBUG"] = "0"
        os.environ.setdefault("GAOQI_LOG_LEVEL", "ERROR")  # 4xx answers are the point here; 5xx still log

        import django

        django.setup()
        from django.core.management import call_command

        from tests.platform.fuzz import fuzz, fuzz_cast

        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        report = fuzz(fuzz_cast(), examples=args.examples, seed=args.seed, coverage=not args.no_coverage)
        for line in report.server_errors:
            print(line)
        for cause, n in report.causes.most_common():
            print(f"{n:>5} x {cause}")
        for problem in report.problems:
            print(f"schemathesis: {problem}")
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(report.by_status.items()))
        print(f"answers by status: {statuses}")
        print(f"{report.line()}  ({time.perf_counter() - start:.0f} s)")
    return 1 if report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
