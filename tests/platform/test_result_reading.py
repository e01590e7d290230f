"""The stored result document is read in one place (``gaoqi.apps.assessments.results``)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from gaoqi.apps.assessments.results import (
    result_conditions,
    result_gaps,
    result_growth,
    result_part,
    result_score_total,
)
from tests.platform.conftest import canned_result

ROOT = Path(settings.BASE_DIR, "gaoqi")
READING = re.compile(
    r"\.result\.get\(|\.result or \{\}|result\.get\(\"(hte|gaps|tsme|rd_deduction|benefits)\"\)"
    r"|result\[\"(hte|gaps|tsme|rd_deduction|benefits)\"\]"
)
# the demo loader reads the rules' fresh answer for one enterprise before anything is stored (and sits below
# assessments in the layers)
ALLOWED = {ROOT / "apps/assessments/results.py", ROOT / "apps/enterprises/demo.py"}
MODULES = sorted(
    p for folder in ("apps", "web", "api") for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts
)


@pytest.mark.parametrize("path", [p for p in MODULES if p not in ALLOWED], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_digs_into_a_stored_result_itself(path):
    found = [line for line in path.read_text(encoding="utf-8").splitlines() if READING.search(line)]
    assert not found, f"{path}: read the result through gaoqi.apps.assessments.results: {found}"


def test_the_parts_of_a_result_are_read_with_defaults_for_what_is_missing():
    result = canned_result()
    assert [c["id"] for c in result_conditions(result)] == [c["id"] for c in result["hte"]["conditions"]]
    assert result_gaps(result)[0]["action"] == "hire_st_staff"
    assert result_score_total(result) == {"min": 72, "max": 81}
    assert result_growth(result) == {"min": 10, "max": 20}
    assert result_part(result, "tsme")["score"] == 75
    for empty in (None, {}, {"hte": None, "gaps": None}):
        assert (result_conditions(empty), result_gaps(empty), result_score_total(empty)) == ([], [], {})
        assert result_part(empty, "hte") == {}
