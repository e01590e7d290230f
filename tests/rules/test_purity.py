"""The rules engine stays pure: importing it loads no web framework."""

import subprocess
import sys


def test_importing_the_rules_engine_does_not_import_django():
    code = (
        "import sys, gaoqi.rules, gaoqi.rules.batch, gaoqi.cli;"
        "print(any(m.split('.')[0] in ('django', 'ninja') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_single_assessment_command_starts_without_polars_or_scipy():
    code = "import sys, gaoqi.cli; print(sorted(m for m in ('polars', 'scipy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
