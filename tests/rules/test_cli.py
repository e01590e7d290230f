"""The ``gaoqi`` command: readable Chinese text, JSON, exit 2 with the field named on bad input."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from gaoqi.rules import assess
from gaoqi.rules.cases import bases
from gaoqi.rules.synthetic import profiles
from tests.rules.helpers import without_basis

EXAMPLE = Path(__file__).parents[2] / "examples" / "profile-complete.json"


def gaoqi(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gaoqi.cli", *args], capture_output=True, text=True, check=False)


def test_it_prints_a_readable_chinese_report():
    done = gaoqi("assess", str(EXAMPLE), "--as-of", "2026-11-28", "--format", "text")
    assert done.returncode == 0
    assert "高新技术企业认定：不符合" in done.stdout
    assert "研发费用还差 60,000.00元" in done.stdout
    assert "补短板清单" in done.stdout


def test_it_prints_the_result_as_json():
    done = gaoqi("assess", str(EXAMPLE), "--as-of", "2026-11-28")
    result = json.loads(done.stdout)
    assert done.returncode == 0
    assert result["as_of"] == "2026-11-28"
    assert [c["id"] for c in result["hte"]["conditions"]][4] == "rd_ratio"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"registered_on": "2018-13-01"}, "registered_on"),
        ({"uscc": "91350100M000100Y42"}, "uscc"),
        ({"ip": [{"kind": "trademark", "granted_on": "2020-01-01"}]}, "ip[0].kind"),
        ({"fiscal_years": [{"year": 2025, "sales_revenue": "12.345"}]}, "fiscal_years[0].sales_revenue"),
        ({"self_rating": {"advancement": "F"}}, "self_rating.advancement"),
    ],
)
def test_it_exits_2_naming_the_offending_field(tmp_path, change, field):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({**bases()["三年完整档案"], **change}, ensure_ascii=False), encoding="utf-8")
    done = gaoqi("assess", str(path))
    assert done.returncode == 2
    assert field in done.stderr
    assert "Traceback" not in done.stderr


def test_it_exits_2_on_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    done = gaoqi("assess", str(path))
    assert done.returncode == 2
    assert "不是有效的 JSON" in done.stderr


def test_it_exits_2_on_a_missing_file(tmp_path):
    done = gaoqi("assess", str(tmp_path / "absent.json"))
    assert done.returncode == 2
    assert "无法读取文件" in done.stderr


def test_batch_results_are_expanded_to_the_single_assessment_in_either_language(tmp_path):
    batch = profiles(3, seed=31)
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in [*batch, {"registered_on": "x"}]))
    assert (
        gaoqi(
            "assess-batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out.jsonl"), "--as-of", "2026-11-28"
        ).returncode
        == 0
    )
    done = gaoqi("expand", str(tmp_path / "out.jsonl"), "--out", str(tmp_path / "whole.jsonl"), "--language", "en")
    assert done.returncode == 0
    lines = [orjson.loads(line) for line in (tmp_path / "whole.jsonl").read_bytes().splitlines()]
    assert lines[:3] == [without_basis(assess(p, as_of=dt.date(2026, 11, 28), language="en")) for p in batch]
    assert lines[3]["error"]["field"] == "registered_on"
