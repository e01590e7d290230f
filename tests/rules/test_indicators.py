"""Indicator systems: normalisations, gates, weights and the per-indicator explanation."""

from decimal import Decimal

import numpy as np
import pytest

from gaoqi.rules.criteria import SCALE, Column, facts_from_lists
from gaoqi.rules.indicators import IndicatorError, default_system, explain, score, system_from_dict
from gaoqi.rules.indicators.normalise import banded, minmax, percentile


def col(*values):
    known = np.array([v is not None for v in values])
    raw = np.array([0 if v is None else int(Decimal(str(v)) * SCALE) for v in values], dtype=np.int64)
    return Column(raw, known)


def test_minmax_maps_the_lowest_known_to_zero_and_the_highest_to_one():
    c = col(1, 3, None, 2)
    assert minmax(c.values, c.known).tolist() == [0.0, 1.0, 0.0, 0.5]


def test_minmax_gives_nothing_when_every_known_value_is_equal():
    c = col(7, 7, None)
    assert minmax(c.values, c.known).tolist() == [0.0, 0.0, 0.0]


def test_percentile_is_the_share_of_the_others_strictly_below_and_ties_share_a_rank():
    c = col(10, 20, 20, 50, None)
    assert percentile(c.values, c.known).tolist() == [0.0, 1 / 3, 1 / 3, 1.0, 0.0]


def test_a_value_most_enterprises_share_at_the_bottom_earns_nothing():
    c = col(0, 0, 0, 5)
    assert percentile(c.values, c.known).tolist() == [0.0, 0.0, 0.0, 1.0]


def test_a_band_is_reached_exactly_at_its_lower_bound():
    c = col("0.0499", "0.05", "0.0501", "0.01")
    bounds = np.array([int(Decimal("0.03") * SCALE), int(Decimal("0.05") * SCALE)], dtype=np.int64)
    assert banded(c.values, c.known, bounds, np.array([0.5, 1.0])).tolist() == [0.5, 1.0, 1.0, 0.0]


def two_indicators(gate=""):
    return system_from_dict(
        {
            "indicators": [
                {"key": "rd_intensity", "weight": "3", "method": "banded", "bands": [["5%", "1"]]},
                {"key": "financing", "weight": "1", "method": "minmax", "gate": gate},
            ]
        }
    )


def test_the_total_is_the_weighted_share_of_one_hundred():
    system = two_indicators()
    columns = {"rd_intensity": col("0.06", "0.02"), "financing": col(0, 1000)}
    scores = score(system, columns)
    assert scores.total.tolist() == [75.0, 25.0]


def test_an_indicator_whose_gate_is_not_met_counts_nothing_and_says_why():
    system = two_indicators(gate="not listed")
    columns = {"rd_intensity": col("0.06", "0.06", "0.06"), "financing": col(1000, 1000, 0)}
    facts = facts_from_lists(3, {"listed": [False, True, False]})
    scores = score(system, columns, facts)
    assert scores.total.tolist() == [100.0, 75.0, 75.0]
    lines = explain(system, columns, scores, 1)
    assert lines[1].points == 0.0
    assert "未满足门槛" in lines[1].note
    assert lines[0].value == Decimal("0.06")
    assert lines[0].points == 75.0


def test_missing_data_scores_zero_and_is_named():
    system = two_indicators()
    columns = {"rd_intensity": col(None, "0.05"), "financing": col(1, 1)}
    scores = score(system, columns)
    assert explain(system, columns, scores, 0)[0].note == "缺少数据，按 0 计"


def test_order_puts_the_highest_first_and_breaks_ties_by_id():
    system = two_indicators()
    scores = score(system, {"rd_intensity": col("0.06", "0.06", "0.01"), "financing": col(1, 1, 1)})
    assert scores.order(np.array([9, 4, 1])).tolist() == [1, 0, 2]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weight": "abc"}, "rd_intensity.weight"),
        ({"weight": "-1"}, "rd_intensity.weight"),
        ({"method": "zscore"}, "rd_intensity.method"),
        ({"bands": []}, "rd_intensity.bands"),
        ({"bands": [["5%", "1"], ["3%", "0.5"]]}, "rd_intensity.bands"),
        ({"bands": [["5%", "2"]]}, "rd_intensity.bands"),
        ({"gate": "listed ="}, "rd_intensity.gate"),
    ],
)
def test_a_bad_indicator_is_refused_naming_the_field(change, field):
    raw = {"key": "rd_intensity", "weight": "1", "method": "banded", "bands": [["5%", "1"]]} | change
    with pytest.raises(IndicatorError) as caught:
        system_from_dict({"indicators": [raw]})
    assert caught.value.field == field
    assert caught.value.message


def test_a_system_with_no_positive_weight_is_refused():
    with pytest.raises(IndicatorError, match="至少需要一个"):
        system_from_dict({"indicators": [{"key": "awards", "weight": "0", "method": "minmax"}]})


def test_the_default_system_loads_and_round_trips():
    name, system = default_system()
    assert name
    assert system.total_weight == 100
    assert system_from_dict(system.as_dict()) == system
