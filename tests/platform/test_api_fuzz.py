"""A short Schemathesis run over the whole API as an enterprise admin and as the bureau: no case gets a 5xx
(``make fuzz`` runs the long one, over 5,000 cases with the boundary-value phase).

The script runs in its own process on a scratch database (SQLite, or NAME_fuzz beside the PostgreSQL database the
suite runs on): Schemathesis's engine sends requests from worker threads, which this process's test database does
not serve.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_api.py"


def test_no_generated_request_gets_a_server_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"GAOQI_SQLITE_PATH", "GAOQI_MEDIA_ROOT"}}
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--examples", "4", "--no-coverage"],
        capture_output=True,
        text=True,
        env={**env, "TMPDIR": str(tmp_path)},
        timeout=600,
        check=False,
    )
    summary = re.search(r"cases run: (\d+)  server errors: (\d+)", run.stdout)
    assert summary, run.stdout + run.stderr
    assert int(summary[1]) > 300
    assert (run.returncode, int(summary[2])) == (0, 0), run.stdout[-5000:]
