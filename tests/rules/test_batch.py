"""Bulk assessment of JSON lines: the same results as one by one, invalid lines reported in place."""

import datetime as dt
import json

import orjson
import polars as pl
import pytest

from gaoqi.rules import ProfileError, assess, assess_batch, expand
from gaoqi.rules import batch as batch_module
from gaoqi.rules.batch import run
from gaoqi.rules.columnar import SCHEMA, read_jsonl
from gaoqi.rules.profile import read_profiles
from gaoqi.rules.synthetic import mixed_profiles, profiles
from tests.rules.helpers import explained, without_basis

AS_OF = dt.date(2026, 11, 28)


def _write(path, rows) -> None:
    path.write_bytes(b"".join((row if isinstance(row, bytes) else orjson.dumps(row)) + b"\n" for row in rows))


def _same_tables(fast, slow) -> None:
    for name, column in slow.columns.items():
        assert (fast.columns[name] == column).all(), name
    for name in set(slow.known) | set(fast.known):
        assert (slow.known.get(name, True) == fast.known.get(name, True)).all(), name
    for entity, starts in slow.starts.items():
        assert (fast.starts[entity] == starts).all(), entity


def test_the_fast_reader_builds_the_same_tables_as_the_validating_reader():
    batch = profiles(2_000, seed=11)
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.all()
    _same_tables(fast, read_profiles(batch, AS_OF))


def test_the_fast_reader_reads_amounts_given_as_numbers_and_strings_alike():
    batch = mixed_profiles(2_000, seed=21, invalid_share=0)
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.all()
    _same_tables(fast, read_profiles(batch, AS_OF))


def test_the_fast_reader_sets_aside_only_the_rows_it_cannot_vouch_for():
    batch = profiles(4, seed=22)
    batch[1]["fiscal_years"][0]["sales_revenue"] = "1.234"
    batch[2]["registered_on"] = "2020-02-30"
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.tolist() == [True, False, False, True]
    _same_tables(fast, read_profiles([batch[0], batch[3]], AS_OF))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p["fiscal_years"][0].update(year=str(p["fiscal_years"][0]["year"])),
        lambda p: p["fiscal_years"][0].update(year=float(p["fiscal_years"][0]["year"])),
        lambda p: p.update(is_manufacturing="true"),
        lambda p: p.update(standards=1),
        lambda p: p.update(name={"zh": "某公司"}),
        lambda p: p.update(district=True),
        lambda p: p.update(tech_field=10101.5),
        lambda p: p["fiscal_years"][0].update(sales_revenue=True),
        lambda p: p["fiscal_years"][0]["rd"].update(personnel={"amount": 1}),
        lambda p: p.update(management={"rd_system": "yes"}),
        lambda p: p.update(incidents=[{"kind": "safety", "on": "2026-01-05", "major": 0}]),
    ],
)
def test_a_value_of_the_wrong_json_type_is_set_aside_for_the_validating_reader(spoil):
    batch = profiles(3, seed=25, complete=True)
    spoil(batch[1])
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.tolist() == [True, False, True]
    _same_tables(fast, read_profiles([batch[0], batch[2]], AS_OF))


def test_text_given_as_a_whole_number_is_read_as_its_digits():
    batch = profiles(2, seed=26, complete=True)
    batch[0]["district"] = 440106
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.all()
    _same_tables(fast, read_profiles(batch, AS_OF))


def test_a_minor_incident_may_leave_out_its_date_but_a_major_one_may_not():
    batch = profiles(3, seed=24)
    batch[0]["incidents"] = [{"kind": "quality", "major": False}, {"kind": "safety", "on": "2026-01-05"}]
    batch[1]["incidents"] = [{"kind": "safety", "major": True}]
    fast, good = read_jsonl(b"".join(orjson.dumps(p) + b"\n" for p in batch), AS_OF)
    assert good.tolist() == [True, False, True]
    _same_tables(fast, read_profiles([batch[0], batch[2]], AS_OF))
    with pytest.raises(ProfileError) as error:
        read_profiles([batch[1]], AS_OF)
    assert error.value.field == "incidents[0].on"


def test_a_block_with_invalid_lines_reads_only_those_lines_one_by_one(tmp_path, monkeypatch):
    batch = mixed_profiles(500, seed=23, invalid_share=0)
    rows = [*batch[:100], b"{broken", {**batch[100], "ip": [{"kind": "trademark"}]}, *batch[101:]]
    _write(tmp_path / "in.jsonl", rows)
    validated = []
    original = batch_module._validated
    monkeypatch.setattr(
        batch_module, "_validated", lambda lines, *rest: (validated.extend(lines), original(lines, *rest))
    )
    outcome = batch_module.assess_block(next(batch_module.blocks(tmp_path / "in.jsonl")), AS_OF, parquet=False)
    lines = [json.loads(line) for line in outcome.jsonl.decode().splitlines()]
    assert [number for number, _ in validated] == [101, 102]
    assert (outcome.assessed, outcome.invalid) == (499, 2)
    assert lines[101]["error"]["field"] == "ip[0].kind"
    singles = [without_basis(assess(p, as_of=AS_OF)) for p in (batch[0], batch[199])]
    assert [expand(lines[0]), expand(lines[200])] == singles


def test_a_batch_file_gives_the_same_results_as_assessing_in_memory(tmp_path):
    batch = profiles(300, seed=12)
    _write(tmp_path / "in.jsonl", batch)
    assessed, invalid = run(tmp_path / "in.jsonl", tmp_path / "out.jsonl", AS_OF, workers=2)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (assessed, invalid) == (300, 0)
    assert "reference" not in lines[0]["hte"]["conditions"][0]
    assert [expand(line) for line in lines] == explained(assess_batch(batch, as_of=AS_OF))


def test_an_invalid_line_gets_an_error_in_its_place_and_the_others_are_assessed(tmp_path):
    batch = profiles(5, seed=13)
    rows = [batch[0], b"{broken", {**batch[1], "registered_on": "yesterday"}, batch[2]]
    _write(tmp_path / "in.jsonl", rows)
    assessed, invalid = run(tmp_path / "in.jsonl", tmp_path / "out.jsonl", AS_OF, workers=1)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (assessed, invalid) == (2, 2)
    assert lines[1]["line"] == 2
    assert lines[2] == {
        "line": 3,
        "error": {"field": "registered_on", "message": "应为日期 YYYY-MM-DD，收到 'yesterday'"},
    }
    assert lines[3]["name"] == batch[2]["name"]


def test_results_can_be_written_as_parquet(tmp_path):
    batch = profiles(50, seed=14)
    _write(tmp_path / "in.jsonl", batch)
    run(tmp_path / "in.jsonl", tmp_path / "out.parquet", AS_OF, workers=1)
    frame = pl.read_parquet(tmp_path / "out.parquet")
    assert frame.height == 50
    assert frame["line"].to_list() == list(range(1, 51))
    assert frame["result"].struct.field("hte").struct.field("eligible").to_list() == [
        r["hte"]["eligible"] for r in assess_batch(batch, as_of=AS_OF)
    ]


def test_profiles_can_be_read_from_parquet_in_the_json_lines_schema(tmp_path):
    batch = profiles(40, seed=15)
    _write(tmp_path / "in.jsonl", batch)
    pl.read_ndjson(tmp_path / "in.jsonl", schema=SCHEMA).write_parquet(tmp_path / "in.parquet")
    run(tmp_path / "in.parquet", tmp_path / "out.jsonl", AS_OF, workers=1)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [expand(line) for line in lines] == explained(assess_batch(batch, as_of=AS_OF))


def test_a_parquet_row_the_fast_reader_declines_is_validated_row_by_row(tmp_path):
    batch = profiles(3, seed=16)
    batch[1]["registered_on"] = "2020-02-30"
    _write(tmp_path / "in.jsonl", batch)
    pl.read_ndjson(tmp_path / "in.jsonl", schema=SCHEMA).write_parquet(tmp_path / "in.parquet")
    assessed, invalid = run(tmp_path / "in.parquet", tmp_path / "out.jsonl", AS_OF, workers=1)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (assessed, invalid) == (2, 1)
    assert lines[1]["error"]["field"] == "registered_on"
