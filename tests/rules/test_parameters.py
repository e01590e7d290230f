"""Parameters: every legal figure is dated and cited, and the as-of date selects the law in force."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gaoqi.rules import assess
from gaoqi.rules.cases import bases
from gaoqi.rules.engine.parameters import ParameterFileError, ParameterSet
from gaoqi.rules.rulebooks import parameters


def test_every_parameter_value_has_a_date_a_reference_and_a_confidence():
    for parameter in parameters():
        assert parameter.entries, parameter.name
        for entry in parameter.entries:
            assert entry.reference, parameter.name
            assert entry.confidence, parameter.name


def test_every_source_and_confidence_is_listed_in_the_sources_page():
    page = (Path(__file__).parents[2] / "docs" / "rules-sources.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in page.splitlines() if line.startswith("| ")}
    for parameter in parameters():
        for entry in parameter.entries:
            assert entry.confidence in rows, (parameter.name, entry.confidence)
            assert not entry.source or entry.source in rows, (parameter.name, entry.source)


def test_a_value_without_a_citation_is_refused(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        yaml.safe_dump({"rate": {"label": "x", "unit": "ratio", "values": [{"since": "2020-01-01", "value": "0.1"}]}})
    )
    with pytest.raises(ParameterFileError, match="reference"):
        ParameterSet.load({"bad": path})


def test_the_rate_in_force_follows_the_tax_year():
    rate = parameters()["rd_deduction.rate.general"]
    assert [str(rate.entry_at(dt.date(year, 6, 1)).value) for year in (2017, 2019, 2023)] == ["1/2", "3/4", "1"]


def test_a_date_before_the_2016_rules_is_refused_with_a_clear_message():
    with pytest.raises(LookupError, match="之前没有"):
        assess(bases()["三年完整档案"], as_of=dt.date(2015, 6, 1))


def test_the_command_line_lists_the_uncertain_figures():
    done = subprocess.run(
        [sys.executable, "-m", "gaoqi.cli", "parameters", "--uncertain"], capture_output=True, text=True, check=True
    )
    assert "hte.score.conversion" in done.stdout
    assert "rd_deduction.rate.general" not in done.stdout
