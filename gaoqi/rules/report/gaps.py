"""The gap plan: concrete, quantified actions for every failed or unknown condition, cheapest first.

Which actions apply and their quantities, costs and score gains are computed vectorised for every enterprise at
once; each action carries its message (catalogue id and arguments), from which its description is written.
"""

from dataclasses import dataclass

import numpy as np

from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import FAIL, PASS, UNKNOWN
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.hte.references import ART_11, SCORE_CONVERSION, SCORE_IP, SCORE_MANAGEMENT
from gaoqi.rules.hte.score import ip_points_with_first_item
from gaoqi.rules.profile import MANAGEMENT_ITEMS
from gaoqi.rules.report.formats import PYTHON
from gaoqi.rules.report.raw import Raw, rate_column

GRADES = "ABCDE"
REFERENCES = {condition: ART_11[article] for condition, _, article in CONDITIONS}


@dataclass(frozen=True)
class Field:
    """A message argument taken from the gap item itself: ``quantity``, ``available_from`` or ``gain``."""

    name: str


QUANTITY, AVAILABLE_FROM, GAIN = Field("quantity"), Field("available_from"), Field("gain")


@dataclass(frozen=True)
class Gap:
    """One kind of action for every enterprise: where it applies, its figures (Raw columns) and its message
    (catalogue id, arguments: Raw columns, item fields or constant strings)."""

    condition: str
    action: str
    unit: str
    reference: str
    applies: np.ndarray
    quantity: Raw
    cost: Raw
    message: str
    args: tuple = ()
    gain_min: Raw | None = None
    gain_max: Raw | None = None
    available_from: Raw | None = None


def _ints(values) -> Raw:
    return Raw("int", np.asarray(values, dtype=np.int64))


def _fen(values, valid=None) -> Raw:
    return Raw("fen", np.asarray(values, dtype=np.int64), valid)


def _capped_gain(ev: Evaluation, low_delta, high_delta) -> tuple[Raw, Raw]:
    cap = ev.param("hte.score.ip_max")
    low, high = ev("score_ip_min"), ev("score_ip_max")
    return _ints(np.minimum(low + low_delta, cap) - low), _ints(np.minimum(high + high_delta, cap) - high)


def _supply_items(ev: Evaluation, n: int) -> dict[str, list[Gap]]:
    return {
        condition: [
            Gap(
                condition,
                "supply_data",
                "项",
                REFERENCES[condition],
                ev(f"hte_{condition}") == UNKNOWN,
                _ints(np.ones(n)),
                _fen(np.zeros(n)),
                f"gaps.supply_data.{condition}",
            )
        ]
        for condition, _, _ in CONDITIONS
        if condition != "innovation_score"
    }


def _rate(value) -> str:
    return PYTHON["rate"](int(rate_column([value])[0]))


def _failure_items(ev: Evaluation, costs: dict, n: int) -> dict[str, list[Gap]]:
    def failing(condition):
        return ev(f"hte_{condition}") == FAIL

    rd_failing = failing("rd_ratio")
    staff = ev("gap_st_staff_needed")
    return {
        "registered_one_year": [
            Gap(
                "registered_one_year",
                "wait_until",
                "天",
                REFERENCES["registered_one_year"],
                failing("registered_one_year"),
                _ints(ev.param("hte.registration.min_days") - ev("days_registered")),
                _fen(np.zeros(n)),
                "gaps.wait_registration",
                (AVAILABLE_FROM, QUANTITY),
                available_from=Raw("day", ev("gap_registration_met_on")),
            )
        ],
        "core_ip": [
            Gap(
                "core_ip",
                "obtain_core_ip",
                "项",
                REFERENCES["core_ip"],
                failing("core_ip"),
                _ints(np.ones(n)),
                _fen(np.full(n, costs["class_ii_ip_cost"])),
                "gaps.obtain_core_ip",
            )
        ],
        "tech_field": [
            Gap(
                "tech_field",
                "fix_tech_field",
                "项",
                REFERENCES["tech_field"],
                failing("tech_field"),
                _ints(np.ones(n)),
                _fen(np.zeros(n)),
                "gaps.fix_tech_field",
                (Raw("code", ev("tech_field")),),
            )
        ],
        "st_staff_ratio": [
            Gap(
                "st_staff_ratio",
                "add_st_staff",
                "人",
                REFERENCES["st_staff_ratio"],
                failing("st_staff_ratio"),
                _ints(staff),
                _fen(staff * costs["staff_annual_cost"]),
                "gaps.add_st_staff",
                (QUANTITY, _rate(ev.param("hte.st_staff.min_ratio"))),
            )
        ],
        "rd_ratio": [
            Gap(
                "rd_ratio",
                "increase_rd",
                "元",
                REFERENCES["rd_ratio"],
                rd_failing & ~ev("hte_rd_ratio_met"),
                _fen(ev("gap_rd_shortfall")),
                _fen(ev("gap_rd_shortfall")),
                "gaps.increase_rd",
                (_fen(ev("gap_rd_required_3y")), QUANTITY),
            ),
            Gap(
                "rd_ratio",
                "increase_domestic_rd",
                "元",
                REFERENCES["rd_ratio"],
                rd_failing & ~ev("hte_domestic_share_met"),
                _fen(ev("gap_domestic_rd_shortfall")),
                _fen(ev("gap_domestic_rd_shortfall")),
                "gaps.increase_domestic_rd",
                (QUANTITY, _rate(ev.param("hte.rd_intensity.min_domestic_share"))),
            ),
        ],
        "hightech_income_ratio": [
            Gap(
                "hightech_income_ratio",
                "increase_hightech_income",
                "元",
                REFERENCES["hightech_income_ratio"],
                failing("hightech_income_ratio"),
                _fen(ev("gap_hightech_income_shortfall")),
                _fen(np.zeros(n), np.zeros(n, dtype=bool)),
                "gaps.increase_hightech_income",
                (QUANTITY, _rate(ev.param("hte.hightech_income.min_ratio"))),
            )
        ],
        "no_major_incident": [
            Gap(
                "no_major_incident",
                "wait_until",
                "项",
                REFERENCES["no_major_incident"],
                failing("no_major_incident"),
                _ints(ev("major_incidents_last_year")),
                _fen(np.zeros(n)),
                "gaps.wait_incident",
                (AVAILABLE_FROM,),
                available_from=Raw("day", ev("gap_incident_clear_on")),
            )
        ],
    }


def _score_items(ev: Evaluation, costs: dict, n: int) -> list[Gap]:
    open_score = ev("hte_innovation_score") != PASS
    table = ev.param("hte.score.ip_quantity")
    lows = np.array([table[g][0] for g in GRADES])
    highs = np.array([table[g][1] for g in GRADES])
    grade = ev("ip_quantity_grade")
    needed = ev("gap_ip_class_ii_needed")
    total = ev("ip_class_ii_count") + needed
    minimum = table["class_ii_min"]
    target = np.where(total >= minimum["B"], 1, np.where(total >= minimum["C"], 2, 3))
    none = ev("ip_none_usable")
    unlock_low, unlock_high = (np.where(none, part, 0) for part in ip_points_with_first_item(ev))
    ii_gain = _capped_gain(ev, lows[target] - lows[grade] + unlock_low, highs[target] - highs[grade] + unlock_high)
    i_gain = _capped_gain(ev, lows[0] - lows[grade] + unlock_low, highs[0] - highs[grade] + unlock_high)
    rows = ev.param("hte.score.conversion")
    thresholds = np.array([int(row.get("at_least", 0)) for row in rows])
    row_lows = np.array([row["points"][0] for row in rows])
    row_highs = np.array([row["points"][1] for row in rows])
    current = ev("conversion_grade")
    aim = np.where(thresholds[current] < thresholds[-3], len(rows) - 3, np.maximum(current - 1, 0))
    conversions = ev("gap_conversions_needed")
    bonus = ev.param("hte.score.standards_bonus")["A"]
    items = [
        Gap(
            "innovation_score",
            "add_class_ii_ip",
            "项",
            SCORE_IP,
            open_score & (needed > 0) & ev("ip_reported"),
            _ints(needed),
            _fen(needed * costs["class_ii_ip_cost"]),
            "gaps.add_class_ii_ip",
            (QUANTITY, GAIN),
            *ii_gain,
        ),
        Gap(
            "innovation_score",
            "add_class_i_ip",
            "项",
            SCORE_IP,
            open_score & (grade != 0) & ev("ip_reported"),
            _ints(np.ones(n)),
            _fen(np.full(n, costs["class_i_ip_cost"])),
            "gaps.add_class_i_ip",
            (GAIN,),
            *i_gain,
        ),
        Gap(
            "innovation_score",
            "add_conversions",
            "项",
            SCORE_CONVERSION,
            open_score & (conversions > 0) & ev("conversions_reported"),
            _ints(conversions),
            _fen(conversions * costs["conversion_cost"]),
            "gaps.add_conversions",
            (QUANTITY, GAIN),
            _ints(row_lows[aim] - row_lows[current]),
            _ints(row_highs[aim] - row_highs[current]),
        ),
    ]
    for element in MANAGEMENT_ITEMS:
        name = f"management_{element}"
        missing = ~(ev(name) & ev.known(name))
        items.append(
            Gap(
                "innovation_score",
                f"establish_{element}",
                "项",
                SCORE_MANAGEMENT,
                open_score & missing,
                _ints(np.ones(n)),
                _fen(np.full(n, costs["management_element_cost"])),
                f"gaps.establish.{element}",
            )
        )
    standards_gain = _capped_gain(ev, bonus[0], bonus[1])
    items.append(
        Gap(
            "innovation_score",
            "join_standard_drafting",
            "项",
            SCORE_IP,
            open_score & ~ev("standards") & ~none,
            _ints(np.ones(n)),
            _fen(np.full(n, costs["standards_cost"])),
            "gaps.join_standard_drafting",
            (GAIN,),
            *standards_gain,
        )
    )
    return items


def gaps(ev: Evaluation, costs: dict) -> list[Gap]:
    """Every kind of gap action in the order of the law; the plan sorts them by cost, stably."""
    n = ev.size
    supply, failures = _supply_items(ev, n), _failure_items(ev, costs, n)
    ordered = []
    for condition, _, _ in CONDITIONS:
        ordered.extend(supply.get(condition, []))
        ordered.extend(failures.get(condition, []))
    return ordered + _score_items(ev, costs, n)
